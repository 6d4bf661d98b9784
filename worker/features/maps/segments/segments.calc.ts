// Segments' pure figures (ADR 102): the interim path cut from a track until the matcher's `segmentPathOf` is wired,
// an athlete's own efforts ranked (PR and rank), the board's best effort per person, the zone and speed checks. Pure.
import { type LatLon, encodePolyline, metresBetween } from '../../../lib/geo';
import { type Box, type Track, boxOf } from '../tracks/track.calc';

/** Shortest and longest segment (the table's check says the same): under 100 m a gate is GPS noise; over 100 km a route. */
export const SEGMENT_DISTANCE_M = { min: 100, max: 100_000 } as const;
/** The path's spacing, as the matcher resamples both sides (domain reference: resample first; GPS noise 3–10 m). */
export const PATH_SPACING_M = 10;

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

/** Points every `spacing` metres along a polyline, first and last kept. */
export function resample(points: readonly LatLon[], spacing = PATH_SPACING_M): LatLon[] {
  if (points.length < 2) return [...points];
  const out: LatLon[] = [points[0]!];
  let carried = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const d = metresBetween(a, b);
    let at = spacing - carried;
    while (at <= d) {
      const f = at / d;
      out.push({ lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f });
      at += spacing;
    }
    carried = d - (at - spacing);
  }
  const last = points.at(-1)!;
  if (metresBetween(out.at(-1)!, last) > 0.5) out.push(last);
  return out;
}

/**
 * The stretch of a track between two seconds as a segment's path; null when fewer than two fixes fall inside.
 * Climb sums the rises of the altitude samples in the stretch (no smoothing: the matcher's version replaces this).
 */
export function interimPathOf(track: Track, fromS: number, toS: number, elevation: Elevation | null): SegmentPath | null {
  const inside: LatLon[] = [];
  for (let i = 0; i < track.t.length; i++)
    if (track.t[i]! >= fromS && track.t[i]! <= toS) inside.push({ lat: track.lat[i]!, lon: track.lon[i]! });
  if (inside.length < 2) return null;
  const points = resample(inside);
  let distanceM = 0;
  for (let i = 1; i < points.length; i++) distanceM += metresBetween(points[i - 1]!, points[i]!);
  let climbM: number | null = null;
  let gradePct: number | null = null;
  if (elevation && elevation.t.length === elevation.altM.length) {
    const alt = elevation.altM.filter((_, i) => elevation.t[i]! >= fromS && elevation.t[i]! <= toS);
    if (alt.length >= 2) {
      climbM = alt.slice(1).reduce((s, a, i) => s + Math.max(0, a - alt[i]!), 0);
      gradePct = distanceM > 0 ? ((alt.at(-1)! - alt[0]!) / distanceM) * 100 : null;
    }
  }
  const box = boxOf({ lat: points.map((p) => p.lat), lon: points.map((p) => p.lon) });
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
