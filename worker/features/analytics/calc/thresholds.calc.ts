// Which threshold applies to a given day: the latest manual value dated on or before it, else the
// current estimate. Estimates come from the athlete's own best efforts (docs/decisions/007-training-load.md).

import type { DerivedFacts, ThresholdKind } from '../analytics.types';
import { FTP_OF_20MIN, type ThresholdsAt } from './load.calc';
import { POWER_CEILING_W, WORLD_RECORD_S } from './plausibility.calc';

export const THRESHOLD_KINDS: ThresholdKind[] = ['ftp', 'threshold_pace', 'css', 'lthr', 'max_hr', 'resting_hr'];

export interface ThresholdRow {
  kind: ThresholdKind;
  value: number;
  effectiveFrom: string;
  source: 'manual' | 'estimated';
}

/** Where the value in effect on a day came from, and whether it is only a guess for that day. */
export interface InEffect {
  value: number;
  source: 'manual' | 'estimated';
  effectiveFrom: string;
  /**
   * An estimate used for a day before the window of activities it was estimated from (a 2026 FTP for a
   * 2013 ride): a guess, so the load it gives is never 'high' confidence (ADR 007, "Thresholds by date").
   */
  guess: boolean;
}

export interface ThresholdTimeline {
  at(day: string): ThresholdsAt;
  /** The same values as `at`, each with its source, date and whether it is a guess for that day. */
  inEffect(day: string): Partial<Record<ThresholdKind, InEffect>>;
  /** The day ranges a manual kind governs, so a change recomputes only the days it affects. */
  manual: Map<ThresholdKind, ThresholdRow[]>;
  estimated: Map<ThresholdKind, number>;
}

export function thresholdTimeline(rows: ThresholdRow[]): ThresholdTimeline {
  const manual = new Map<ThresholdKind, ThresholdRow[]>();
  const estimated = new Map<ThresholdKind, number>();
  const estimatedRows = new Map<ThresholdKind, ThresholdRow>();
  for (const r of rows) {
    if (r.source === 'estimated') {
      estimated.set(r.kind, r.value);
      estimatedRows.set(r.kind, r);
    } else manual.set(r.kind, [...(manual.get(r.kind) ?? []), r]);
  }
  for (const list of manual.values()) list.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const inEffect = (day: string) => {
    const out: Partial<Record<ThresholdKind, InEffect>> = {};
    for (const kind of THRESHOLD_KINDS) {
      let row: ThresholdRow | undefined;
      for (const r of manual.get(kind) ?? []) if (r.effectiveFrom <= day) row = r;
      row ??= estimatedRows.get(kind);
      // An estimate's effectiveFrom is the first day of the window it was estimated from.
      if (row)
        out[kind] = {
          value: row.value,
          source: row.source,
          effectiveFrom: row.effectiveFrom,
          guess: row.source === 'estimated' && day < row.effectiveFrom,
        };
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

/** Estimates look at the last year of efforts, so a decade-old peak does not set today's zones. */
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
