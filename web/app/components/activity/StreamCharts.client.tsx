// The activity's stacked stream charts (Recharts): one shared x axis (time or distance), one cursor across
// all of them (syncId over the same rows), and a drag across any chart to zoom. A `.client` module, loaded
// lazily after hydration (Recharts writes inline styles, which the CSP refuses in server HTML).

import { type TouchEvent, useMemo, useRef, useState } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MouseHandlerDataParam } from 'recharts/types/synchronisation/types';
import { type Axis, type Channel, type Row, channelMeta, clock, speedStyleOf } from '~/utils/activity-streams';
import type { Units } from '~/utils/analytics';
import { fixed, METRES_PER, raceTime } from '~/utils/analytics-format';
import { GRID, tick } from '../analytics/chart-theme';

// A drag shorter than this is a click, not a range.
const MIN_ZOOM_S = 10;
const SYNC = 'activity-streams';
// The plot's edges inside each chart: the y axis's width on the left, the chart's margin on the right.
const PLOT_LEFT = 48;
const PLOT_RIGHT = 8;

const indexOf = (s: MouseHandlerDataParam): number | null => {
  const i = Number(s.activeTooltipIndex);
  return s.activeTooltipIndex == null || !Number.isInteger(i) ? null : i;
};

const sortedOf = (rows: Row[], key: keyof Row) =>
  rows
    .map((r) => r[key])
    .filter((x): x is number => typeof x === 'number' && Number.isFinite(x))
    .sort((a, b) => a - b);

/**
 * A pace axis that ignores standing-still outliers (from the fastest to a little beyond the 95th
 * percentile), with ticks on whole 15 s, 30 s, 1 or 2 minutes.
 */
