// Largest-triangle-three-buckets (Steinarsson, "Downsampling Time Series for Visual Representation",
// University of Iceland, 2013): keeps the shape of a series — its peaks and troughs — in a few hundred
// points where every n-th sample would drop them. Pure, O(n).

/**
 * The indices of `[from, to)` to draw: the first and the last, and from each of `threshold − 2` equal
 * buckets between them the sample making the largest triangle with the previous pick and the next
 * bucket's mean. LTTB keeps peaks in practice but not by construction, so the range's highest and lowest
 * samples are added where it left them out: at most `threshold + 2` indices, ascending. A range no
 * longer than `threshold` comes back whole.
 */
export function lttbIndices(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number, from = 0, to = x.length): number[] {
  const n = to - from;
  if (n <= 0) return [];
  if (n <= Math.max(threshold, 2)) return Array.from({ length: n }, (_, k) => from + k);
  const m = Math.max(3, Math.floor(threshold));
  const v = (i: number) => {
    const value = y[i]!;
    return Number.isFinite(value) ? value : 0;
  };
  const out: number[] = [from];
  const every = (n - 2) / (m - 2);
  let a = from;
  for (let b = 0; b < m - 2; b++) {
    const start = from + 1 + Math.floor(b * every);
    const end = from + 1 + Math.floor((b + 1) * every);
    // The next bucket's mean (the last point for the last bucket).
    const nextStart = end;
    const nextEnd = Math.min(to, from + 1 + Math.floor((b + 2) * every));
    let cx = 0;
    let cy = 0;
    const count = Math.max(1, nextEnd - nextStart);
    if (nextEnd > nextStart) {
      for (let j = nextStart; j < nextEnd; j++) {
        cx += x[j]!;
        cy += v(j);
      }
      cx /= count;
      cy /= count;
    } else {
      cx = x[to - 1]!;
      cy = v(to - 1);
    }
    const ax = x[a]!;
    const ay = v(a);
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      // Twice the triangle's area; the factor does not change which is largest.
      const area = Math.abs((ax - cx) * (v(j) - ay) - (ax - x[j]!) * (cy - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out.push(best);
    a = best;
  }
  out.push(to - 1);

  let hi = from;
  let lo = from;
  for (let i = from; i < to; i++) {
    if (v(i) > v(hi)) hi = i;
    if (v(i) < v(lo)) lo = i;
  }
  const picked = new Set(out);
  if (!picked.has(hi)) out.push(hi);
  if (!picked.has(lo) && lo !== hi) out.push(lo);
  return out.length === m ? out : out.sort((p, q) => p - q);
}

/**
 * One set of indices for several channels on a shared x axis: the union of each channel's LTTB picks,
 * so every chart keeps its own peaks and all of them share one cursor.
 */
export function lttbUnion(x: ArrayLike<number>, channels: ArrayLike<number>[], threshold: number, from = 0, to = x.length): number[] {
  if (channels.length === 0) return lttbIndices(x, x, threshold, from, to);
  const seen = new Uint8Array(Math.max(0, to - from));
  for (const y of channels) for (const i of lttbIndices(x, y, threshold, from, to)) seen[i - from] = 1;
  const out: number[] = [];
  for (let k = 0; k < seen.length; k++) if (seen[k]) out.push(from + k);
  return out;
}
