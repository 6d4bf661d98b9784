// Totals over a track's cleaned samples: elevation gain (with hysteresis), means and maxima.

export const ELEVATION_HYSTERESIS_M = 2;

export function gain(alt: number[]): number | null {
  let ref = Number.NaN;
  let total = 0;
  for (const a of alt) {
    if (Number.isNaN(a)) continue;
    if (Number.isNaN(ref)) ref = a;
    else if (a - ref >= ELEVATION_HYSTERESIS_M) (total += a - ref), (ref = a);
    else if (ref - a >= ELEVATION_HYSTERESIS_M) ref = a;
  }
  return Number.isNaN(ref) ? null : round2(total);
}

export function mean(values: number[]): number | null {
  let sum = 0;
  let count = 0;
  for (const v of values) if (!Number.isNaN(v)) (sum += v), (count += 1);
  return count ? Math.round(sum / count) : null;
}

export function max(values: number[]): number | null {
  let best = Number.NEGATIVE_INFINITY;
  for (const v of values) if (!Number.isNaN(v) && v > best) best = v;
  return best === Number.NEGATIVE_INFINITY ? null : best;
}

export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
