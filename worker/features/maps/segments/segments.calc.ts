// Segments' pure figures (ADR 102): the stored path cut from a track (the matcher's `segmentPathOf`, encoded),
// an athlete's own efforts ranked (PR and rank), the board's best effort per person, the zone and speed checks. Pure.
import { type LatLon, encodePolyline, metresBetween } from '../../../lib/geo';
import type { Box, Track } from '../tracks/track.calc';
import { segmentPathOf } from './matching/path.calc';

/** Shortest and longest segment (the table's check says the same): under 100 m a gate is GPS noise; over 100 km a route. */
export const SEGMENT_DISTANCE_M = { min: 100, max: 100_000 } as const;
/** A segment's path as stored: precision-6 polyline, length, climb and grade when the source had elevation. */
export interface SegmentPath extends Box {
  polyline: string;
  points: LatLon[];
  distanceM: number;
  climbM: number | null;
  gradePct: number | null;
}

/** Altitude samples of the activity (metres, seconds since its start). */
export interface Elevation {
  t: readonly number[];
  altM: readonly number[];
}

/** The altitude at each track point's second (the nearest sample at or before it; null before the first). */
function altitudeAt(t: readonly number[], elevation: Elevation): (number | null)[] {
  const out: (number | null)[] = [];
  let j = -1;
  for (const s of t) {
    while (j + 1 < elevation.t.length && elevation.t[j + 1]! <= s) j++;
    out.push(j >= 0 ? elevation.altM[j]! : null);
  }
  return out;
}

/** The stretch of a track between two seconds as a segment's stored path: the matcher's `segmentPathOf`, encoded. */
export function storedPathOf(track: Track, fromS: number, toS: number, elevation: Elevation | null): SegmentPath | null {
  const alt = elevation && elevation.t.length === elevation.altM.length ? altitudeAt(track.t, elevation) : null;
  const path = segmentPathOf({ ...track, alt }, fromS, toS);
  if (!path) return null;
  const { points, distanceM, climbM, gradePct, box } = path;
  return { ...box, polyline: encodePolyline(points, 6), points, distanceM, climbM, gradePct };
}

export interface EffortLike {
  id: string;
  elapsedS: number;
  startedAt: Date;
}

/** Ranks by elapsed time, ties sharing a rank (the earlier effort listed first); rank 1 is the PR. */
export function rankEfforts<E extends EffortLike>(efforts: readonly E[]): (E & { rank: number; pr: boolean })[] {
  const sorted = [...efforts].sort((a, b) => a.elapsedS - b.elapsedS || a.startedAt.getTime() - b.startedAt.getTime());
  let rank = 0;
  return sorted.map((e, i) => {
    if (i === 0 || sorted[i - 1]!.elapsedS !== e.elapsedS) rank = i + 1;
    return { ...e, rank, pr: rank === 1 };
  });
}

/** Each person's fastest effort, ranked; ties share a rank and are listed by who got there first. */
export function bestPerPerson<E extends EffortLike & { userId: string }>(efforts: readonly E[]): (E & { rank: number })[] {
  const best = new Map<string, E>();
  for (const e of efforts) {
    const b = best.get(e.userId);
    if (!b || e.elapsedS < b.elapsedS || (e.elapsedS === b.elapsedS && e.startedAt < b.startedAt)) best.set(e.userId, e);
  }
  return rankEfforts([...best.values()]).map(({ pr: _, ...e }) => e as E & { rank: number });
}

export interface Zone extends LatLon {
  radiusM: number;
}

/** Whether a point lies inside any of the zones (their edge counts as inside). */
export const insideAny = (p: LatLon, zones: readonly Zone[]) => zones.some((z) => metresBetween(p, z) <= z.radiusM);

/** The segment's average speed over an effort, m/s. */
export const segmentSpeed = (distanceM: number, elapsedS: number) => (elapsedS > 0 ? distanceM / elapsedS : Infinity);
