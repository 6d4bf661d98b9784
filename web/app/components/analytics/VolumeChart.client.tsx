// The weekly volume chart (Recharts). A `.client` module: never in the server build, loaded lazily after hydration
// (see ChartFrame), so Recharts' inline styles only ever reach the page through the DOM.

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { sportColor, sportLabel, type Units, type VolumeMetric, type WeeklyVolumeView } from '~/utils/analytics';
import { day, dayShort, fixed, formatMetric } from '~/utils/analytics-format';
import { GRID, tick, type TipProps } from './chart-theme';

const metricValue = (t: { distance: number; movingS: number; load: number }, metric: VolumeMetric) =>
  metric === 'distance' ? t.distance : metric === 'time' ? t.movingS / 3600 : t.load;

function VolumeTooltip({ active, payload, metric, units, sports }: TipProps & { metric: VolumeMetric; units: Units; sports: string[] }) {
  const w = payload?.[0]?.payload as (Record<string, number> & { weekStart: string; total: number }) | undefined;
  if (!active || !w) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">Week of {day(w.weekStart)}</p>
      <dl className="chart-tooltip-values">
        {sports
          .filter((s) => (w[s] ?? 0) > 0)
          .map((s) => (
            <div key={s}>
              <dt>{sportLabel(s)}</dt>
              <dd>{formatMetric(w[s] ?? 0, metric, units)}</dd>
            </div>
          ))}
        <div className="chart-tooltip-total">
          <dt>Total</dt>
          <dd>{formatMetric(w.total, metric, units)}</dd>
        </div>
      </dl>
    </div>
  );
}

export function VolumeChart({
  weeks,
  sports,
  metric,
  units,
}: {
  weeks: WeeklyVolumeView['weeks'];
  sports: string[];
  metric: VolumeMetric;
  units: Units;
}) {
  const data = weeks.map((w) => ({
    weekStart: w.weekStart,
    total: metricValue(w.total, metric),
    ...Object.fromEntries(sports.map((s) => [s, w.bySport[s] ? metricValue(w.bySport[s]!, metric) : 0])),
  }));
  const tickFormat = (v: number) => (metric === 'time' ? `${fixed(v, 0)} h` : metric === 'distance' ? fixed(v, 0) : fixed(v, 0));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        data={data}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        title={`Weekly ${metric} by sport`}
        desc="Use the arrow keys to move between weeks."
      >
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="weekStart" tickFormatter={dayShort} minTickGap={16} tick={tick} tickLine={false} axisLine={{ stroke: '#cbd5e1' }} />
        <YAxis width={40} tick={tick} tickLine={false} axisLine={false} tickFormatter={tickFormat} allowDecimals={false} />
        {sports.map((s, i) => (
          <Bar
            key={s}
            dataKey={s}
            name={sportLabel(s)}
            stackId="week"
            fill={sportColor(s)}
            stroke="#fff"
            strokeWidth={i === sports.length - 1 ? 0 : 1}
            isAnimationActive={false}
            maxBarSize={40}
          />
        ))}
        <Tooltip
          content={(p) => <VolumeTooltip {...p} metric={metric} units={units} sports={sports} />}
          cursor={{ fill: '#f1f5f9' }}
          isAnimationActive={false}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}
