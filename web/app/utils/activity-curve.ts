// How the activity page reads its duration curve and its W′ (D′) balance: durations on a log axis, the curve's rows
// with the season's receipts, and the stretch of the ride behind the balance's lowest point. Pure.
import type { loadActivityCurves } from './activity-curve.server';
import type { Units } from './analytics';
import { fixed, pace, raceTime } from './analytics-format';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadActivityCurves>>>;
export type CurveView = NonNullable<Loaded['curve']>;
export type BalanceView = NonNullable<Loaded['balance']>;
export type EfficiencyView = NonNullable<Loaded['efficiency']>;
export type SeasonPoint = NonNullable<CurveView['season']>['points'][number];

/** "5 s", "1 min", "1 min 30 s", "1 h 15 min". */
export function durationLabel(s: number): string {
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  const m = Math.round((s % 3600) / 60);
  return m ? `${Math.floor(s / 3600)} h ${m} min` : `${s / 3600} h`;
}

/** Compact tick labels for the log axis: 1s, 30s, 5m, 1h. */
export const durationTick = (s: number) => (s < 60 ? `${s}s` : s < 3600 ? `${Math.round(s / 60)}m` : `${Math.round(s / 360) / 10}h`);

/** The log axis's ticks up to `max` seconds. */
export const DURATION_TICKS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 14400, 28800, 86400];
export const ticksUpTo = (max: number) => DURATION_TICKS.filter((t) => t <= max);

export interface CurveRow {
  d: number;
  /** The activity's value (W, bpm, or pace in s per unit for speed curves, so the axis reads as pace). */
  mine: number | null;
  season: number | null;
  mineStartS: number | null;
  best: SeasonPoint | null;
}

/** One row per duration either curve has, ordered by duration. */
export function curveRows(c: CurveView): CurveRow[] {
  const plotted = (p: { value: number; pace: number | null }) => (c.kind === 'speed' ? p.pace : p.value);
  const rows = new Map<number, CurveRow>();
  const row = (d: number) => rows.get(d) ?? { d, mine: null, season: null, mineStartS: null, best: null };
  for (const p of c.points) rows.set(p.durationS, { ...row(p.durationS), mine: plotted(p), mineStartS: p.startS });
  for (const p of c.season?.points ?? []) rows.set(p.durationS, { ...row(p.durationS), season: plotted(p), best: p });
  return [...rows.values()].sort((a, b) => a.d - b.d);
}

/** A value as the card says it: "412 W", "171 bpm", "4:05 /km". */
export function curveValue(c: Pick<CurveView, 'kind' | 'unit' | 'paceUnit'>, v: number | null, units: Units): string {
  if (v === null) return '—';
  if (c.kind === 'speed') return c.paceUnit === '/100m' ? `${raceTime(v)} /100 m` : (pace(v, units) ?? '—');
  return `${Math.round(v)} ${c.unit}`;
}

export const CURVE_TITLE = { power: 'Power curve', speed: 'Pace curve', hr: 'Heart-rate curve' } as const;

/** Where a season best opens: its activity (`page`, the reader's own address for it) at the moment it was set. */
export const momentHref = (activityId: string, startS: number, durationS: number, page = (id: string) => `/activities/${id}`) =>
  `${page(activityId)}?at=${startS}&for=${durationS}#charts`;

/** "4.2 kJ" or "310 m". */
export const reserveText = (b: Pick<BalanceView, 'unit'>, v: number) => (b.unit === 'J' ? `${fixed(v / 1000, 1)} kJ` : `${fixed(v, 0)} m`);

/** "lowest 4.2 kJ (21 %) at 1:12:30". */
export function lowestLabel(b: BalanceView): string | null {
  if (!b.lowest) return null;
  return `lowest ${reserveText(b, b.lowest.value)} (${fixed(b.lowest.pct, 0)} %) at ${raceTime(b.lowest.atS)}`;
}

/**
 * The stretch behind the lowest point: back from the bottom through the fall (small recoveries of under 2 % of W′
 * allowed, as on a climb with a false flat) to where the balance last stood full or began to fall, then half a
 * minute past the bottom.
 */
export function hardestStretch(b: BalanceView): { from: number; to: number } | null {
  if (!b.series || !b.lowest || !b.model?.fit) return null;
  const { t, balance } = b.series;
  const i = t.indexOf(b.lowest.atS);
  if (i < 0) return null;
  const reserve = b.model.fit.reserve;
  const slack = 0.02 * reserve;
  let k = i;
  let peak = balance[i]!;
  while (k > 0) {
    const prev = balance[k - 1]!;
    if (prev < peak - slack) break;
    k--;
    peak = Math.max(peak, prev);
    if (prev >= reserve * 0.995) break;
  }
  const from = t[k]!;
  const to = Math.min(t.at(-1)!, b.lowest.atS + 30);
  return to - from >= 10 ? { from, to } : { from: Math.max(0, b.lowest.atS - 30), to: b.lowest.atS + 30 };
}
