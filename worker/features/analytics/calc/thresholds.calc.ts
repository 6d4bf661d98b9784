// Which threshold applies to a given day: the latest manual value dated on or before it, else the latest
// estimate dated on or before it, else none. Estimates are a dated series resting only on earlier efforts
// (docs/decisions/065-thresholds-from-the-models.md), so no day reads a value from its future.

import type { DerivedFacts, ThresholdKind } from '../analytics.types';
import { FTP_OF_20MIN, type ThresholdsAt } from './load.calc';
import { POWER_CEILING_W, WORLD_RECORD_S } from './plausibility.calc';

export const THRESHOLD_KINDS: ThresholdKind[] = ['ftp', 'threshold_pace', 'css', 'lthr', 'max_hr', 'resting_hr'];

export interface ThresholdRow {
  kind: ThresholdKind;
  value: number;
  effectiveFrom: string;
  /** An estimate's horizon: from this day it is stale and not in effect (ADR 065). Manual values have none. */
  effectiveUntil?: string | null;
  source: 'manual' | 'estimated';
}

/** Where the value in effect on a day came from: the athlete's own setting or an estimate, and its date. */
export interface InEffect {
  value: number;
  source: 'manual' | 'estimated';
  effectiveFrom: string;
}

export interface ThresholdTimeline {
  at(day: string): ThresholdsAt;
  /** The same values as `at`, each with its source and date. */
  inEffect(day: string): Partial<Record<ThresholdKind, InEffect>>;
  /** The day ranges a manual kind governs, so a change recomputes only the days it affects. */
  manual: Map<ThresholdKind, ThresholdRow[]>;
  /** Each kind's estimates, oldest first. */
  estimated: Map<ThresholdKind, ThresholdRow[]>;
}

/** The last row of a date-sorted list dated on or before `day`. */
function latestOnOrBefore(rows: ThresholdRow[] | undefined, day: string): ThresholdRow | undefined {
  if (!rows) return undefined;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid]!.effectiveFrom <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? rows[lo - 1] : undefined;
}

export function thresholdTimeline(rows: ThresholdRow[]): ThresholdTimeline {
  const manual = new Map<ThresholdKind, ThresholdRow[]>();
  const estimated = new Map<ThresholdKind, ThresholdRow[]>();
  for (const r of rows) {
    const into = r.source === 'estimated' ? estimated : manual;
    into.set(r.kind, [...(into.get(r.kind) ?? []), r]);
  }
  for (const list of [...manual.values(), ...estimated.values()]) list.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const inEffect = (day: string) => {
    const out: Partial<Record<ThresholdKind, InEffect>> = {};
    for (const kind of THRESHOLD_KINDS) {
      // The athlete's own value wins from its date; an estimate only where none is set.
      const estimate = latestOnOrBefore(estimated.get(kind), day);
      const fresh = estimate && !(estimate.effectiveUntil && day >= estimate.effectiveUntil) ? estimate : undefined;
      const row = latestOnOrBefore(manual.get(kind), day) ?? fresh;
      if (row) out[kind] = { value: row.value, source: row.source, effectiveFrom: row.effectiveFrom };
    }
    return out;
  };
  return {
    manual,
    estimated,
    inEffect,
    at(day) {
      const out: ThresholdsAt = {};
      for (const [kind, e] of Object.entries(inEffect(day))) out[kind as ThresholdKind] = e.value;
      return out;
    },
  };
}

/** Best-effort estimates look at the year before their date, so a decade-old peak does not set today's zones. */
export const ESTIMATE_WINDOW_DAYS = 365;
/** Swims at least this long count for the CSS estimate (shorter ones are sprints, not threshold). */
export const CSS_MIN_DISTANCE_M = 1000;

export interface EstimateCandidate {
  activityId: string;
  localDate: string;
  sport: string;
  distanceM: number;
  movingTimeS: number;
  maxHr: number | null;
  /** The sport was inferred, or the activity is flagged implausible: no run-pace estimate from it. */
  sportInferred?: boolean;
  implausibleEffort?: boolean;
  facts: DerivedFacts;
}

/** No 30 minutes can be run faster than the 10 km world record's pace (ADR 007, "Implausible bests"). */
const MAX_30MIN_RUN_MPS = 10000 / WORLD_RECORD_S[10000]!;

export interface Estimate {
  kind: ThresholdKind;
  value: number;
  activityId: string;
  note: string;
}

/** Best-effort estimates for each kind the data supports; resting HR and LTHR are never guessed here. */
export function estimateThresholds(candidates: EstimateCandidate[]): Estimate[] {
  const best = new Map<ThresholdKind, Estimate>();
  const offer = (e: Estimate) => {
    const current = best.get(e.kind);
    if (!current || e.value > current.value) best.set(e.kind, e);
  };
  for (const c of candidates) {
    const p20 = c.facts.powerBests?.[1200];
    if (c.sport === 'ride' && p20 && p20 <= POWER_CEILING_W[1200]!)
      offer({
        kind: 'ftp',
        value: Math.round(p20 * FTP_OF_20MIN),
        activityId: c.activityId,
        note: `95 % of best 20-min power (${Math.round(p20)} W)`,
      });
    const pace30 = c.facts.best30MinSpeedMps;
    if (c.sport === 'run' && pace30 && pace30 <= MAX_30MIN_RUN_MPS && !c.sportInferred && !c.implausibleEffort)
      offer({ kind: 'threshold_pace', value: pace30, activityId: c.activityId, note: 'Best 30-min run pace' });
    if (c.sport === 'swim' && c.distanceM >= CSS_MIN_DISTANCE_M && c.movingTimeS > 0)
      offer({
        kind: 'css',
        value: c.distanceM / c.movingTimeS,
        activityId: c.activityId,
        note: `Fastest swim of ${CSS_MIN_DISTANCE_M} m or more`,
      });
    const hr = c.facts.peakHr ?? c.maxHr;
    if (hr && hr >= 120 && hr <= 230)
      offer({ kind: 'max_hr', value: Math.round(hr), activityId: c.activityId, note: 'Highest heart rate held for 5 s' });
  }
  return [...best.values()];
}
