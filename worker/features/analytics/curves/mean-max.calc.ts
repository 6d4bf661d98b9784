// Mean-maximal curves: for each duration of a fixed ladder, the best average of a 1-Hz series over any window of
// that many seconds, and where it starts (the receipt's moment). Pure; the ladder is shared by every stored curve so
// curves of different activities and ranges merge point by point.
import { lost } from '../calc/stream-grid.calc';
import type { ActivityTrack } from '../streams/activity-track.calc';

/** Durations in seconds: every second to 10 s, then denser where models are fitted (2–20 min), up to 24 h. */
export const CURVE_DURATIONS: readonly number[] = Object.freeze([
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30, 40, 45, 50, 60, 75, 90, 105, 120, 150, 180, 210, 240, 270, 300, 360, 420, 480, 540,
  600, 720, 840, 960, 1080, 1200, 1500, 1800, 2100, 2400, 2700, 3000, 3600, 4500, 5400, 6300, 7200, 9000, 10800, 12600, 14400, 18000, 21600,
  28800, 36000, 43200, 64800, 86400,
]);

/** One point of a curve: the best mean over `CURVE_DURATIONS[i]`, from `startS` (seconds from the activity's start). */
export interface CurvePoint {
  value: number;
  startS: number;
}

/** One activity's curve, indexed like CURVE_DURATIONS; null past the activity's length or where no window is whole. */
export type ActivityCurve = (CurvePoint | null)[];

/**
 * The mean-maximal curve of a 1-Hz series. NaN marks a second with no reading (heart rate lost, a pause the
 * channel does not fill): a window containing one does not count. One sliding sum per duration, O(n·k).
 */
export function meanMaxCurve(x: Float64Array, durations: readonly number[] = CURVE_DURATIONS): ActivityCurve {
  const n = x.length;
  // Prefix sums of the readings and of the missing seconds, so each window is two subtractions.
  const sum = new Float64Array(n + 1);
  const missing = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    const absent = Number.isNaN(v);
    sum[i + 1] = sum[i]! + (absent ? 0 : v);
    missing[i + 1] = missing[i]! + (absent ? 1 : 0);
  }
  return durations.map((w) => {
    if (w > n) return null;
    let best = -Infinity;
    let at = -1;
    for (let s = 0; s + w <= n; s++) {
      if (missing[s + w]! - missing[s]! > 0) continue;
      const total = sum[s + w]! - sum[s]!;
      if (total > best) {
        best = total;
        at = s;
      }
    }
    return at < 0 ? null : { value: best / w, startS: at };
  });
}

export type CurveKind = 'power' | 'speed' | 'hr';

/**
 * The 1-Hz series a curve is drawn from. Power and speed count a stop as 0 (nothing was produced over that time, as
 * a power meter records it); heart rate has no reading there, so no window spans a stop. A lost sensor is not a
 * stop: its seconds stay without a reading for every kind, so no window spans them (`track.missing`; ADR 063).
 * Null without the channel.
 */
export function curveSeries(track: Pick<ActivityTrack, 'grid' | 'missing'>, kind: CurveKind): Float64Array | null {
  const x = track.grid[kind];
  if (!x) return null;
  if (kind === 'hr') return x;
  const zeroed = x.map((v) => (Number.isNaN(v) ? 0 : v));
  return kind === 'power' ? lost(zeroed, track.missing.power) : zeroed;
}
