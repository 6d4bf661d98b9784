// The plan preview's fitness chart (Recharts, browser only): the athlete's recent CTL/ATL/TSB solid,
// the plan's projection to its end dashed, race day marked.
import { CartesianGrid, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { PMC_COLORS } from '~/utils/analytics';
import { dayShort } from '~/utils/analytics-format';
import { GRID, tick } from '../analytics/chart-theme';

export interface FitnessPoint {
  date: string;
  ctl: number;
  atl: number;
  tsb: number;
}

type Row = { date: string } & Partial<Record<'ctl' | 'atl' | 'tsb' | 'pctl' | 'patl' | 'ptsb', number>>;

export function projectionRows(recent: FitnessPoint[], projection: FitnessPoint[]): Row[] {
  const rows: Row[] = recent.map((d) => ({ date: d.date, ctl: d.ctl, atl: d.atl, tsb: d.tsb }));
  // The dashed lines start where the solid ones end, so the two read as one line.
  const last = rows.at(-1);
  if (last) Object.assign(last, { pctl: last.ctl, patl: last.atl, ptsb: last.tsb });
  for (const d of projection) if (!last || d.date > last.date) rows.push({ date: d.date, pctl: d.ctl, patl: d.atl, ptsb: d.tsb });
  return rows;
}

const line = (key: string, color: string, dashed: boolean, name: string) => (
  <Line
    key={key}
    dataKey={key}
    name={name}
    type="monotone"
    stroke={color}
    strokeWidth={2}
    strokeDasharray={dashed ? '6 4' : undefined}
    dot={false}
    isAnimationActive={false}
    connectNulls={false}
  />
);

export function ProjectionChart({
  recent,
  projection,
  raceDay,
}: {
  recent: FitnessPoint[];
  projection: FitnessPoint[];
  raceDay: string | null;
}) {
  const rows = projectionRows(recent, projection);
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={rows} margin={{ top: 16, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="date" tickFormatter={dayShort} minTickGap={28} tick={tick} tickLine={false} axisLine={{ stroke: '#cbd5e1' }} />
        <YAxis width={36} tick={tick} tickLine={false} axisLine={false} allowDecimals={false} />
        <ReferenceLine y={0} stroke="#94a3b8" />
        {raceDay ? (
          <ReferenceLine
            x={raceDay}
            stroke="#b91c1c"
            strokeDasharray="2 2"
            label={{ value: 'Race day', position: 'insideTopRight', fontSize: 12, fill: '#b91c1c' }}
          />
        ) : null}
        <Tooltip
          formatter={(v: unknown) => (typeof v === 'number' ? v.toFixed(1) : String(v))}
          labelFormatter={(l: unknown) => dayShort(String(l))}
        />
        {line('ctl', PMC_COLORS.ctl, false, 'Fitness (CTL)')}
        {line('atl', PMC_COLORS.atl, false, 'Fatigue (ATL)')}
        {line('tsb', PMC_COLORS.tsb, false, 'Form (TSB)')}
        {line('pctl', PMC_COLORS.ctl, true, 'Projected fitness')}
        {line('patl', PMC_COLORS.atl, true, 'Projected fatigue')}
        {line('ptsb', PMC_COLORS.tsb, true, 'Projected form')}
      </ComposedChart>
    </ResponsiveContainer>
  );
}
