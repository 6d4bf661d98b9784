// The efficiency chart (Recharts). A `.client` module: never in the server build, loaded lazily after hydration
// (see ChartFrame), so Recharts' inline styles only ever reach the page through the DOM.

import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from 'recharts';
import { sportColor, type EfficiencyView, type Units } from '~/utils/analytics';
import { day, dayShort, fixed, pace } from '~/utils/analytics-format';
import { axisScale, tickLabel } from './axis-scale';
import { GRID, tick, type TipProps } from './chart-theme';

type EffPoint = EfficiencyView['runs']['points'][number];
const ts = (ymd: string) => Date.parse(`${ymd}T00:00:00Z`);
const tsLabel = (t: number) => dayShort(new Date(t).toISOString().slice(0, 10));

function EfficiencyTooltip({ active, payload, kind, units }: TipProps & { kind: 'run' | 'ride'; units: Units }) {
  const p = payload?.[0]?.payload as (EffPoint & { x: number }) | undefined;
  if (!active || !p || !('activityId' in p)) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{day(p.date)}</p>
      <p className="chart-tooltip-name">{p.name || 'Untitled activity'}</p>
      <dl className="chart-tooltip-values">
        <div>
          <dt>{kind === 'run' ? 'm per beat' : 'W per bpm'}</dt>
          <dd>{fixed(p.efficiency, kind === 'run' ? 3 : 2)}</dd>
        </div>
        {kind === 'run' && p.pace ? (
          <div>
            <dt>Pace</dt>
            <dd>{pace(p.pace, units)}</dd>
          </div>
        ) : null}
        {kind === 'ride' && p.power ? (
          <div>
            <dt>Power</dt>
            <dd>{Math.round(p.power)} W</dd>
          </div>
        ) : null}
        <div>
          <dt>Average HR</dt>
          <dd>{Math.round(p.avgHr)} bpm</dd>
        </div>
      </dl>
    </div>
  );
}

export function EfficiencyChart({
  points,
  trend,
  kind,
  units,
  from,
  to,
}: {
  points: EffPoint[];
  trend: EfficiencyView['runs']['trend'];
  kind: 'run' | 'ride';
  units: Units;
  from: string;
  to: string;
}) {
  const data = points.map((p) => ({ ...p, x: ts(p.date) }));
  const line = trend
    ? [
        { x: ts(trend.from), y: trend.start },
        { x: ts(trend.to), y: trend.end },
      ]
    : [];
  const color = sportColor(kind);
  // Efficiency is never negative: the axis stops at 0, and its labels carry the decimals its steps need.
  const y = axisScale([...points.map((p) => p.efficiency), ...line.map((l) => l.y)], { floor: 0 });
  // The first of each month in the period: evenly spaced, readable dates on a time axis.
  const ticks: number[] = [];
  for (let m = new Date(`${from.slice(0, 7)}-01T00:00:00Z`); m.getTime() <= ts(to); m.setUTCMonth(m.getUTCMonth() + 1))
    if (m.getTime() >= ts(from)) ticks.push(m.getTime());
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        title={kind === 'run' ? 'Easy-run efficiency, metres per heartbeat' : 'Ride efficiency, watts per heartbeat'}
        desc="Each dot is one activity; the line is the trend."
      >
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis
          dataKey="x"
          type="number"
          scale="time"
          domain={[ts(from), ts(to)]}
          ticks={ticks}
          tickFormatter={tsLabel}
          minTickGap={20}
          tick={tick}
          tickLine={false}
          axisLine={{ stroke: '#cbd5e1' }}
        />
        <YAxis
          dataKey="efficiency"
          type="number"
          width={44}
          tick={tick}
          tickLine={false}
          axisLine={false}
          domain={y?.domain ?? [0, 'auto']}
          ticks={y?.ticks}
          allowDataOverflow
          tickFormatter={(v: number) => tickLabel(y, v, kind === 'run' ? 2 : 1)}
        />
        <Scatter data={data} dataKey="efficiency" name={kind === 'run' ? 'Easy run' : 'Ride'} fill={color} isAnimationActive={false} />
        {line.length ? (
          <Line
            data={line}
            dataKey="y"
            name="Trend"
            stroke="#334155"
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={false}
            activeDot={false}
            isAnimationActive={false}
            legendType="none"
            tooltipType="none"
          />
        ) : null}
        <Tooltip content={(p) => <EfficiencyTooltip {...p} kind={kind} units={units} />} cursor={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
