// The third view: critical speed and D′ from the training log's run curve (analytics' fit), not from the race
// bests the other two views share, so it is evidence of its own. Up to 20 min the two-parameter model holds
// (distance = CS·t + D′, the window the fit itself uses). Beyond, runners hold a falling fraction of CS: ~93 % for
// 2:30 marathoners and ~85 % on average, at recreational times (Smyth & Muniz-Pumares 2020); between the 20-min
// point and those anchors the fraction is interpolated on log time (our assumption, ADR 096).

import { daysBetween } from '../../lib/dates';
import type { CriticalSpeedInput } from './races.types';
import { RECENT_DAYS } from './recent-bests.calc';

const MODEL_LIMIT_S = 1200;
/**
 * (duration s, fraction of CS) anchors past the model's limit. Slower than the last, its slope continues down to FLOOR:
 * slower finishers hold less of CS, but how much less has no figure we trust, so the floor is our choice (ADR 096).
 */
const ANCHORS: readonly [number, number][] = [
  [150 * 60, 0.93],
  [225 * 60, 0.85],
];
const FLOOR = 0.8;

/** The fraction of CS held for `durationS`. */
export function csFraction(durationS: number, cs: CriticalSpeedInput): number {
  const atLimit = 1 + cs.dPrimeM / (cs.csMps * MODEL_LIMIT_S);
  if (durationS <= MODEL_LIMIT_S) return 1 + cs.dPrimeM / (cs.csMps * durationS);
  const points: [number, number][] = [[MODEL_LIMIT_S, atLimit], ...ANCHORS];
  let i = points.findIndex(([t]) => t >= durationS);
  if (i < 0) i = points.length - 1;
  const [t0, f0] = points[i - 1]!;
  const [t1, f1] = points[i]!;
  const f = f0 + ((f1 - f0) * Math.log(durationS / t0)) / Math.log(t1 / t0);
  return Math.max(FLOOR, f);
}

export type CriticalSpeedAnswer = { timeS: number; fraction: number; notes: string[] } | { insufficient: string };

/** The time at `distanceM` from CS and D′: the duration whose held speed covers the distance (bisection). */
export function criticalSpeedPredict(distanceM: number, cs: CriticalSpeedInput | null | undefined, today: string): CriticalSpeedAnswer {
  if (!cs) return { insufficient: 'needs a critical speed fit from runs with 2–20 min efforts' };
  if (!(cs.csMps > 0 && cs.csMps < 7 && cs.dPrimeM >= 0 && cs.dPrimeM < 1000))
    return { insufficient: 'the critical speed fit is outside what runners show' };
  const age = daysBetween(cs.date, today);
  if (!(age >= 0 && age <= RECENT_DAYS)) return { insufficient: `the critical speed fit is older than ${RECENT_DAYS} days` };
  // Distance covered in t rises with t (the fraction falls slower than 1/t), so bisect on it.
  const covered = (t: number) => csFraction(t, cs) * cs.csMps * t;
  let lo = 60;
  let hi = 12 * 3600;
  if (covered(lo) >= distanceM) return { insufficient: 'the race is shorter than the model reaches' };
  if (covered(hi) < distanceM) return { insufficient: 'the race is longer than the model reaches at this critical speed' };
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (covered(mid) < distanceM) lo = mid;
    else hi = mid;
  }
  const timeS = (lo + hi) / 2;
  const fraction = csFraction(timeS, cs);
  // Past 20 min the held fraction is not the two-parameter model's but the anchors' (ADR 096): said with the answer.
  const notes =
    timeS > MODEL_LIMIT_S
      ? [
          'past 20 minutes the share of critical speed a runner holds falls with time, to 93 % at 2:30 and 85 % at 3:45 (Smyth & Muniz-Pumares 2020)',
        ]
      : [];
  return { timeS, fraction, notes };
}
