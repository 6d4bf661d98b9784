// W′ (D′) balance across the activity (Recharts), on the stream charts' time axis and plot edges (y axis 48 px,
// 8 px right margin) so a moment sits under the same moment above. A `.client` module, loaded lazily after hydration.
import { useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, ReferenceDot, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type BalanceView, reserveText } from '~/utils/activity-curve';
import { fixed, raceTime } from '~/utils/analytics-format';
import { GRID, tick, type TipProps } from '../analytics/chart-theme';

const LINE = '#7c3aed';

function BalanceTooltip({ active, payload, b }: TipProps & { b: BalanceView }) {
  const r = payload?.[0]?.payload as { t: number; v: number; pct: number } | undefined;
  if (!active || !r) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{raceTime(r.t)}</p>
      <p className="chart-tooltip-name">
        {reserveText(b, r.v)} · {Math.round(r.pct)} % of {b.unit === 'J' ? 'W′' : 'D′'}
      </p>
    </div>
  );
}

/** Zero, half and full, and the bottom when it went below zero. */
const ticksOf = (lowest: number, reserve: number) => [...(lowest < 0 ? [lowest] : []), 0, reserve / 2, reserve];

export function BalanceChart({
  b,
  label,
  onLowest,
  range,
}: {
  b: BalanceView;
  label: string;
  onLowest: () => void;
  range: { from: number; to: number } | null;
}) {
  const rows = useMemo(
    () => (b.series ? b.series.t.map((t, i) => ({ t, v: b.series!.balance[i]!, pct: b.series!.pct[i]! })) : []),
    [b.series],
  );
  const scale = b.unit === 'J' ? 1000 : 1;
  const lowest = b.lowest!;
  // The label sits on the side with room: near the chart's right edge it would be cut off.
  const [from, to] = range ? [range.from, range.to] : [rows[0]?.t ?? 0, rows[rows.length - 1]?.t ?? 1];
  const at = (lowest.atS - from) / Math.max(1, to - from);
  const side = at > 0.75 ? 'left' : at < 0.25 ? 'right' : 'top';
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart data={rows} margin={{ top: 22, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={range ? [range.from, range.to] : ['dataMin', 'dataMax']}
          allowDataOverflow
          tickFormatter={(v: number) => raceTime(v)}
          minTickGap={32}
          tick={tick}
          tickLine={false}
          axisLine={{ stroke: '#cbd5e1' }}
        />
        <YAxis
          width={48}
          tick={tick}
          tickLine={false}
          axisLine={false}
          domain={[Math.min(0, lowest.value), b.model!.fit!.reserve]}
          ticks={ticksOf(lowest.value, b.model!.fit!.reserve)}
          tickFormatter={(v: number) => fixed(v / scale, scale === 1 ? 0 : 1)}
        />
        <Tooltip content={(p) => <BalanceTooltip {...p} b={b} />} isAnimationActive={false} />
        {b.exhausted ? <ReferenceLine y={0} stroke="#dc2626" strokeDasharray="4 3" /> : null}
        <Area dataKey="v" type="linear" stroke={LINE} fill="#ede9fe" fillOpacity={0.7} isAnimationActive={false} baseValue="dataMin" />
        <ReferenceDot
          ifOverflow="hidden"
          x={lowest.atS}
          y={lowest.value}
          r={5}
          fill="#dc2626"
          stroke="#fff"
          onClick={onLowest}
          label={{ value: label, position: side, fontSize: 12, fill: '#0f172a' }}
          className="balance-lowest-dot"
        />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
