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
  const lo = (i: number) => Math.max(0, Math.round(i * scale) - halfWidth);
  const hi = (i: number) => Math.min(m - 1, Math.round(i * scale) + halfWidth);
  let prev = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  let row = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  let prevLo = 0;
  let prevHi = -1;
  for (let i = 0; i < n; i++) {
    const a = lo(i);
    const b = hi(i);
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = a; j <= b; j++) {
      const dx = ax[i]! - bx[j]!;
      const dy = ay[i]! - by[j]!;
      const here = dx * dx + dy * dy;
      let before: number;
      if (i === 0 && j === 0) before = 0;
      else {
        const up = j >= prevLo && j <= prevHi ? prev[j]! : Number.POSITIVE_INFINITY;
        const diag = j - 1 >= prevLo && j - 1 <= prevHi ? prev[j - 1]! : Number.POSITIVE_INFINITY;
        const left = j > a ? row[j - 1]! : Number.POSITIVE_INFINITY;
        before = Math.min(up, diag, left);
      }
      const v = Math.max(here, before);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return Number.POSITIVE_INFINITY;
    const swap = prev;
    prev = row;
    row = swap;
    prevLo = a;
    prevHi = b;
  }
  const last = prevHi === m - 1 ? prev[m - 1]! : Number.POSITIVE_INFINITY;
  return last > limit ? Number.POSITIVE_INFINITY : Math.sqrt(last);
}

/** The exact discrete Fréchet distance (tests and receipts; no early exit). */
export function frechet(ax: ArrayLike<number>, ay: ArrayLike<number>, bx: ArrayLike<number>, by: ArrayLike<number>): number {
  return frechetWithin(ax, ay, bx, by, Number.MAX_VALUE);
}
