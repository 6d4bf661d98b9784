// Estimated thresholds as a dated series: one point each Monday, resting only on efforts dated strictly before it,
// so no day is ever scored with an effort from its future (ADR 065). Pure: the inputs are one read of the athlete's
// stored curves and the facts of their activities.
import { addDays, mondayOf } from '../../../lib/dates';
import type { ThresholdKind } from '../analytics.types';
import { type CriticalFit, claimsMargin, DEFAULT_WINDOW, fitCritical } from '../curves/critical-power.calc';
import { CURVE_DURATIONS } from '../curves/mean-max.calc';
import { ESTIMATE_WINDOW_DAYS, type EstimateCandidate, estimateThresholds } from './thresholds.calc';

/** The models rest on this many days before a point (intervals.icu's and WKO's usual 90, as /models does). */
export const MODEL_WINDOW_DAYS = 90;
/** A fit whose CP (CS) is less certain than this share of itself is not worth a threshold: the best-effort rule serves. */
export const MAX_CRITICAL_SE_SHARE = 0.05;

/** One activity's stored curve of one kind (ride power or run speed), indexed like CURVE_DURATIONS. */
export interface SeriesCurve {
  activityId: string;
  localDate: string;
  values: (number | null)[];
  /** The second each point's window starts, indexed like `values` (the receipts the model's point selection reads). */
  starts?: (number | null)[];
}

export interface SeriesInput {
  /** The athlete's first activity day; no point before the week after it. */
  firstDay: string | null;
  today: string;
  power: SeriesCurve[];
  speed: SeriesCurve[];
  candidates: EstimateCandidate[];
}

export type ModelBasis = 'model' | 'best_20min' | 'best_30min';

/** What the ride (run) threshold of one Monday rests on: the model when its fit is good enough, else the best effort. */
export interface ModelPoint {
  date: string;
  critical: number | null;
  criticalSE: number | null;
  reserve: number | null;
  reserveSE: number | null;
  /** Curve points the fit used (0 without a fit). */
  efforts: number;
  threshold: number | null;
  basis: ModelBasis | null;
  activityId: string | null;
  note: string | null;
}

export interface DatedEstimate {
  kind: ThresholdKind;
  value: number;
  effectiveFrom: string;
  /** The first Monday whose windows hold none of the efforts it rests on: from then it is stale, in effect no more. */
  effectiveUntil: string | null;
  activityId: string;
  note: string;
}

export interface ThresholdSeries {
  /** The rows to store: one per kind whenever its rounded value changes. */
  estimates: DatedEstimate[];
  ride: ModelPoint[];
  run: ModelPoint[];
}

const WINDOW_IDX = CURVE_DURATIONS.flatMap((t, i) => (t >= DEFAULT_WINDOW.fromS && t <= DEFAULT_WINDOW.toS ? [i] : []));
const T20_IDX = CURVE_DURATIONS.indexOf(1200);

/** Values are stored as they would be shown: whole watts and beats, speeds to the centimetre per second. */
export const roundEstimate = (kind: ThresholdKind, v: number): number =>
  kind === 'threshold_pace' || kind === 'css' ? Math.round(v * 100) / 100 : Math.round(v);

/** The Mondays points are dated: from the week after the first activity through the Monday after today. */
export function estimateMondays(firstDay: string | null, today: string): string[] {
  if (!firstDay || firstDay > today) return [];
  const out: string[] = [];
  const last = addDays(mondayOf(today), 7);
  for (let m = addDays(mondayOf(firstDay), 7); m <= last; m = addDays(m, 7)) out.push(m);
  return out;
}

/** Indices [lo, hi) of the date-sorted `xs` with from ≤ localDate < to. */
function slice<T extends { localDate: string }>(xs: T[], from: string, to: string): [number, number] {
  const lower = (d: string) => {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]!.localDate < d) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return [lower(from), lower(to)];
}

/** The model of the curves in [from, to): the best mean at each window duration, with the activity it came from. */
function modelOf(curves: SeriesCurve[], from: string, to: string): { fit: CriticalFit; ids: string[] } | null {
  const [lo, hi] = slice(curves, from, to);
  if (hi - lo === 0) return null;
  const best = WINDOW_IDX.map((): { v: number; id: string; at: number | undefined } => ({ v: 0, id: '', at: undefined }));
  for (let k = lo; k < hi; k++) {
    const c = curves[k]!;
    WINDOW_IDX.forEach((i, j) => {
      const v = c.values[i];
      if (v != null && v > best[j]!.v) best[j] = { v, id: c.activityId, at: c.starts?.[i] ?? undefined };
    });
  }
  const answer = fitCritical(
    WINDOW_IDX.map((i, j) => ({ t: CURVE_DURATIONS[i]!, mean: best[j]!.v, activityId: best[j]!.id, startS: best[j]!.at })),
  );
  if (!('fit' in answer)) return null;
  const fit = answer.fit;
  // A fit is trusted only when tight, and when CP stays under the best 20 minutes it was fitted from.
  const p20 = best[WINDOW_IDX.indexOf(T20_IDX)]?.v ?? 0;
  if (fit.criticalSE > fit.critical * MAX_CRITICAL_SE_SHARE || (p20 > 0 && fit.critical > p20)) return null;
  const ids = fit.used.map((t) => best[WINDOW_IDX.indexOf(CURVE_DURATIONS.indexOf(t))]!.id);
  return { fit, ids };
}

