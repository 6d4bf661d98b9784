// Laps, splits and best efforts cut from the streams, so their sums and paces agree with the
// summary and the /streams data exactly (up to Strava's own rounding).
import type { ActivityPlan } from './generator.ts';
import { elevationGain, maxOf, movingMean } from './streams-stats.ts';
import type { Streams } from './streams.ts';
import { round } from './tz.ts';

export interface Range {
  startIndex: number;
  endIndex: number;
  distance: number;
  elapsedTime: number;
  movingTime: number;
  elevationGain: number;
  elevationDifference: number;
  averageSpeed: number;
  maxSpeed: number;
  averageCadence: number;
  averageHeartrate: number | null;
  maxHeartrate: number | null;
  averageWatts: number | null;
}

/** Figures for samples (from, to]: consecutive ranges share their boundary sample, so they add up. */
export function rangeStats(s: Streams, from: number, to: number): Range {
  let moving = 0;
  for (let i = from + 1; i <= to; i++) moving += s.moving[i] ?? 0;
  const distance = (s.distance[to] ?? 0) - (s.distance[from] ?? 0);
  return {
    startIndex: from,
    endIndex: to,
    distance: round(distance, 1),
    elapsedTime: (s.time[to] ?? 0) - (s.time[from] ?? 0),
    movingTime: moving,
    elevationGain: elevationGain(s, from, to),
    elevationDifference: s.terrain ? round((s.terrain[to] ?? 0) - (s.terrain[from] ?? 0), 1) : 0,
    averageSpeed: moving ? round(distance / moving, 2) : 0,
    maxSpeed: round(maxOf(s.velocity, from + 1, to), 1),
    averageCadence: round(movingMean(s.cadence, s, from, to), 1),
    averageHeartrate: s.heartrate ? round(movingMean(s.heartrate, s, from, to), 1) : null,
    maxHeartrate: s.heartrate ? maxOf(s.heartrate, from + 1, to) : null,
    averageWatts: s.watts ? round(movingMean(s.watts, s, from, to), 1) : null,
  };
}

/** Cuts the activity every `every` metres (the last piece is the remainder, if longer than 1 m). */
export function cutByDistance(s: Streams, every: number): Range[] {
  const out: Range[] = [];
  let from = 0;
  let mark = every;
  for (let i = 1; i < s.n; i++) {
    if ((s.distance[i] ?? 0) >= mark) {
      out.push(rangeStats(s, from, i));
      from = i;
      mark += every;
    }
  }
  const last = s.n - 1;
  if (from < last && (s.distance[last] ?? 0) - (s.distance[from] ?? 0) > 1) out.push(rangeStats(s, from, last));
  else if (from < last && out.length) {
    // A remainder under a metre is folded into the previous piece rather than dropped.
    const prev = out.pop() as Range;
    out.push(rangeStats(s, prev.startIndex, last));
  }
  return out.length ? out : [rangeStats(s, 0, last)];
}

/** Auto-lap distance by sport: 1 km running (Garmin's default), 5 km riding, 100 m in the pool. */
export function lapLength(plan: ActivityPlan): number {
  return plan.sport === 'Run' ? 1000 : plan.sport === 'Ride' ? 5000 : 100;
}

/** Strava's best-effort distances (name, metres). */
export const BEST_EFFORTS = [
  ['400m', 400],
  ['1/2 mile', 805],
  ['1k', 1000],
  ['1 mile', 1609],
  ['2 mile', 3219],
  ['5k', 5000],
  ['10k', 10000],
  ['15k', 15000],
  ['10 mile', 16090],
  ['20k', 20000],
  ['Half-Marathon', 21097],
  ['30k', 30000],
  ['Marathon', 42195],
] as const;

export interface BestEffort {
  name: string;
  distance: number;
  startIndex: number;
  endIndex: number;
  elapsedTime: number;
  movingTime: number;
}

/** Fastest window covering each distance (two pointers over the distance stream). */
export function bestEfforts(s: Streams): BestEffort[] {
  const total = s.distance[s.n - 1] ?? 0;
  const out: BestEffort[] = [];
  for (const [name, target] of BEST_EFFORTS) {
    if (target > total) break;
    let best: BestEffort | null = null;
    let from = 0;
    for (let to = 1; to < s.n; to++) {
      if ((s.distance[to] ?? 0) - (s.distance[from] ?? 0) < target) continue;
      while ((s.distance[to] ?? 0) - (s.distance[from + 1] ?? 0) >= target) from++;
      const elapsed = (s.time[to] ?? 0) - (s.time[from] ?? 0);
      if (!best || elapsed < best.elapsedTime)
        best = { name, distance: target, startIndex: from, endIndex: to, elapsedTime: elapsed, movingTime: 0 };
    }
    if (best) {
      best.movingTime = rangeStats(s, best.startIndex, best.endIndex).movingTime;
      out.push(best);
    }
  }
  return out;
}
