// False-discovery control across the whole family of questions asked of one athlete (ADR 069). The tests share
// outcomes and autocorrelated inputs, so they are dependent in ways Benjamini–Hochberg does not cover;
// Benjamini–Yekutieli (2001) holds under any dependence at the price of the harmonic factor c(m).

/** c(m) = Σ 1/i, i = 1..m. */
export function harmonic(m: number): number {
  let s = 0;
  for (let i = 1; i <= m; i++) s += 1 / i;
  return s;
}

/**
 * Indices of the p-values declared discoveries at FDR `q` by Benjamini–Yekutieli: the largest k with
 * p₍ₖ₎ ≤ k·q/(m·c(m)), and every test at or below it. `m` may exceed `ps.length` when some questions of the family
 * could not be tested (too few days): they still count as asked.
 */
export function benjaminiYekutieli(ps: readonly number[], q: number, m = ps.length): Set<number> {
  const order = ps.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const scale = q / (m * harmonic(m));
  let k = 0;
  for (let i = 0; i < order.length; i++) if (order[i]![0] <= (i + 1) * scale) k = i + 1;
  return new Set(order.slice(0, k).map(([, i]) => i));
}

/** The per-test level the first discovery of a family of `m` must reach: q/(m·c(m)). */
export function firstDiscoveryLevel(m: number, q: number): number {
  return q / (m * harmonic(m));
}
