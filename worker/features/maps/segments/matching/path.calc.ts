// A segment's path (ADR 099): the stretch of a track between two seconds, resampled every 10 m so matching compares
// like with like, with its length, climb and grade. Pure.
import { decodePolyline, fromLocal, type LatLon, toLocal } from '../../../../lib/geo';
import { type Box, boxOf, type Track } from '../../tracks/track.calc';

/** The spacing a segment's path is stored and compared at: GPS noise is 3–10 m, so finer spacing adds nothing. */
export const SEGMENT_SPACING_M = 10;
/** A rise counts once the altitude moved this far (the importer's ELEVATION_HYSTERESIS_M: barometer and GPS noise). */
const CLIMB_HYSTERESIS_M = 2;

export interface SegmentPath {
  /** Every SEGMENT_SPACING_M along the stretch, first and last points exact. */
  points: LatLon[];
  distanceM: number;
  /** Metres climbed (2 m hysteresis), null without altitude. */
  climbM: number | null;
  /** Net rise over distance, %, null without altitude. */
  gradePct: number | null;
  box: Box;
}

/** What matching needs of a segment: its resampled points (from the stored precision-6 polyline) and length. */
export type MatchableSegment = Pick<SegmentPath, 'points' | 'distanceM'>;

/** Points at `spacing` apart along the line x/y (metres), starting at the first, ending at the last. */
export function resampleXY(x: ArrayLike<number>, y: ArrayLike<number>, spacing: number): { x: number[]; y: number[] } {
  const n = x.length;
  if (n < 2) return { x: Array.from(x), y: Array.from(y) };
  const ox = [x[0]!];
  const oy = [y[0]!];
  // Distance still to go from the previous vertex before the next emitted point.
  let need = spacing;
  for (let i = 1; i < n; i++) {
    const x0 = x[i - 1]!;
    const y0 = y[i - 1]!;
    const dx = x[i]! - x0;
    const dy = y[i]! - y0;
    const len = Math.hypot(dx, dy);
    let at = need;
    while (at <= len) {
      ox.push(x0 + (dx * at) / len);
      oy.push(y0 + (dy * at) / len);
      at += spacing;
    }
    need = at - len;
  }
  // The last point exactly, unless the last emitted one is it (closer than a centimetre).
  const lx = x[n - 1]!;
  const ly = y[n - 1]!;
  if (Math.hypot(lx - ox.at(-1)!, ly - oy.at(-1)!) > 0.01 || ox.length === 1) {
    ox.push(lx);
    oy.push(ly);
  }
  return { x: ox, y: oy };
}

/** The line through `points` resampled every `spacingM` metres along it (a local flat projection: < 0.1 % over 10 km). */
export function resample(points: readonly LatLon[], spacingM: number): LatLon[] {
  if (points.length === 0) return [];
  const ref = points[0]!;
  const local = points.map((p) => toLocal(ref, p));
  const r = resampleXY(
    local.map((p) => p.x),
    local.map((p) => p.y),
    spacingM,
  );
  return r.x.map((x, i) => fromLocal(ref, x, r.y[i]!));
}

/** Metres along a list of points. */
export function pathLength(points: readonly LatLon[]): number {
  let m = 0;
  for (let i = 1; i < points.length; i++) {
    const { x, y } = toLocal(points[i - 1]!, points[i]!);
    m += Math.hypot(x, y);
  }
  return m;
}

/** Gain with hysteresis, and the net rise, over altitudes (nulls skipped); null when fewer than two readings. */
function climbOf(alt: readonly (number | null | undefined)[]): { gain: number; net: number } | null {
  const known = alt.filter((a): a is number => typeof a === 'number' && Number.isFinite(a));
  if (known.length < 2) return null;
  let ref = known[0]!;
  let gain = 0;
  for (const a of known) {
    if (a - ref >= CLIMB_HYSTERESIS_M) {
      gain += a - ref;
      ref = a;
    } else if (ref - a >= CLIMB_HYSTERESIS_M) ref = a;
  }
  return { gain, net: known.at(-1)! - known[0]! };
}

/**
 * The segment an athlete cut from seconds `fromS`…`toS` of one of their tracks: the track's points in that range
 * resampled every 10 m. `alt` (metres, one per track point, null where unknown) gives the climb and grade. Null
 * when the range holds fewer than two points.
 */
export function segmentPathOf(track: Track & { alt?: readonly (number | null)[] | null }, fromS: number, toS: number): SegmentPath | null {
  const picked: LatLon[] = [];
  const alt: (number | null)[] = [];
  for (let i = 0; i < track.t.length; i++) {
    const t = track.t[i]!;
    if (t < fromS || t > toS) continue;
    picked.push({ lat: track.lat[i]!, lon: track.lon[i]! });
    alt.push(track.alt?.[i] ?? null);
  }
  if (picked.length < 2) return null;
  const points = resample(picked, SEGMENT_SPACING_M);
  const distanceM = pathLength(points);
  const climb = track.alt ? climbOf(alt) : null;
  return {
    points,
    distanceM,
    climbM: climb ? Math.round(climb.gain * 10) / 10 : null,
    gradePct: climb && distanceM > 0 ? Math.round((climb.net / distanceM) * 1000) / 10 : null,
    box: boxOf({ lat: points.map((p) => p.lat), lon: points.map((p) => p.lon) }),
  };
}

/** A stored segment's path back from its precision-6 polyline. */
export function decodeSegmentPath(row: { polyline: string; distanceM: number }): MatchableSegment {
  return { points: decodePolyline(row.polyline, 6), distanceM: row.distanceM };
}
