// A race course from a file's points: missing elevations filled, thinned to about every 10 m (lat/lon kept for
// maps), its length, and its climb read the way the pacing core reads it (the same ±50 m smoothing), so the
// course's gain and the plan's agree. Pure: the caller measures the distances (the ingest GPX formula).
import type { LatLon } from '../../../lib/polyline';
import { type CoursePoint, type PacingError, courseProfile } from '../effort-grade.calc';

/** One point as read from the file, with the distance along the course from its first point. */
export interface RawCoursePoint {
  lat: number;
  lon: number;
  ele: number | null;
  distanceM: number;
}

/** Points closer than this to the last kept one are dropped: a 1 Hz track is ~3 m apart, far finer than a grade. */
export const THIN_STEP_M = 10;

export interface Course {
  lat: number[];
  lon: number[];
  ele: number[];
  dist: number[];
  hasElevation: boolean;
  lengthM: number;
  gainM: number;
  lossM: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Fills a missing elevation from its neighbours (linear by distance; the nearest one at the ends). */
function filledElevations(points: readonly RawCoursePoint[]): number[] | null {
  const known = points.flatMap((p, i) => (p.ele === null ? [] : [i]));
  if (known.length === 0) return null;
  const out = new Array<number>(points.length);
  let k = 0;
  for (let i = 0; i < points.length; i++) {
    while (k < known.length - 1 && known[k + 1]! <= i) k++;
    const a = known[k]!;
    const b = known[Math.min(k + 1, known.length - 1)]!;
    if (i <= a || a === b) out[i] = points[i <= a ? a : b]!.ele!;
    else {
      const pa = points[a]!;
      const pb = points[b]!;
      const span = pb.distanceM - pa.distanceM;
      out[i] = span > 0 ? pa.ele! + ((pb.ele! - pa.ele!) * (points[i]!.distanceM - pa.distanceM)) / span : pa.ele!;
    }
  }
  return out;
}

/** The course to store: thinned points, length, gain and loss. At least two points (the caller says so otherwise). */
export function buildCourse(points: readonly RawCoursePoint[]): Course {
  const filled = filledElevations(points);
  const out: Course = { lat: [], lon: [], ele: [], dist: [], hasElevation: filled !== null, lengthM: 0, gainM: 0, lossM: 0 };
  const keep = (i: number) => {
    const p = points[i]!;
    out.lat.push(round(p.lat, 6));
    out.lon.push(round(p.lon, 6));
    out.ele.push(round(filled?.[i] ?? 0, 1));
    out.dist.push(round(p.distanceM, 1));
  };
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < points.length - 1; i++) {
    if (points[i]!.distanceM - last < THIN_STEP_M) continue;
    keep(i);
    last = points[i]!.distanceM;
  }
  keep(points.length - 1);
  out.lengthM = out.dist[out.dist.length - 1]! - out.dist[0]!;
  if (filled && out.lengthM > 0) {
    const profile = courseProfile(pointsOf(out), out.lengthM);
    if (!('reason' in profile)) {
      const e = profile.elevationM;
      for (let k = 1; k < e.length; k++) {
        const d = e[k]! - e[k - 1]!;
        if (d > 0) out.gainM += d;
        else out.lossM -= d;
      }
    }
  }
  return out;
}

/** The pacing core's view of a stored course: distance and elevation. */
export function pointsOf(c: Pick<Course, 'dist' | 'ele'>): CoursePoint[] {
  return c.dist.map((d, i) => ({ distanceM: d, elevationM: c.ele[i]! }));
}

/** The course against the race: the pacing core's own checks (≥ 2 points, forward, within 3 %, on Earth). */
export function checkAgainstRace(c: Pick<Course, 'dist' | 'ele'>, raceM: number): PacingError | null {
  const profile = courseProfile(pointsOf(c), raceM);
  return 'reason' in profile ? profile : null;
}

/** At most `max` points of the profile for a chart: every n-th, the last always. */
/**
 * The course's line for a map, at most `max` points (evenly thinned, the last kept): a marathon's ~4,200 stored
 * points become one every ~42 m, far below a line's width at the zoom that shows the whole course.
 */
export function trackSample(c: Pick<Course, 'lat' | 'lon'>, max = 1000): LatLon[] {
  const n = c.lat.length;
  const every = Math.max(1, Math.ceil(n / max));
  const out: LatLon[] = [];
  for (let i = 0; i < n; i += every) out.push({ lat: c.lat[i]!, lon: c.lon[i]! });
  if (n > 0 && (n - 1) % every !== 0) out.push({ lat: c.lat[n - 1]!, lon: c.lon[n - 1]! });
  return out;
}

export function profileSample(c: Pick<Course, 'dist' | 'ele'>, max = 200): { distanceM: number; elevationM: number }[] {
  const n = c.dist.length;
  const every = Math.max(1, Math.ceil(n / max));
  const out: { distanceM: number; elevationM: number }[] = [];
  for (let i = 0; i < n; i += every) out.push({ distanceM: c.dist[i]!, elevationM: c.ele[i]! });
  if ((n - 1) % every !== 0) out.push({ distanceM: c.dist[n - 1]!, elevationM: c.ele[n - 1]! });
  return out;
}
