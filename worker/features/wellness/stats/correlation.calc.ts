// Spearman's rank correlation on one athlete's days, with an interval and a test that account for the days
// not being independent (ADR 069). Pure.
import { normalQuantile, twoSidedP } from './normal.calc';

/** Ranks 1..n, ties given the mean of the ranks they span (the usual mid-rank). */
export function ranks(xs: readonly number[]): number[] {
  // The engine ranks ~300 series per pass: a numeric typed-array sort (no comparator calls) and, for each value, the
  // span of its ties found by binary search. Mid-rank of positions i..j (0-based) is (i + j)/2 + 1.
  const n = xs.length;
  const sorted = new Float64Array(xs).sort();
  if (n > 0 && Number.isNaN(sorted[n - 1]!)) return ranksBySort(xs);
  const out = new Array<number>(n);
  for (let k = 0; k < n; k++) {
    const v = xs[k]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const m = (lo + hi) >>> 1;
      if (sorted[m]! < v) lo = m + 1;
      else hi = m;
    }
    let up = lo;
    let top = n;
    while (up < top) {
      const m = (up + top) >>> 1;
      if (sorted[m]! <= v) up = m + 1;
      else top = m;
    }
    out[k] = (lo + up - 1) / 2 + 1;
  }
  return out;
}

/** The same ranks by sorting indices (kept for series holding NaN, whose order the comparator decides). */
function ranksBySort(xs: readonly number[]): number[] {
  const order = Array.from({ length: xs.length }, (_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
  const out = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && xs[order[j + 1]!] === xs[order[i]!]) j++;
    const mid = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]!] = mid;
    i = j + 1;
  }
  return out;
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Pearson's r; NaN when either series is constant. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}

/** Spearman's ρ: Pearson's r of the mid-ranks. */
export function spearman(x: readonly number[], y: readonly number[]): number {
  return pearson(ranks(x), ranks(y));
}

/** Lag-1 autocorrelation (the usual biased estimator, denominator the whole sum of squares); 0 for a constant series. */
export function lag1(xs: readonly number[]): number {
  const m = mean(xs);
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    const d = xs[i]! - m;
    den += d * d;
    if (i > 0) num += d * (xs[i - 1]! - m);
  }
  return den === 0 ? 0 : num / den;
}

/**
 * Effective sample size of a correlation between two autocorrelated series (Bartlett 1935; Pyper & Peterman
 * 1998, first-order form): n(1 − r₁ˣr₁ʸ)/(1 + r₁ˣr₁ʸ). Never more than n: a negative product is not credited.
 */
export function effectiveN(n: number, r1x: number, r1y: number): number {
  const prod = Math.max(0, r1x * r1y);
  return (n * (1 - prod)) / (1 + prod);
}

export interface RankCorrelation {
  n: number;
  nEff: number;
  rho: number;
  /** Standard error of ρ (delta method on the Fisher z interval). */
  se: number;
  low: number;
  high: number;
  /** Two-sided p of ρ = 0 on the effective sample size. */
  p: number;
}

/** Bonett–Wright variance of atanh(ρ̂) for Spearman's ρ: (1 + ρ²/2)/(n − 3). */
const zVariance = (rho: number, n: number) => (1 + (rho * rho) / 2) / (n - 3);

/**
 * ρ with its Fisher-z interval (Bonett & Wright 2000) and test, both on `nEff` days. With nEff = n this is R's
 * `statpsych::ci.spear`. Null when ρ is undefined (a constant series) or nEff ≤ 4.
 */
export function rankCorrelation(
  x: readonly number[],
  y: readonly number[],
  opts: { level?: number; nEff?: number } = {},
): RankCorrelation | null {
  return correlationOfRanks(ranks(x), ranks(y), opts);
}

/** rankCorrelation on ranks already computed (each series ranked once when n_eff needs them too). */
function correlationOfRanks(rx: readonly number[], ry: readonly number[], opts: { level?: number; nEff?: number }): RankCorrelation | null {
  const n = rx.length;
  const rho = pearson(rx, ry);
  const nEff = opts.nEff ?? n;
  if (!Number.isFinite(rho) || nEff <= 4) return null;
  const clipped = Math.max(-0.999999, Math.min(0.999999, rho));
  const sdZ = Math.sqrt(zVariance(clipped, nEff));
  const crit = normalQuantile(1 - (1 - (opts.level ?? 0.95)) / 2);
  const z = Math.atanh(clipped);
  return {
    n,
    nEff,
    rho,
    se: (1 - clipped * clipped) * sdZ,
    low: Math.tanh(z - crit * sdZ),
    high: Math.tanh(z + crit * sdZ),
    // Under ρ = 0 the Bonett–Wright variance is 1/(nEff − 3).
    p: twoSidedP(z * Math.sqrt(nEff - 3)),
  };
}

/** ρ of two daily series with the autocorrelation of each (of their ranks) taken out of the sample size. */
export function dependentRankCorrelation(x: readonly number[], y: readonly number[], level = 0.95): RankCorrelation | null {
  const rx = ranks(x);
  const ry = ranks(y);
  return correlationOfRanks(rx, ry, { level, nEff: effectiveN(x.length, lag1(rx), lag1(ry)) });
}
