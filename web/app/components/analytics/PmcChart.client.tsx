// The fitness, fatigue and form chart (Recharts). A `.client` module: never in the server build, loaded lazily after hydration
// (see ChartFrame), so Recharts' inline styles only ever reach the page through the DOM.

import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PMC_COLORS, sportLabel, type FitnessDayView, type Units } from '~/utils/analytics';
import { day, dayShort, distance, fixed } from '~/utils/analytics-format';
import { GRID, tick, type TipProps } from './chart-theme';

function PmcTooltip({ active, payload, units }: TipProps & { units: Units }) {
  const d = payload?.[0]?.payload as FitnessDayView | undefined;
  if (!active || !d) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{day(d.date)}</p>
      <dl className="chart-tooltip-values">
        <div>
          <dt>Fitness (CTL)</dt>
          <dd>{fixed(d.ctl, 1)}</dd>
        </div>
        <div>
          <dt>Fatigue (ATL)</dt>
          <dd>{fixed(d.atl, 1)}</dd>
        </div>
        <div>
          <dt>Form (TSB)</dt>
          <dd>{fixed(d.tsb, 1)}</dd>
        </div>
        <div>
          <dt>Load</dt>
          <dd>{fixed(d.load, 0)}</dd>
        </div>
      </dl>
      {d.activities.length > 0 ? (
        <ul className="chart-tooltip-list">
          {d.activities.map((a) => (
            <li key={a.activityId}>
              <span className="chart-tooltip-name">{a.name || 'Untitled activity'}</span>
              <span className="chart-tooltip-meta">
                {sportLabel(a.sport)}
                {a.distance > 0 ? ` · ${distance(a.distance, units)}` : ''} · load {a.values.load ?? '—'}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="chart-tooltip-meta">No activities</p>
      )}
    </div>
  );
}

export function PmcChart({ days, units }: { days: FitnessDayView[]; units: Units }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart
        data={days}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        title="Fitness, fatigue and form by day"
        desc="Use the arrow keys to move between days."
      >
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="date" tickFormatter={dayShort} minTickGap={28} tick={tick} tickLine={false} axisLine={{ stroke: '#cbd5e1' }} />
        <YAxis width={36} tick={tick} tickLine={false} axisLine={false} allowDecimals={false} />
        <ReferenceLine y={0} stroke="#94a3b8" />
        <Area
          dataKey="tsb"
          name="Form (TSB)"
          type="monotone"
          baseValue={0}
          stroke={PMC_COLORS.tsb}
          strokeWidth={1}
          fill={PMC_COLORS.tsbFill}
          fillOpacity={0.7}
          isAnimationActive={false}
          activeDot={false}
        />
        <Line
          dataKey="ctl"
          name="Fitness (CTL)"
          type="monotone"
          stroke={PMC_COLORS.ctl}
          strokeWidth={2.5}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="atl"
          name="Fatigue (ATL)"
          type="monotone"
          stroke={PMC_COLORS.atl}
          strokeWidth={1.75}
          strokeDasharray="5 3"
          dot={false}
          isAnimationActive={false}
        />
        <Tooltip
          content={(p) => <PmcTooltip {...p} units={units} />}
          cursor={{ stroke: '#64748b', strokeDasharray: '3 3' }}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
