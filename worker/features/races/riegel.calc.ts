// Riegel (1981): T2 = T1 × (D2/D1)^k with k = 1.06 for the population. Performance follows a power law per athlete
// (Blythe & Király 2016), so with bests at two or more distances the exponent is fitted to this athlete: least
// squares of ln(time) on ln(distance).

import type { RaceBest } from './races.types';

export const POPULATION_EXPONENT = 1.06;
/** Exponents outside this band are not a runner's curve but a fault or an off day in the bests: clamped and said. */
export const EXPONENT_BAND = { min: 1.01, max: 1.2 } as const;
/** The longest and shortest best must differ by this factor, or the slope is noise over a short lever. */
export const MIN_DISTANCE_RATIO = 1.5;

export const riegelTime = (timeS: number, fromM: number, toM: number, exponent = POPULATION_EXPONENT): number =>
  timeS * (toM / fromM) ** exponent;

export type ExponentFit = { fitted: number; exponent: number; source: 'fitted' | 'clamped'; intercept: number } | { insufficient: string };

/** Intercept of ln t = a + k ln d for a fixed k: the mean residual, which least squares gives. */
const interceptFor = (bests: RaceBest[], k: number): number =>
  bests.reduce((s, b) => s + Math.log(b.timeS) - k * Math.log(b.distanceM), 0) / bests.length;

/** The athlete's own exponent from `bests` (one per distance), clamped into EXPONENT_BAND. */
export function fitExponent(bests: RaceBest[]): ExponentFit {
  if (bests.length < 2) return { insufficient: 'needs two bests at different distances' };
  const ds = bests.map((b) => b.distanceM);
  if (Math.max(...ds) < MIN_DISTANCE_RATIO * Math.min(...ds))
    return { insufficient: `needs two bests whose distances differ by ${MIN_DISTANCE_RATIO}× or more` };
  const xs = ds.map(Math.log);
  const ys = bests.map((b) => Math.log(b.timeS));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const fitted = sxy / sxx;
  const exponent = Math.min(EXPONENT_BAND.max, Math.max(EXPONENT_BAND.min, fitted));
  const source = exponent === fitted ? 'fitted' : 'clamped';
  return { fitted, exponent, source, intercept: interceptFor(bests, exponent) };
}

/** The best nearest `distanceM` on a log scale (newest among equals): the least extrapolation. */
export function nearestBest(bests: RaceBest[], distanceM: number): RaceBest {
  const gap = (b: RaceBest) => Math.abs(Math.log(b.distanceM / distanceM));
  return bests.reduce((best, b) => (gap(b) < gap(best) || (gap(b) === gap(best) && b.date > best.date) ? b : best));
}

export interface RiegelAnswer {
  timeS: number;
  exponent: { value: number; source: 'fitted' | 'clamped' | 'population'; fitted: number | null };
  bests: RaceBest[];
  notes: string[];
}

/** Riegel's prediction at `distanceM` from `bests` (at least one): the athlete's line, else 1.06 from the nearest. */
export function riegelPredict(bests: RaceBest[], distanceM: number): RiegelAnswer {
  const fit = fitExponent(bests);
  if ('insufficient' in fit) {
    const from = nearestBest(bests, distanceM);
    return {
      timeS: riegelTime(from.timeS, from.distanceM, distanceM),
      exponent: { value: POPULATION_EXPONENT, source: 'population', fitted: null },
      bests: [from],
      notes: [`the population's exponent ${POPULATION_EXPONENT}: own exponent ${fit.insufficient}`],
    };
  }
  const notes =
    fit.source === 'clamped'
      ? [
          `fitted exponent ${fit.fitted.toFixed(3)} is outside ${EXPONENT_BAND.min}–${EXPONENT_BAND.max}: ` +
            `${fit.exponent} used; one of the bests is likely not a full effort`,
        ]
      : [];
  return {
    timeS: Math.exp(fit.intercept + fit.exponent * Math.log(distanceM)),
    exponent: { value: fit.exponent, source: fit.source, fitted: fit.fitted },
    bests,
    notes,
  };
}