/** The receipt of a fit: the effort nearest 20 minutes among those it used. */
function receiptOf(m: { fit: CriticalFit; ids: string[] }): string {
  let k = 0;
  m.fit.used.forEach((t, i) => {
    if (Math.abs(t - 1200) < Math.abs(m.fit.used[k]! - 1200)) k = i;
  });
  return m.ids[k]!;
}

export function thresholdSeries(input: SeriesInput): ThresholdSeries {
  const byDate = <T extends { localDate: string }>(xs: T[]) => [...xs].sort((a, b) => a.localDate.localeCompare(b.localDate));
  const power = byDate(input.power);
  const speed = byDate(input.speed);
  const cands = byDate(input.candidates);
  const estimates: DatedEstimate[] = [];
  const last = new Map<ThresholdKind, DatedEstimate>();
  const ride: ModelPoint[] = [];
  const run: ModelPoint[] = [];
  const write = (kind: ThresholdKind, value: number, date: string, activityId: string, note: string) => {
    const v = roundEstimate(kind, value);
    if (last.get(kind)?.value === v) return;
    const row: DatedEstimate = { kind, value: v, effectiveFrom: date, effectiveUntil: null, activityId, note };
    last.set(kind, row);
    estimates.push(row);
  };
  // A Monday with no effort of its kind in the windows: the estimate in effect has nothing behind it any more (ADR 065).
  const lapse = (kind: ThresholdKind, date: string) => {
    const row = last.get(kind);
    if (row) row.effectiveUntil = date;
    last.delete(kind);
  };

  for (const m of estimateMondays(input.firstDay, input.today)) {
    const [lo, hi] = slice(cands, addDays(m, -ESTIMATE_WINDOW_DAYS), m);
    const best = new Map(estimateThresholds(cands.slice(lo, hi)).map((e) => [e.kind, e]));
    const yearNote = (note: string) => `${note} in the ${ESTIMATE_WINDOW_DAYS} days before ${m}`;
    for (const [sport, curves, kind, fallback] of [
      ['ride', power, 'ftp', 'best_20min'],
      ['run', speed, 'threshold_pace', 'best_30min'],
    ] as const) {
      const model = modelOf(curves, addDays(m, -MODEL_WINDOW_DAYS), m);
      // One session's ladder points are nested windows of one recording, not independent efforts: their scatter
      // about the line is no margin of error for CP (issue 55's "CS ± 0.2 %"), so none is claimed.
      const sessions = model ? new Set(model.ids).size : 0;
      const margin = model !== null && claimsMargin(model.ids);
      const point: ModelPoint = {
        date: m,
        critical: model?.fit.critical ?? null,
        criticalSE: margin ? model!.fit.criticalSE : null,
        reserve: model?.fit.reserve ?? null,
        reserveSE: margin ? model!.fit.reserveSE : null,
        efforts: model?.fit.used.length ?? 0,
        threshold: null,
        basis: null,
        activityId: null,
        note: null,
      };
      if (model) {
        const f = model.fit;
        const n = sessions;
        const what =
          sport === 'ride'
            ? `CP from ${f.used.length} best efforts of 2–20 min (${n} ride${n === 1 ? '' : 's'})`
            : `CS from ${f.used.length} best efforts of 2–20 min (${n} run${n === 1 ? '' : 's'})`;
        const err = !margin
          ? 'one session: no margin of error'
          : sport === 'ride'
            ? `±${Math.round(f.criticalSE)} W`
            : `±${((f.criticalSE / f.critical) * 100).toFixed(1)} %`;
        Object.assign(point, {
          threshold: f.critical,
          basis: 'model',
          activityId: receiptOf(model),
          note: `${what} in the ${MODEL_WINDOW_DAYS} days before ${m}, ${err}`,
        });
      } else {
        const e = best.get(kind);
        if (e) Object.assign(point, { threshold: e.value, basis: fallback, activityId: e.activityId, note: yearNote(e.note) });
      }
      if (point.threshold !== null) write(kind, point.threshold, m, point.activityId!, point.note!);
      else lapse(kind, m);
      (sport === 'ride' ? ride : run).push(point);
    }
    for (const kind of ['css', 'max_hr'] as const) {
      const e = best.get(kind);
      if (e) write(kind, e.value, m, e.activityId, yearNote(e.note));
      else lapse(kind, m);
    }
  }
  return { estimates, ride, run };
}
