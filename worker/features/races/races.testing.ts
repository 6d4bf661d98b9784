// Synthetic athletes for the prediction tests: bests on a planted power law, with seeded noise.
import { addDays } from '../../lib/dates';
import type { RaceBest } from './races.types';
import { timeForVdot } from './vdot.calc';
import { mulberry32 } from '../../lib/random';

export const TODAY = '2026-11-29';
export const FIVE_K = 5000;
export const TEN_K = 10000;
export const HALF = 21097.5;
export const MARATHON = 42195;

/** Seeded uniform numbers in [0, 1), so a failing case repeats. */
export const rng = mulberry32;

/** A standard normal draw (Box–Muller). */
export const normal = (r: () => number): number => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());

export function best(distanceM: number, timeS: number, daysAgo = 20, id = `a-${distanceM}`): RaceBest {
  return { distanceM, timeS, date: addDays(TODAY, -daysAgo), activityId: id, name: `Best ${distanceM} m` };
}

export interface Athlete {
  vdot: number;
  exponent: number;
}

/** Bests at `distances` on the athlete's power law through their 5 km VDOT time, each off by `noise` (log sd). */
export function bestsOf(a: Athlete, distances: number[], noise: number, r: () => number): RaceBest[] {
  const fiveK = timeForVdot(FIVE_K, a.vdot);
  return distances.map((d, i) => best(d, fiveK * (d / FIVE_K) ** a.exponent * Math.exp(noise * normal(r)), 10 + 7 * i));
}
