// The Recharts charts. A `.client` module: never in the server build, loaded lazily after hydration
// (see ChartFrame), so Recharts' inline styles only ever reach the page through the DOM.

import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import {
  day,
  dayShort,
  distance,
  fixed,
  formatMetric,
  pace,
  PMC_COLORS,
  sportColor,
  sportLabel,
  type EfficiencyView,
  type FitnessDayView,
  type Units,
  type VolumeMetric,
  type WeeklyVolumeView,
} from '~/utils/analytics';

/** What the tooltips read: whether one is showing, and the hovered datum. */
type TipProps = Pick<TooltipContentProps, 'active' | 'payload'>;

const AXIS = '#475569';
const GRID = '#e2e8f0';
const tick = { fontSize: 12, fill: AXIS };

// ---------- Fitness, fatigue and form ----------

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

// ---------- Weekly volume ----------

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

// ---------- Efficiency ----------

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
          domain={['auto', 'auto']}
          tickFormatter={(v: number) => fixed(v, kind === 'run' ? 2 : 1)}
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