function paceAxis(rows: Row[], key: 'speed' | 'gap'): { domain: [number, number]; ticks: number[] } {
  const v = sortedOf(rows, key);
  if (!v.length) return { domain: [0, 600], ticks: [0, 300, 600] };
  const lo = v[0]!;
  const hi = Math.max(lo + 30, v[Math.floor(v.length * 0.95)]! * 1.15);
  const step = [15, 30, 60, 120, 300].find((s) => (hi - lo) / s <= 4) ?? 600;
  const domain: [number, number] = [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
  const ticks: number[] = [];
  for (let x = domain[0]; x <= domain[1]; x += step) ticks.push(x);
  return { domain, ticks };
}

/** Cadence drops to 0 at every stop: the axis keeps to the pedalling or running range and lets those dips run off it. */
function cadenceDomain(rows: Row[]): [number, number] | null {
  const v = sortedOf(rows, 'cadence').filter((x) => x > 0);
  if (v.length < 10) return null;
  return [Math.max(0, Math.floor((v[Math.floor(v.length * 0.02)]! - 10) / 10) * 10), Math.ceil(v.at(-1)! / 10) * 10];
}

export function StreamCharts({
  rows,
  charts,
  withGap,
  sport,
  units,
  axis,
  domain,
  onHover,
  onZoom,
  marked = null,
}: {
  rows: Row[];
  charts: Channel[];
  withGap: boolean;
  sport: string;
  units: Units;
  axis: Axis;
  /** The x range to show while a zoomed range loads (the rows are then still the whole activity's). */
  domain: [number, number] | null;
  onHover: (index: number | null) => void;
  onZoom: (fromS: number, toS: number) => void;
  /** A row pointed at elsewhere (the map's line): drawn as the cursor. */
  marked?: number | null;
}) {
  const [drag, setDrag] = useState<{ start: number; end: number } | null>(null);
  const [touched, setTouched] = useState<number | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const xKey = axis === 'time' ? 't' : 'd';
  const pace = speedStyleOf(sport) !== 'speed';
  const speedAxis = useMemo(() => (pace ? paceAxis(rows, withGap ? 'gap' : 'speed') : null), [rows, pace, withGap]);
  const cadence = useMemo(() => cadenceDomain(rows), [rows]);
  const line = marked ?? touched;
  const xTick = (v: number) => (axis === 'time' ? raceTime(v) : `${fixed(v / METRES_PER[units], v / METRES_PER[units] < 10 ? 1 : 0)}`);

  const handlers = {
    onMouseDown: (s: MouseHandlerDataParam) => {
      const i = indexOf(s);
      if (i !== null) setDrag({ start: i, end: i });
    },
    onMouseMove: (s: MouseHandlerDataParam) => {
      const i = indexOf(s);
      onHover(i);
      if (i !== null && drag) setDrag({ ...drag, end: i });
    },
    onMouseUp: () => {
      if (drag) {
        const a = rows[Math.min(drag.start, drag.end)]!.t;
        const b = rows[Math.max(drag.start, drag.end)]!.t;
        if (b - a >= MIN_ZOOM_S) onZoom(a, b);
      }
      setDrag(null);
    },
    onMouseLeave: () => {
      onHover(null);
      setDrag(null);
    },
  };

  /**
   * A finger on the charts moves one cursor across all of them (Recharts' own tooltip does not follow a
   * tap); zooming by touch goes through the splits' and laps' buttons.
   */
  const touch = (e: TouchEvent<HTMLDivElement>) => {
    const finger = e.touches[0];
    const rect = box.current?.getBoundingClientRect();
    if (!finger || !rect || !rows.length) return;
    const f = Math.min(1, Math.max(0, (finger.clientX - rect.left - PLOT_LEFT) / (rect.width - PLOT_LEFT - PLOT_RIGHT)));
    const [x0, x1] = domain ?? [rows[0]![xKey], rows.at(-1)![xKey]];
    const target = x0 + f * (x1 - x0);
    let lo = 0;
    let hi = rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid]![xKey] < target) lo = mid + 1;
      else hi = mid;
    }
    setTouched(lo);
    onHover(lo);
  };

  return (
    <div className="stream-charts" data-testid="stream-charts" ref={box} onTouchStart={touch} onTouchMove={touch}>
      {charts.map((channel, k) => {
        const meta = channelMeta(channel, sport, units);
        const last = k === charts.length - 1;
        const isPace = channel === 'speed' && pace;
        return (
          <div className="stream-chart" key={channel}>
            <p className="stream-chart-label">
              <span className="stream-swatch" data-channel={channel} aria-hidden="true" />
              {meta.label}
              {channel === 'speed' && withGap ? (
                <>
                  {' '}
                  <span className="stream-swatch" data-channel="gap" aria-hidden="true" />
                  GAP
                </>
              ) : null}
              <span className="stream-chart-unit"> ({meta.unit})</span>
            </p>
            <div className={last ? 'stream-chart-box stream-chart-box-last' : 'stream-chart-box'}>
              <ResponsiveContainer width="100%" height="100%">
                <ComposedChart
                  data={rows}
                  syncId={SYNC}
                  syncMethod="index"
                  margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
                  title={`${meta.label} by ${axis}`}
                  desc="Drag across the chart to zoom to a range; use the arrow keys to move the cursor."
                  {...handlers}
                >
                  <CartesianGrid stroke={GRID} vertical={false} />
                  <XAxis
                    dataKey={xKey}
                    type="number"
                    domain={domain ?? ['dataMin', 'dataMax']}
                    allowDataOverflow
                    hide={!last}
                    tickFormatter={xTick}
                    minTickGap={32}
                    tick={tick}
                    tickLine={false}
                    axisLine={{ stroke: '#cbd5e1' }}
                    unit={axis === 'distance' ? ` ${units}` : undefined}
                  />
                  <YAxis
                    width={48}
                    tick={tick}
                    tickLine={false}
                    axisLine={false}
                    reversed={isPace}
                    domain={isPace && speedAxis ? speedAxis.domain : channel === 'cadence' && cadence ? cadence : ['auto', 'auto']}
                    ticks={isPace && speedAxis ? speedAxis.ticks : undefined}
                    allowDataOverflow={isPace || channel === 'cadence'}
                    tickFormatter={isPace ? (v: number) => clock(v) : (v: number) => String(Math.round(v))}
                    tickCount={4}
                  />
                  <Tooltip content={() => null} cursor={{ stroke: '#0f172a', strokeWidth: 1 }} isAnimationActive={false} />
                  {channel === 'altitude' ? (
                    <Area
                      dataKey="altitude"
                      type="linear"
                      stroke={meta.color}
                      fill="#cbd5e1"
                      fillOpacity={0.6}
                      isAnimationActive={false}
                      activeDot={false}
                      baseValue="dataMin"
                    />
                  ) : (
                    <Line
                      dataKey={channel}
                      type="linear"
                      stroke={meta.color}
                      strokeWidth={1.25}
                      dot={false}
                      activeDot={{ r: 3 }}
                      isAnimationActive={false}
                      connectNulls={false}
                    />
                  )}
                  {channel === 'speed' && withGap ? (
                    <Line
                      dataKey="gap"
                      type="linear"
                      stroke={channelMeta('gap', sport, units).color}
                      strokeWidth={1}
                      strokeDasharray="4 3"
                      dot={false}
                      activeDot={false}
                      isAnimationActive={false}
                    />
                  ) : null}
                  {line !== null && rows[line] ? <ReferenceLine x={rows[line]![xKey]} stroke="#0f172a" ifOverflow="hidden" /> : null}
                  {drag && drag.start !== drag.end ? (
                    <ReferenceArea
                      x1={rows[drag.start]![xKey]}
                      x2={rows[drag.end]![xKey]}
                      fill="#2563eb"
                      fillOpacity={0.12}
                      stroke="#2563eb"
                      strokeOpacity={0.4}
                    />
                  ) : null}
                </ComposedChart>
              </ResponsiveContainer>
            </div>
          </div>
        );
      })}
    </div>
  );
}
