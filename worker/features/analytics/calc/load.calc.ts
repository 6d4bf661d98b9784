// Training load per activity. The method hierarchy and its reasons are in docs/decisions/007-training-load.md.

import type { Sport } from '../../activities';
import type { ActivityLoad, DerivedFacts, ThresholdKind } from '../analytics.types';

/** What the load of one activity is computed from: its summary, derived facts, and the thresholds of its day. */
export interface LoadInput {
  sport: Sport;
  movingTimeS: number;
  distanceM: number;
  avgHr: number | null;
  avgPower: number | null;
  /** Normalized power the source reported (used when there is no power stream). */
  normalizedPower: number | null;
  facts: Pick<DerivedFacts, 'normalizedPower' | 'ngpMps'>;
}

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

/** The first method whose inputs exist wins: power, pace (runs), pace (swims), heart rate, duration. */
export function computeLoad(a: LoadInput, t: ThresholdsAt): ActivityLoad {
  const hours = Math.max(0, a.movingTimeS) / 3600;
  if (hours === 0) return { load: 0, method: 'duration_estimate', intensity: null, confidence: 'low' };

  const np = a.facts.normalizedPower ?? a.normalizedPower ?? a.avgPower;
  if (a.sport === 'ride' && np && np > 0 && t.ftp) {
    const intensity = np / t.ftp;
    const fromStream = a.facts.normalizedPower != null || a.normalizedPower != null;
    return {
      load: round1(hours * intensity * intensity * 100),
      method: 'power_tss',
      intensity,
      confidence: fromStream ? 'high' : 'medium',
    };
  }

  const avgSpeed = a.distanceM > 0 ? a.distanceM / a.movingTimeS : null;
  if (a.sport === 'run' && t.threshold_pace) {
    const speed = a.facts.ngpMps ?? avgSpeed;
    if (speed && speed > 0) {
      const intensity = speed / t.threshold_pace;
      return {
        load: round1(hours * intensity * intensity * 100),
        method: 'rtss',
        intensity,
        confidence: a.facts.ngpMps != null ? 'high' : 'medium',
      };
    }
  }

  if (a.sport === 'swim' && t.css && avgSpeed) {
    // Swim TSS cubes the intensity: drag makes effort rise roughly with the cube of speed.
    const intensity = avgSpeed / t.css;
    return { load: round1(hours * intensity ** 3 * 100), method: 'swim_tss', intensity, confidence: 'medium' };
  }

  const lthr = thresholdHr(t);
  if (a.avgHr && t.max_hr && lthr) {
    const rest = t.resting_hr ?? DEFAULT_RESTING_HR;
    const reserve = t.max_hr - rest;
    if (reserve > 0 && lthr > rest && a.avgHr > rest) {
      const intensity = (a.avgHr - rest) / (lthr - rest);
      return { load: round1(hours * intensity * intensity * 100), method: 'hr_tss', intensity, confidence: 'medium' };
    }
  }

  return { load: round1(hours * DURATION_LOAD_PER_HOUR[a.sport]), method: 'duration_estimate', intensity: null, confidence: 'low' };
}
