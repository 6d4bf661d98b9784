// Time in zones without the streams (ADR 067): each activity keeps, in its derived facts, the seconds per
// value bin of its 1-Hz grids; zones for any threshold are then counted from the bins on read
// (trends/zone-weeks.calc.ts), so a new threshold re-zones months of activities without re-reading a stream.
//
// A bin straddling a zone edge is split in proportion to the part of it on each side (the seconds are
// taken as spread evenly across the bin): against counting every second (streams/zones.calc.ts) a zone is
// off by at most the seconds of the one bin at each of its edges.

import type { Sport } from '../../activities';
import type { ValueHistogram, ZoneHistograms } from '../analytics.types';
import { MOVING_SPEED_MPS } from './stream-grid.calc';

/** Bin widths and the top bin (values above it are counted there, always the last zone). */
export const HIST_BINS = {
  hr: { w: 1, top: 250 },
  power: { w: 5, top: 3000 },
  speed: { w: 0.05, top: 25 },
} as const;

/** Above this a heart-rate sample is a strap's glitch, not a maximum (as zones.calc reads them). */
const HR_CEILING_BPM = 230;

/** The histogram of the values of `grid` that `counts`, or null when none does. */
export function histogramOf(
  grid: ArrayLike<number>,
  bins: { w: number; top: number },
  counts: (v: number) => boolean,
  maxCeiling = Number.POSITIVE_INFINITY,
): ValueHistogram | null {
  const kTop = Math.round(bins.top / bins.w);
  // A typed array over every bin (≤ 601): one pass with no allocation per sample.
  const byBin = new Int32Array(kTop + 1);
  let lo = kTop + 1;
  let hi = -1;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < grid.length; i++) {
    const v = grid[i]!;
    if (!Number.isFinite(v) || !counts(v)) continue;
    // The small epsilon keeps 3.0 / 0.05 in bin 60, not 59.99… → 59.
    const k = Math.max(0, Math.min(kTop, Math.floor(v / bins.w + 1e-9)));
    byBin[k]!++;
    if (k < lo) lo = k;
    if (k > hi) hi = k;
    if (v <= maxCeiling && v > max) max = v;
  }
  if (hi < 0) return null;
  const k0 = lo;
  const s = Array.from(byBin.subarray(lo, hi + 1));
  return { w: bins.w, k0, s, max: Number.isFinite(max) ? Math.round(max * 1000) / 1000 : 0 };
}

/** The histograms an activity keeps: heart rate above 0, power every recorded second, speed moving seconds of runs and swims. */
export function zoneHistograms(
  sport: Sport,
  grids: { hr?: ArrayLike<number>; power?: ArrayLike<number>; speed?: ArrayLike<number> },
): ZoneHistograms {
  const out: ZoneHistograms = {};
  const hr = grids.hr && histogramOf(grids.hr, HIST_BINS.hr, (v) => v > 0, HR_CEILING_BPM);
  if (hr) out.hr = hr;
  const power = grids.power && histogramOf(grids.power, HIST_BINS.power, () => true);
  if (power) out.power = power;
  if (sport === 'run' || sport === 'swim') {
    const speed = grids.speed && histogramOf(grids.speed, HIST_BINS.speed, (v) => v > MOVING_SPEED_MPS);
    if (speed) out.speed = speed;
  }
  return out;
}

/** Seconds per zone of `bounds × threshold` (fractional where a bin straddles an edge). */
export function histogramZones(h: ValueHistogram, threshold: number, bounds: readonly number[]): number[] {
  const edges = bounds.map((f) => f * threshold);
  const out = new Array<number>(edges.length + 1).fill(0);
  // Bin ends in floating point (0.05 · 60 = 3.0000000000000004) must not split a bin an edge only touches.
  const eps = h.w * 1e-9;
  let z = 0;
  for (let i = 0; i < h.s.length; i++) {
    const n = h.s[i]!;
    const lo = (h.k0 + i) * h.w;
    const hi = lo + h.w;
    while (z < edges.length && edges[z]! <= lo + eps) z++;
    if (n === 0) continue;
    let from = lo;
    let left = n;
    let zz = z;
    while (zz < edges.length && edges[zz]! < hi - eps) {
      const part = (n * (edges[zz]! - from)) / h.w;
      out[zz]! += part;
      left -= part;
      from = edges[zz]!;
      zz++;
    }
    out[zz]! += left;
  }
  return out;
}
