// A course from an activity's GPS (the whole of it or a stretch), and a stored course as Garmin's Courses API
// takes it: every point within 100 m of the next, at most 10,000 of them (ADR 101). Pure: no clock, no db.
import {
  GARMIN_COURSE_MAX_GAP_M,
  GARMIN_COURSE_MAX_POINTS,
  type GarminCourse,
  type GarminCourseType,
} from '../../../providers/garmin/garmin-courses.wire';
import type { Sport } from '../../activities';
import { haversineM } from '../../ingest';
import type { RawCoursePoint } from '../../races';

/** A course's sport, one per Garmin course type (the athlete chooses; an activity's sport suggests one). */
export const COURSE_SPORTS = ['run', 'trail_run', 'ride', 'gravel_ride', 'mountain_bike', 'hike', 'other'] as const;
export type CourseSport = (typeof COURSE_SPORTS)[number];

export const GARMIN_TYPE: Readonly<Record<CourseSport, GarminCourseType>> = {
  run: 'RUNNING',
  trail_run: 'TRAIL_RUNNING',
  ride: 'ROAD_CYCLING',
  gravel_ride: 'GRAVEL_CYCLING',
  mountain_bike: 'MOUNTAIN_BIKING',
  hike: 'HIKING',
  other: 'OTHER',
};

export const courseSportOf = (sport: Sport): CourseSport =>
  sport === 'run' ? 'run' : sport === 'ride' ? 'ride' : sport === 'hike' || sport === 'walk' ? 'hike' : 'other';

export interface GpsInput {
  t: readonly number[];
  lat: readonly number[];
  lon: readonly number[];
  altitudeM: readonly number[] | null;
}

/**
 * The activity's points between `fromS` and `toS` (seconds from its start, inclusive; absent: the whole), measured
 * with ingest's haversine as a GPX course is. A sample at exactly 0°, 0° is a missing fix, not a place: skipped.
 */
export function pointsFromGps(g: GpsInput, fromS?: number, toS?: number): RawCoursePoint[] {
  const out: RawCoursePoint[] = [];
  for (let i = 0; i < g.t.length; i++) {
    const t = g.t[i]!;
    if ((fromS !== undefined && t < fromS) || (toS !== undefined && t > toS)) continue;
    const lat = g.lat[i]!;
    const lon = g.lon[i]!;
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || (lat === 0 && lon === 0) || Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
    const ele = g.altitudeM?.[i];
    const prev = out[out.length - 1];
    const distanceM = prev ? prev.distanceM + haversineM(prev.lat, prev.lon, lat, lon) : 0;
    out.push({ lat, lon, ele: ele !== undefined && Number.isFinite(ele) ? ele : null, distanceM });
  }
  return out;
}

export interface StoredCourse {
  name: string;
  sport: CourseSport;
  points: { lat: number[]; lon: number[]; ele: number[]; dist: number[] };
  hasElevation: boolean;
  lengthM: number;
  gainM: number;
  lossM: number;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The geo-points Garmin takes: the stored points, with points added along a straight line wherever two are more than
 * 100 m apart (a sparse GPX route); over 10,000 that way, resampled evenly along the course at the step that fits.
 * Null when even that step would be over 100 m (a course over ~1,000 km): Garmin cannot take it.
 */
export function garminGeoPoints(c: StoredCourse): GarminCourse['geoPoints'] | null {
  const { lat, lon, ele, dist } = c.points;
  const n = dist.length;
  const point = (la: number, lo: number, e: number) => ({
    latitude: round(la, 6),
    longitude: round(lo, 6),
    ...(c.hasElevation ? { elevation: round(e, 1) } : {}),
  });
  // The point at distance `d` along the course; the calls ask in increasing order, so one cursor walks it once.
  let k = 1;
  const at = (d: number) => {
    if (k > 1 && dist[k - 1]! > d) k = 1;
    while (k < n - 1 && dist[k]! < d) k++;
    const a = k - 1;
    const span = dist[k]! - dist[a]!;
    const f = span > 0 ? Math.min(1, Math.max(0, (d - dist[a]!) / span)) : 0;
    return point(lat[a]! + (lat[k]! - lat[a]!) * f, lon[a]! + (lon[k]! - lon[a]!) * f, ele[a]! + (ele[k]! - ele[a]!) * f);
  };
  // A step a little under 100 m: six-decimal rounding moves a point by up to ~0.1 m.
  const gap = GARMIN_COURSE_MAX_GAP_M - 1;
  const densified: GarminCourse['geoPoints'] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      const span = dist[i]! - dist[i - 1]!;
      const extra = Math.ceil(span / gap) - 1;
      for (let k = 1; k <= extra; k++) densified.push(at(dist[i - 1]! + (span * k) / (extra + 1)));
    }
    densified.push(point(lat[i]!, lon[i]!, ele[i]!));
  }
  if (densified.length <= GARMIN_COURSE_MAX_POINTS) return densified;
  const length = dist[n - 1]! - dist[0]!;
  const step = length / (GARMIN_COURSE_MAX_POINTS - 1);
  if (step > gap) return null;
  return Array.from({ length: GARMIN_COURSE_MAX_POINTS }, (_, i) => at(dist[0]! + step * i));
}

/** The course as Garmin's Courses API takes it; a sentence saying why not when it cannot. */
export function toGarminCourse(c: StoredCourse): { course: GarminCourse } | { error: string } {
  const geoPoints = garminGeoPoints(c);
  if (!geoPoints)
    return {
      error: `Garmin takes at most ${GARMIN_COURSE_MAX_POINTS.toLocaleString('en')} points no more than ${GARMIN_COURSE_MAX_GAP_M} m apart (about 1,000 km); this course is ${(c.lengthM / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} km.`,
    };
  return {
    course: {
      courseName: c.name.slice(0, 100),
      description: 'From Cadence',
      distance: round(c.lengthM, 1),
      // Garmin: gain and loss "cannot be null"; without elevation it computes its own (sent 0 and no point elevations).
      elevationGain: round(c.gainM, 1),
      elevationLoss: round(c.lossM, 1),
      activityType: GARMIN_TYPE[c.sport],
      coordinateSystem: 'WGS84',
      geoPoints,
    },
  };
}
