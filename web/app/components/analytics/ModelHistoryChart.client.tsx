// How CP (CS) and W′ (D′) moved, week by week (Recharts). A `.client` module: never in the server build, loaded
// lazily after hydration (see ChartFrame), as the other charts are.

import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { sportColor, type Units } from '~/utils/analytics';
import { day, dayShort, fixed, METRES_PER, pace } from '~/utils/analytics-format';
import { axisScale, tickLabel } from './axis-scale';
import { GRID, tick, type TipProps } from './chart-theme';
import type { ModelPointView } from './ModelHistoryCard';
import { thresholdText } from './model-history-format';

const ts = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);
const tsLabel = (t: number) => dayShort(new Date(t).toISOString().slice(0, 10));
/** Over more than about a year the day says too little: month and year instead ("Aug 2019"). */
const monthLabel = (t: number) => new Date(t).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const RESERVE = '#7c3aed';

function HistoryTooltip({ active, payload, sport, units }: TipProps & { sport: 'ride' | 'run'; units: Units }) {
  const p = payload?.[0]?.payload as (ModelPointView & { x: number }) | undefined;
  if (!active || !p) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">Week of {day(p.date)}</p>
      <dl className="chart-tooltip-values">
        <div>
          <dt>{sport === 'ride' ? 'FTP estimate' : 'Threshold pace'}</dt>
          <dd>{thresholdText(p, sport, units)}</dd>
        </div>
        {p.critical !== null ? (
          <>
            <div>
              <dt>{sport === 'ride' ? 'CP' : 'CS'}</dt>
              <dd>
                {sport === 'ride' ? `${Math.round(p.critical)} W` : `${fixed(p.critical, 2)} m/s`}
                {p.criticalSE === null ? ' (one session)' : ` ± ${sport === 'ride' ? Math.round(p.criticalSE) : fixed(p.criticalSE, 2)}`}
              </dd>
            </div>
            <div>
              <dt>{sport === 'ride' ? 'W′' : 'D′'}</dt>
              <dd>{sport === 'ride' ? `${fixed((p.reserve ?? 0) / 1000, 1)} kJ` : `${Math.round(p.reserve ?? 0)} m`}</dd>
            </div>
          </>
        ) : (
          <div>
            <dt>Model</dt>
            <dd>not fitted</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

export function ModelHistoryChart({ points, sport, units }: { points: ModelPointView[]; sport: 'ride' | 'run'; units: Units }) {
  // Runs chart speed (higher is faster) so both sports read "up is fitter"; the axis is labelled as pace.
  const data = points.map((p) => ({
    ...p,
    x: ts(p.date),
    reserveAxis: p.reserve === null ? null : sport === 'ride' ? p.reserve / 1000 : p.reserve,
  }));
  const color = sportColor(sport);
  const first = points[0]!.date;
  const last = points.at(-1)!.date;
  const long = ts(last) - ts(first) > 330 * 86_400_000;
  // W′ (kJ) and D′ (m) are never negative and may move by less than a label's unit: the steps choose the decimals.
  const reserve = axisScale(
    data.map((d) => d.reserveAxis),
    { floor: 0 },
  );
  // Watts as whole numbers when the steps allow; runs keep Recharts' own speed axis, labelled as pace.
  const watts =
    sport === 'ride'
      ? axisScale(
          data.map((d) => d.threshold),
          { floor: 0 },
        )
      : null;
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart
        data={data}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        title={sport === 'ride' ? 'FTP estimate, CP and W′ by week' : 'Threshold pace, CS and D′ by week'}
        desc="Each point is a Monday, from the efforts before it."
      >
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis
          dataKey="x"
          type="number"
          scale="time"
          domain={[ts(first), ts(last)]}
          tickFormatter={long ? monthLabel : tsLabel}
          minTickGap={28}
          tick={tick}
          tickLine={false}
          axisLine={{ stroke: '#cbd5e1' }}
        />
        <YAxis
          yAxisId="t"
          width={48}
          tick={tick}
          tickLine={false}
          axisLine={false}
          domain={watts?.domain ?? ['auto', 'auto']}
          ticks={watts?.ticks}
          tickFormatter={(v: number) =>
            sport === 'ride' ? tickLabel(watts, v) : ((pace(METRES_PER[units] / v, units) ?? '').split('\u00a0')[0] ?? '')
          }
        />
        <YAxis
          yAxisId="r"
          orientation="right"
          width={40}
          tick={tick}
          tickLine={false}
          axisLine={false}
          domain={reserve?.domain ?? [0, 'auto']}
          ticks={reserve?.ticks}
          tickFormatter={(v: number) => tickLabel(reserve, v)}
        />
        <Line
          yAxisId="t"
          type="stepAfter"
          dataKey="threshold"
          name={sport === 'ride' ? 'FTP estimate' : 'Threshold pace'}
          stroke={color}
          strokeWidth={2}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="r"
          type="stepAfter"
          dataKey="reserveAxis"
          name={sport === 'ride' ? 'W′ (kJ)' : 'D′ (m)'}
          stroke={RESERVE}
          strokeWidth={1.5}
          strokeDasharray="5 4"
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Tooltip content={(p) => <HistoryTooltip {...p} sport={sport} units={units} />} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
