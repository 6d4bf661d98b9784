// Figures summed over a range of the streams (summaries, laps, splits and best efforts use them).
import type { Streams } from './streams.ts';
import { round } from './tz.ts';

/** Sum of climbs between samples a..b, from the terrain under the GPS error (Strava counts on corrected elevation). */
export function elevationGain(s: Streams, from = 0, to = s.n - 1): number {
  const h = s.terrain ?? s.altitude;
  if (!h) return 0;
  let gain = 0;
  for (let i = from + 1; i <= to; i++) gain += Math.max(0, (h[i] ?? 0) - (h[i - 1] ?? 0));
  return round(gain, 1);
}

/** Mean of a stream over the moving samples in (from, to]. */
export function movingMean(values: ArrayLike<number>, s: Streams, from = 0, to = s.n - 1): number {
  let sum = 0;
  let count = 0;
  for (let i = from + 1; i <= to; i++) {
    if (!s.moving[i]) continue;
    sum += values[i] ?? 0;
    count++;
  }
  return count ? sum / count : 0;
}

export function maxOf(values: ArrayLike<number>, from = 0, to = values.length - 1): number {
  let m = -Infinity;
  for (let i = from; i <= to; i++) m = Math.max(m, values[i] ?? -Infinity);
  return m;
}
