// Training load per activity. The method hierarchy and its reasons are in docs/decisions/007-training-load.md.

import type { Sport } from '../../activities';
import type { ActivityLoad, DerivedFacts, LoadBasis, ThresholdKind, ThresholdRaise } from '../analytics.types';
import { POWER_CEILING_W, WORLD_RECORD_S } from './plausibility.calc';

/** FTP ≈ 95 % of the best 20-minute power (Coggan's field test); the estimates and the per-activity bound share it. */
export const FTP_OF_20MIN = 0.95;

/** What the load of one activity is computed from: its summary, derived facts, and the thresholds of its day. */
export interface LoadInput {
  sport: Sport;
  movingTimeS: number;
  distanceM: number;
  avgHr: number | null;
  avgPower: number | null;
  /** Normalized power the source reported (used when there is no power stream). */
  normalizedPower: number | null;
  facts: Pick<DerivedFacts, 'normalizedPower' | 'ngpMps'> & Partial<Pick<DerivedFacts, 'powerBests' | 'best30MinSpeedMps'>>;
  /** False when the sport was inferred or the activity is flagged implausible: its pace bests prove nothing. */
  ownBestsTrusted?: boolean;
}

/**
 * Nobody holds more than about 105 % of threshold for an hour: FTP is by definition the power held for
 * about an hour (Allen & Coggan, "Training and Racing with a Power Meter"; IF 0.95–1.05 is a one-hour
 * time trial). An activity of an hour or more at a higher intensity proves the threshold was higher.
 */
export const MAX_HOUR_INTENSITY = 1.05;
/** No 30 minutes can be run faster than the 10 km world record's pace. */
const MAX_30MIN_RUN_MPS = 10000 / WORLD_RECORD_S[10000]!;

export type ThresholdsAt = Partial<Record<ThresholdKind, number>>;

/** Load points per hour for activities nothing better is known about: moderate effort of that sport. */
export const DURATION_LOAD_PER_HOUR: Record<Sport, number> = {
  run: 60,
  ride: 50,
  swim: 55,
  walk: 25,
  hike: 35,
  strength: 40,
  other: 40,
};

/** Resting HR assumed by hrTSS when the athlete has not given one. */
export const DEFAULT_RESTING_HR = 60;
/** LTHR assumed from max HR when neither is set nor estimated (≈ 89 % of max, Friel's rule of thumb). */
export const LTHR_OF_MAX = 0.89;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Threshold HR for hrTSS: the athlete's LTHR, else 89 % of max HR. */
export function thresholdHr(t: ThresholdsAt): number | null {
  if (t.lthr) return t.lthr;
  return t.max_hr ? t.max_hr * LTHR_OF_MAX : null;
}

/**
 * The threshold a load is computed with: the one in effect, raised to the highest floor the activity's own
 * efforts prove. Each floor is [rule, value]; a floor of 0 proves nothing. With none in effect (null) the
 * highest floor serves alone: the activity's own effort is the only evidence for its day (ADR 065).
 */
function bounded(kind: ThresholdKind, inEffect: number | null, floors: [ThresholdRaise, number][]): LoadBasis {
  let used = inEffect ?? 0;
  let raisedBy: ThresholdRaise | null = null;
  for (const [rule, floor] of floors)
    if (floor > used) {
      used = floor;
      raisedBy = rule;
    }
  return { kind, inEffect, used, raisedBy };
}

/** A threshold taken from the activity itself makes the load low confidence; one the activity disproved, at best medium. */
function confidenceOf(base: ActivityLoad['confidence'], basis: LoadBasis): ActivityLoad['confidence'] {
  if (basis.inEffect === null) return 'low';
  return basis.raisedBy && base === 'high' ? 'medium' : base;
}

/** The first method whose inputs exist wins: power, pace (runs), pace (swims), heart rate, duration. */
export function computeLoad(a: LoadInput, t: ThresholdsAt): ActivityLoad {
  const hours = Math.max(0, a.movingTimeS) / 3600;
  if (hours === 0) return { load: 0, method: 'duration_estimate', intensity: null, confidence: 'low' };
  const hourLong = hours >= 1;

  const np = a.facts.normalizedPower ?? a.normalizedPower ?? a.avgPower;
  // Coggan's field test: FTP ≈ 95 % of the best 20-min power, so a ride's own 20 minutes bound its FTP.
  const p20 = a.facts.powerBests?.[1200];
  const own20 = p20 && p20 <= POWER_CEILING_W[1200]! ? p20 * FTP_OF_20MIN : 0;
  if (a.sport === 'ride' && np && np > 0 && (t.ftp || own20 > 0)) {
    const basis = bounded('ftp', t.ftp ?? null, [
      ['best_20min', own20],
      ['hour_intensity', hourLong ? np / MAX_HOUR_INTENSITY : 0],
    ]);
    const intensity = np / basis.used;
    const fromStream = a.facts.normalizedPower != null || a.normalizedPower != null;
    return {
      load: round1(hours * intensity * intensity * 100),
      method: 'power_tss',
      intensity,
      confidence: confidenceOf(fromStream ? 'high' : 'medium', basis),
      basis,
    };
  }

  const avgSpeed = a.distanceM > 0 ? a.distanceM / a.movingTimeS : null;
  // Threshold pace is at most the best 30-min pace, so a run's own 30 minutes bound it.
  const p30 = a.ownBestsTrusted === false ? null : a.facts.best30MinSpeedMps;
  const own30 = p30 && p30 <= MAX_30MIN_RUN_MPS ? p30 : 0;
  if (a.sport === 'run' && (t.threshold_pace || own30 > 0)) {
    const speed = a.facts.ngpMps ?? avgSpeed;
    if (speed && speed > 0) {
      const basis = bounded('threshold_pace', t.threshold_pace ?? null, [
        ['best_30min', own30],
        ['hour_intensity', hourLong ? speed / MAX_HOUR_INTENSITY : 0],
      ]);
      const intensity = speed / basis.used;
      return {
        load: round1(hours * intensity * intensity * 100),
        method: 'rtss',
        intensity,
        confidence: confidenceOf(a.facts.ngpMps != null ? 'high' : 'medium', basis),
        basis,
      };
    }
  }

  if (a.sport === 'swim' && t.css && avgSpeed) {
    // Swim TSS cubes the intensity: drag makes effort rise roughly with the cube of speed.
    const basis = bounded('css', t.css, []);
    const intensity = avgSpeed / t.css;
    return { load: round1(hours * intensity ** 3 * 100), method: 'swim_tss', intensity, confidence: confidenceOf('medium', basis), basis };
  }

  const lthr = thresholdHr(t);
  if (a.avgHr && t.max_hr && lthr) {
    const rest = t.resting_hr ?? DEFAULT_RESTING_HR;
    const reserve = t.max_hr - rest;
    if (reserve > 0 && lthr > rest && a.avgHr > rest) {
      // The same hour bound on heart-rate reserve: an hour above 105 % of it means threshold HR was higher.
      const basis = bounded(t.lthr ? 'lthr' : 'max_hr', lthr, [
        ['hour_intensity', hourLong ? rest + (a.avgHr - rest) / MAX_HOUR_INTENSITY : 0],
      ]);
      const intensity = (a.avgHr - rest) / (basis.used - rest);
      return {
        load: round1(hours * intensity * intensity * 100),
        method: 'hr_tss',
        intensity,
        confidence: confidenceOf('medium', basis),
        basis,
      };
    }
  }

  return { load: round1(hours * DURATION_LOAD_PER_HOUR[a.sport]), method: 'duration_estimate', intensity: null, confidence: 'low' };
}
