// The activity's duration curve against its season's (Recharts, log-time axis). A `.client` module, loaded lazily
// after hydration (Recharts writes inline styles, which the CSP refuses in server HTML).
import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MouseHandlerDataParam } from 'recharts/types/synchronisation/types';
import { type CurveRow, type CurveView, curveValue, durationLabel, durationTick, ticksUpTo } from '~/utils/activity-curve';
import type { Units } from '~/utils/analytics';
import { day, raceTime } from '~/utils/analytics-format';
import { GRID, tick, type TipProps } from '../analytics/chart-theme';

export const MINE = '#2563eb';
export const SEASON = '#94a3b8';

function CurveTooltip({ active, payload, curve, units }: TipProps & { curve: CurveView; units: Units }) {
  const r = payload?.[0]?.payload as CurveRow | undefined;
  if (!active || !r) return null;
  const b = r.best;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">Best {durationLabel(r.d)}</p>
      <dl className="chart-tooltip-values">
        <div>
          <dt>This activity</dt>
          <dd>
            {curveValue(curve, r.mine, units)}
            {r.mineStartS !== null ? ` from ${raceTime(r.mineStartS)}` : ''}
          </dd>
        </div>
        {curve.season ? (
          <div>
            <dt>{curve.season.span.label}</dt>
            <dd>{curveValue(curve, r.season, units)}</dd>
          </div>
        ) : null}
      </dl>
      {b ? (
        <p className="chart-tooltip-name">
          {b.activityId === curve.activityId ? 'Season best: this activity' : `Season best from ${b.name || 'an activity'}, ${day(b.date)}`}
        </p>
      ) : null}
    </div>
  );
}

export function ActivityCurveChart({
  rows,
  curve,
  units,
  onPick,
}: {
  rows: CurveRow[];
  curve: CurveView;
  units: Units;
  /** A click on a duration: the row under the cursor. */
  onPick: (row: CurveRow) => void;
}) {
  const max = rows.at(-1)?.d ?? 60;
  const isPace = curve.kind === 'speed';
  const click = (s: MouseHandlerDataParam) => {
    const i = Number(s.activeTooltipIndex);
    if (s.activeTooltipIndex != null && Number.isInteger(i) && rows[i]) onPick(rows[i]!);
  };
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} onClick={click}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis
          dataKey="d"
          type="number"
          scale="log"
          domain={[1, max]}
          ticks={ticksUpTo(max)}
          tickFormatter={durationTick}
          tick={tick}
          tickLine={false}
          axisLine={{ stroke: '#cbd5e1' }}
          allowDataOverflow
        />
        <YAxis
          width={48}
          tick={tick}
          tickLine={false}
          axisLine={false}
          reversed={isPace}
          domain={['auto', 'auto']}
          tickFormatter={isPace ? (v: number) => raceTime(v) : (v: number) => String(Math.round(v))}
          tickCount={5}
        />
        <Tooltip content={(p) => <CurveTooltip {...p} curve={curve} units={units} />} isAnimationActive={false} />
        {curve.season ? (
          <Line dataKey="season" type="monotone" stroke={SEASON} strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
        ) : null}
        <Line dataKey="mine" type="monotone" stroke={MINE} strokeWidth={2.25} dot={false} isAnimationActive={false} connectNulls />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
