// Best efforts over a stream: fastest segment over a distance, best rolling mean over a duration.

import { lerp, pauseGapS, series } from './stream-grid.calc';

export const RUN_PB_DISTANCES: readonly number[] = [400, 1000, 1609.344, 5000, 10000, 21097.5, 42195];
export const POWER_DURATIONS: readonly number[] = [5, 60, 300, 1200, 3600];

/** The `runBests` key for a PB distance: whole metres, so 1 mile → 1609 and the half marathon → 21098. */
export const runBestKey = (distanceM: number): number => Math.round(distanceM);

/**
 * Fastest stretch covering exactly `distanceM` (elapsed time, pauses included, as race PBs are).
 * Distance is taken as linear between samples, so the optimum starts or ends on a sample: one
 * two-pointer pass per case finds it in O(n). `cumDistM` must be non-decreasing. Null when too short.
 */
export function fastestSegment(
  t: ArrayLike<number>,
  cumDistM: ArrayLike<number>,
  distanceM: number,
): { timeS: number; startOffsetS: number } | null {
  const n = Math.min(t.length, cumDistM.length);
  if (!(distanceM > 0) || n < 2 || cumDistM[n - 1]! - cumDistM[0]! < distanceM) return null;
  let best: { timeS: number; startOffsetS: number } | null = null;
  const consider = (start: number, end: number): void => {
    if (!best || end - start < best.timeS) best = { timeS: end - start, startOffsetS: start };
  };
  // Starts on a sample; the end is interpolated inside the first interval that reaches the target.
  for (let i = 0, j = 1; i < n; i++) {
    const target = cumDistM[i]! + distanceM;
    while (j < n && cumDistM[j]! < target) j++;
    if (j >= n) break;
    const d0 = cumDistM[j - 1]!;
    const f = (target - d0) / (cumDistM[j]! - d0);
    consider(t[i]!, lerp(t[j - 1]!, t[j]!, f));
  }
  // Ends on a sample; the start is interpolated inside the last interval that still leaves the distance.
  for (let j = 0, i = 0; j < n; j++) {
    const target = cumDistM[j]! - distanceM;
    if (target < cumDistM[0]!) continue;
    while (i + 1 < j && cumDistM[i + 1]! <= target) i++;
    const d0 = cumDistM[i]!;
    const span = cumDistM[i + 1]! - d0;
    consider(span > 0 ? lerp(t[i]!, t[i + 1]!, (target - d0) / span) : t[i]!, t[j]!);
  }
  return best;
}

/** Best rolling mean over `durationS`; a window holding a second without a reading (NaN: a lost sensor) does not count. */
export function bestWindowMean(x: Float64Array, durationS: number): number | null {
  const w = Math.round(durationS);
  if (w < 1 || x.length < w) return null;
  let sum = 0;
  let missing = 0;
  let best = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]!)) missing++;
    else sum += x[i]!;
    if (i >= w) {
      if (Number.isNaN(x[i - w]!)) missing--;
      else sum -= x[i - w]!;
    }
    if (i >= w - 1 && missing === 0 && sum > best) best = sum;
  }
  return best === -Infinity ? null : best / w;
}

/** Best rolling mean power over `durationS` on the zero-filled 1-Hz grid (pauses count as 0 W); null if shorter. */
export function bestMeanPower(t: number[], power: number[], durationS: number): number | null {
  return bestWindowMean(series(t, power, 'zero', pauseGapS(t)), durationS);
}

/** Best mean speed (m/s) over `durationS` on the zero-filled 1-Hz grid; null if shorter. */
export function bestMeanSpeed(t: number[], speedCms: number[], durationS: number): number | null {
  const best = bestWindowMean(series(t, speedCms, 'zero', pauseGapS(t)), durationS);
  return best === null ? null : best / 100;
}
