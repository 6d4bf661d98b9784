// The discrete Fréchet distance (Eiter & Mannila 1994, "Computing discrete Fréchet distance", TU Wien CD-TR 94/64):
// the shortest leash that lets a walker on each polyline go from start to end, both only forwards. Unlike a buffer
// (Hausdorff) test it respects order, so a pass the wrong way round a loop or one that skips part of the path fails.
// Pure.

/**
 * The discrete Fréchet distance between a and b (flat x/y metres) when it is at most `within`, else Infinity.
 * The decision form: O(|a|·|b|) time, O(|b|) memory, and it stops at the first row of the coupling table whose
 * every cell exceeds `within` — a row's minimum never falls (each cell is the max of its own distance and the
 * min of cells before it), so no coupling can come back under the leash.
 */
export function frechetWithin(
  ax: ArrayLike<number>,
  ay: ArrayLike<number>,
  bx: ArrayLike<number>,
  by: ArrayLike<number>,
  within: number,
): number {
  const n = ax.length;
  const m = bx.length;
  if (n === 0 || m === 0) return Number.POSITIVE_INFINITY;
  const limit = within * within;
  const d2 = (i: number, j: number) => {
    const dx = ax[i]! - bx[j]!;
    const dy = ay[i]! - by[j]!;
    return dx * dx + dy * dy;
  };
  // The ends must be paired: a cheap refusal before any table.
  if (d2(0, 0) > limit || d2(n - 1, m - 1) > limit) return Number.POSITIVE_INFINITY;
  // Squared distances throughout (the order is the same); one row of the table at a time.
  let prev = new Float64Array(m);
  let row = new Float64Array(m);
  prev[0] = d2(0, 0);
  let rowMin = prev[0]!;
  for (let j = 1; j < m; j++) {
    prev[j] = Math.max(prev[j - 1]!, d2(0, j));
    if (prev[j]! < rowMin) rowMin = prev[j]!;
  }
  if (rowMin > limit) return Number.POSITIVE_INFINITY;
  for (let i = 1; i < n; i++) {
    row[0] = Math.max(prev[0]!, d2(i, 0));
    rowMin = row[0]!;
    for (let j = 1; j < m; j++) {
      const before = Math.min(prev[j]!, prev[j - 1]!, row[j - 1]!);
      const here = d2(i, j);
      const v = Math.max(here, before);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return Number.POSITIVE_INFINITY;
    const swap = prev;
    prev = row;
    row = swap;
  }
  const last = prev[m - 1]!;
  return last > limit ? Number.POSITIVE_INFINITY : Math.sqrt(last);
}

/**
 * The same decision over couplings that keep near the diagonal (cell (i, j) with j within `halfWidth` of i's share
 * of b): a coupling of the band is a coupling, so a value found is at least the true distance and at most `within`
 * — a sound "yes" in O(|a|·halfWidth). Infinity says only that no coupling *in the band* fits: ask frechetWithin.
 */
export function frechetBanded(
  ax: ArrayLike<number>,
  ay: ArrayLike<number>,
  bx: ArrayLike<number>,
  by: ArrayLike<number>,
  within: number,
  halfWidth: number,
): number {
  const n = ax.length;
  const m = bx.length;
  if (n === 0 || m === 0) return Number.POSITIVE_INFINITY;
  const limit = within * within;
  const scale = n > 1 ? (m - 1) / (n - 1) : 0;
  // How far right the band moves from one row to the next: the cells past a row's band that the next reads.
  const step = Math.ceil(scale) + 1;
  const inf = Number.POSITIVE_INFINITY;
  let prev = new Float64Array(m).fill(inf);
  let row = new Float64Array(m).fill(inf);
  for (let i = 0; i < n; i++) {
    const centre = Math.round(i * scale);
    const a = Math.max(0, centre - halfWidth);
    const b = Math.min(m - 1, centre + halfWidth);
    const xi = ax[i]!;
    const yi = ay[i]!;
    let rowMin = inf;
    let left = inf;
    for (let j = a; j <= b; j++) {
      const dx = xi - bx[j]!;
      const dy = yi - by[j]!;
      // Cells outside the previous row's band hold Infinity (set below), so no bounds test is needed here.
      const before = i === 0 ? (j === 0 ? 0 : left) : Math.min(prev[j]!, j > 0 ? prev[j - 1]! : inf, left);
      const v = Math.max(dx * dx + dy * dy, before);
      row[j] = v;
      left = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return inf;
    if (a > 0) row[a - 1] = inf;
    for (let j = b + 1; j < Math.min(m, b + 1 + step); j++) row[j] = inf;
    const swap = prev;
    prev = row;
    row = swap;
  }
  const last = prev[m - 1]!;
  return last > limit ? inf : Math.sqrt(last);
}

/** The exact discrete Fréchet distance (tests and receipts; no early exit). */
export function frechet(ax: ArrayLike<number>, ay: ArrayLike<number>, bx: ArrayLike<number>, by: ArrayLike<number>): number {
  return frechetWithin(ax, ay, bx, by, Number.MAX_VALUE);
}
