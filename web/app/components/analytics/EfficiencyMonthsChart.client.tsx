// Efficiency and decoupling per month (Recharts): the monthly median EF as a line (left axis), the median
// decoupling as bars (right axis); months under the minimum sample are left as gaps. A `.client` module.

import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { fixed, monthName } from '~/utils/analytics-format';
import type { EfficiencyTrendsView } from '~/utils/trends';
import { axisScale, tickLabel } from './axis-scale';
import { GRID, tick, type TipProps } from './chart-theme';

const EF_COLOR = '#0f766e';
const DECOUPLING_COLOR = '#cbd5e1';

type Row = { month: string; ef: number | null; dec: number | null; efN: number; decN: number };
const label = (month: string) => `${monthName(Number(month.slice(5, 7)) - 1).slice(0, 3)} ${month.slice(2, 4)}`;

function MonthTooltip({ active, payload, unit, minSample }: TipProps & { unit: string; minSample: number }) {
  const m = payload?.[0]?.payload as Row | undefined;
  if (!active || !m) return null;
  const value = (v: number | null, n: number, text: (x: number) => string) =>
    v === null ? `not enough data (${n} of ${minSample})` : `${text(v)} (n ${n})`;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{label(m.month)}</p>
      <dl className="chart-tooltip-values">
        <div>
          <dt>EF, {unit}</dt>
          <dd>{value(m.ef, m.efN, (x) => fixed(x, 3))}</dd>
        </div>
        <div>
          <dt>Decoupling</dt>
          <dd>{value(m.dec, m.decN, (x) => `${fixed(x, 1)} %`)}</dd>
        </div>
      </dl>
    </div>
  );
}

export function EfficiencyMonthsChart({ view }: { view: EfficiencyTrendsView }) {
  const data: Row[] = view.months.map((m) => ({
    month: m.month,
    ef: m.efficiency.median,
    dec: m.decoupling.median,
    efN: m.efficiency.n,
    decN: m.decoupling.n,
  }));
  // Efficiency is never negative; the steps choose the decimals, so no two labels read the same.
  const ef = axisScale(
    data.map((d) => d.ef),
    { floor: 0 },
  );
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: 0 }} title="Efficiency and decoupling per month">
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey="month" tickFormatter={label} minTickGap={12} tick={tick} tickLine={false} axisLine={{ stroke: '#cbd5e1' }} />
        <YAxis
          yAxisId="ef"
          width={44}
          tick={tick}
          tickLine={false}
          axisLine={false}
          domain={ef?.domain ?? [0, 'auto']}
          ticks={ef?.ticks}
          tickFormatter={(v: number) => tickLabel(ef, v, 2)}
        />
        <YAxis
          yAxisId="dec"
          orientation="right"
          width={40}
          tick={tick}
          tickLine={false}
          axisLine={false}
          tickFormatter={(v: number) => `${fixed(v, 0)}%`}
        />
        <Bar yAxisId="dec" dataKey="dec" name="Decoupling" fill={DECOUPLING_COLOR} isAnimationActive={false} maxBarSize={28} />
        <Line
          yAxisId="ef"
          dataKey="ef"
          name="Efficiency factor"
          stroke={EF_COLOR}
          strokeWidth={2}
          dot={{ r: 3, fill: EF_COLOR }}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Tooltip
          content={(p) => <MonthTooltip {...p} unit={view.efficiencyUnit} minSample={view.minSample} />}
          cursor={{ fill: '#f1f5f9' }}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
