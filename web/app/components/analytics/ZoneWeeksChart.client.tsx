// The weekly time-in-zone chart (Recharts): one stacked bar per week, zone 1 at the bottom. A `.client` module,
// loaded lazily after hydration (see ChartFrame).

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { day, dayShort, fixed } from '~/utils/analytics-format';
import { WEEK_STATE_WORDS, ZONE_COLORS, hm, type ZoneTrendsView } from '~/utils/trends';
import { GRID, tick, type TipProps } from './chart-theme';

type Row = Record<string, number | string> & { weekStart: string; state: string; totalS: number; count: number };

function WeekTooltip({ active, payload, names }: TipProps & { names: string[] }) {
  const w = payload?.[0]?.payload as Row | undefined;
  if (!active || !w) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">Week of {day(w.weekStart)}</p>
      {w.state !== 'ok' ? (
        <p className="chart-tooltip-name">{WEEK_STATE_WORDS[w.state as keyof typeof WEEK_STATE_WORDS]}</p>
      ) : (
        <dl className="chart-tooltip-values">
          {names.map((n, i) => (
            <div key={n}>
              <dt>
                Z{i + 1} {n}
              </dt>
              <dd>{hm(Number(w[`z${i + 1}`] ?? 0) * 3600)}</dd>
            </div>
          ))}
          <div className="chart-tooltip-total">
            <dt>
              Total ({w.count} {w.count === 1 ? 'activity' : 'activities'})
            </dt>
            <dd>{hm(w.totalS)}</dd>
          </div>
        </dl>
      )}
    </div>
  );
}

export function ZoneWeeksChart({ view }: { view: ZoneTrendsView }) {
  const names = view.zones.map((z) => z.name);
  const data: Row[] = view.weeks.map((w) => ({
    weekStart: w.weekStart,
    state: w.state,
    totalS: w.totalS,
    count: w.activities.length,
    ...Object.fromEntries(names.map((_, i) => [`z${i + 1}`, (w.seconds?.[i] ?? 0) / 3600])),
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        data={data}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        title="Time in zone per week"
        desc="Use the arrow keys to move between weeks."
      >
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="weekStart" tickFormatter={dayShort} minTickGap={16} tick={tick} tickLine={false} axisLine={{ stroke: '#cbd5e1' }} />
        <YAxis
          width={40}
          tick={tick}
          tickLine={false}
          axisLine={false}
          tickFormatter={(v: number) => `${fixed(v, 0)} h`}
          allowDecimals={false}
        />
        {names.map((n, i) => (
          <Bar
            key={n}
            dataKey={`z${i + 1}`}
            name={`Z${i + 1} ${n}`}
            stackId="week"
            fill={ZONE_COLORS[i]}
            stroke="#fff"
            strokeWidth={i === names.length - 1 ? 0 : 1}
            isAnimationActive={false}
            maxBarSize={40}
          />
        ))}
        <Tooltip content={(p) => <WeekTooltip {...p} names={names} />} cursor={{ fill: '#f1f5f9' }} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
