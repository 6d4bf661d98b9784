// Garmin Connect Courses API v1's course JSON as we send it (sources in docs/decisions/101-courses-to-the-watch.md):
// a name, the totals, the activity type, the coordinate system and the geo-points. Pure types and Garmin's limits.

/** Garmin's activity types for a course (the document's list, exactly). */
export const GARMIN_COURSE_TYPES = [
  'RUNNING',
  'HIKING',
  'OTHER',
  'MOUNTAIN_BIKING',
  'TRAIL_RUNNING',
  'ROAD_CYCLING',
  'GRAVEL_CYCLING',
] as const;
export type GarminCourseType = (typeof GARMIN_COURSE_TYPES)[number];

export interface GarminGeoPoint {
  latitude: number;
  longitude: number;
  /** Metres; left out when the course has none (Garmin then fills in its own corrected elevation). */
  elevation?: number;
}

export interface GarminCourse {
  courseName: string;
  description: string | null;
  /** Metres; Garmin: "cannot be null". */
  distance: number;
  elevationGain: number;
  elevationLoss: number;
  activityType: GarminCourseType;
  coordinateSystem: 'WGS84';
  geoPoints: GarminGeoPoint[];
}

/** The permission an athlete grants on Garmin's consent page for courses to be written to their account. */
export const COURSE_IMPORT = 'COURSE_IMPORT';
/** "Around 10,000 geo-points, given any two consecutive geo-points are not more than 100 meters apart." */
export const GARMIN_COURSE_MAX_POINTS = 10_000;
export const GARMIN_COURSE_MAX_GAP_M = 100;
