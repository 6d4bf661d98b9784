// The duration curve (Recharts). A `.client` module: loaded lazily after hydration (ChartFrame), so Recharts'
// inline styles only reach the page through the DOM. Log-time x axis; pace axes run fast-up.

import { useNavigate } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type CurvePointView, type CurveView, curveTick, curveValue, durationLabel, pointHref } from '~/utils/analysis';
import { day } from '~/utils/analytics-format';
import { GRID, tick, type TipProps } from '../analytics/chart-theme';

export interface CurveRow {
  d: number;
  main?: number;
  compare?: number;
  model?: number;
  mp?: CurvePointView;
  cp?: CurvePointView;
}

export const CURVE_COLORS = { main: '#1d4ed8', compare: '#c2410c', model: '#334155' } as const;
const TICKS = [1, 5, 15, 60, 300, 1200, 3600, 7200, 18000, 36000, 86400];
const shortDuration = (s: number) => (s < 60 ? `${s}s` : s < 3600 ? `${s / 60}m` : `${s / 3600}h`);

function Receipt({
  p,
  y,
  label,
  kind,
  paceUnit,
}: {
  p: CurvePointView;
  y: number;
  label: string;
  kind: CurveView['kind'];
  paceUnit: string | null;
}) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <strong>{curveValue(kind, paceUnit, y)}</strong> · {day(p.date)}
        <br />
        {p.name || 'Untitled activity'}
      </dd>
    </div>
  );
}

function CurveTooltip({
  active,
  payload,
  kind,
  paceUnit,
  labels,
}: TipProps & { kind: CurveView['kind']; paceUnit: string | null; labels: { main: string; compare: string | null } }) {
  const r = payload?.[0]?.payload as CurveRow | undefined;
  if (!active || !r) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">Best {durationLabel(r.d)}</p>
      <dl className="curve-tooltip-values">
        {r.mp && r.main !== undefined ? <Receipt p={r.mp} y={r.main} label={labels.main} kind={kind} paceUnit={paceUnit} /> : null}
        {r.cp && r.compare !== undefined && labels.compare ? (
          <Receipt p={r.cp} y={r.compare} label={labels.compare} kind={kind} paceUnit={paceUnit} />
        ) : null}
        {r.model !== undefined ? (
          <div>
            <dt>Model</dt>
            <dd>{curveValue(kind, paceUnit, r.model)}</dd>
          </div>
        ) : null}
      </dl>
      {r.mp || r.cp ? <p className="chart-tooltip-hint">Click (or press Enter) to open the activity at this effort</p> : null}
    </div>
  );
}

export function CurveChart({
  rows,
  kind,
  paceUnit,
  labels,
}: {
  rows: CurveRow[];
  kind: CurveView['kind'];
  paceUnit: string | null;
  labels: { main: string; compare: string | null };
}) {
  const navigate = useNavigate();
  const box = useRef<HTMLDivElement>(null);
  // The row the tooltip shows, whether the mouse or the arrow keys (Recharts' keyboard layer) chose it.
  const shown = useRef<CurveRow | undefined>(undefined);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // Enter opens the shown point, as a click does; Recharts' own wrapper takes no key handler of ours.
    const onKey = (e: KeyboardEvent) => {
      const p = e.key === 'Enter' ? (shown.current?.mp ?? shown.current?.cp) : undefined;
      if (p) navigate(pointHref(p));
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  }, [navigate]);
  const last = rows.at(-1)?.d ?? 3600;
  const ticks = TICKS.filter((t) => t <= last);
  return (
    <div ref={box} className="curve-chart-box">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          data={rows}
          margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
          title="Best effort for each duration"
          desc="Duration on a logarithmic axis; each point opens the activity it came from."
          className="curve-chart"
          onClick={(s) => {
            // Recharts gives the hovered row's index, as a number or its string form.
            const i = s.activeTooltipIndex == null ? Number.NaN : Number(s.activeTooltipIndex);
            if (!Number.isInteger(i)) return;
            // The model's own rows have no receipt: the nearest duration that has one is what was aimed at.
            const near = rows
              .map((r, k) => ({ p: r.mp ?? r.cp, k }))
              .filter((x) => x.p)
              .sort((a, b) => Math.abs(a.k - i) - Math.abs(b.k - i))[0];
            if (near?.p) navigate(pointHref(near.p));
          }}
        >
          <CartesianGrid stroke={GRID} />
          <XAxis
            dataKey="d"
            type="number"
            scale="log"
            domain={[rows[0]?.d ?? 1, last]}
            ticks={ticks}
            tickFormatter={shortDuration}
            allowDataOverflow
            tick={tick}
            tickLine={false}
            axisLine={{ stroke: '#cbd5e1' }}
          />
          <YAxis
            type="number"
            width={48}
            tick={tick}
            tickLine={false}
            axisLine={false}
            reversed={kind === 'speed'}
            domain={['auto', 'auto']}
            tickFormatter={(v: number) => curveTick(kind, v)}
          />
          <Line
            dataKey="main"
            name={labels.main}
            stroke={CURVE_COLORS.main}
            strokeWidth={2.5}
            dot={false}
            activeDot={{ r: 5 }}
            connectNulls
            isAnimationActive={false}
          />
          {labels.compare ? (
            <Line
              dataKey="compare"
              name={labels.compare}
              stroke={CURVE_COLORS.compare}
              strokeWidth={2}
              strokeDasharray="5 3"
              dot={false}
              activeDot={{ r: 4 }}
              connectNulls
              isAnimationActive={false}
            />
          ) : null}
          <Line
            dataKey="model"
            name="Model"
            stroke={CURVE_COLORS.model}
            strokeWidth={1.5}
            strokeDasharray="2 3"
            dot={false}
            activeDot={false}
            connectNulls={false}
            isAnimationActive={false}
          />
          <Tooltip
            content={(p) => {
              shown.current = p.active ? (p.payload?.[0]?.payload as CurveRow | undefined) : undefined;
              return <CurveTooltip {...p} kind={kind} paceUnit={paceUnit} labels={labels} />;
            }}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
