// Garmin Connect Courses API v1's checks on a course, as its document states them (ADR 101): a name that is not
// empty; distance, elevation gain and loss that are not null; geo-points that are not empty, on Earth, at most
// "around 10,000" and no two consecutive ones more than 100 m apart; the activity types and coordinate systems it
// lists; course point types from its list. The first breach is the answer, in Garmin's 400 error shape.
// Written apart from the worker's mapper on purpose: a mistake in one is caught by the other.

const ACTIVITY_TYPES = ['RUNNING', 'HIKING', 'OTHER', 'MOUNTAIN_BIKING', 'TRAIL_RUNNING', 'ROAD_CYCLING', 'GRAVEL_CYCLING'];
const COORDINATE_SYSTEMS = ['WGS84', 'GCJ02', 'BD09'];
const POINT_TYPES =
  'GENERIC SUMMIT VALLEY WATER FOOD DANGER FIRST_AID HORS_CATEGORIE FOURTH_CATEGORY THIRD_CATEGORY SECOND_CATEGORY FIRST_CATEGORY SPRINT SEGMENT_START SEGMENT_END SHAPING CAMPSITE AID_STATION REST_AREA GENERAL_DISTANCE SERVICE ENERGY_GEL SPORTS_DRINK MILE_MARKER CHECKPOINT SHELTER MEETING_SPOT OVERLOOK TOILET SHOWER GEAR SHARP_CURVE STEEP_INCLINE TUNNEL BRIDGE OBSTACLE CROSSING STORE TRANSITION NAVAID TRANSPORT ALERT INFO'.split(
    ' ',
  );
const MAX_POINTS = 10_000;
const MAX_GAP_M = 100;
// Mean Earth radius (IUGG); a metre of slack for two implementations of one formula.
const EARTH_M = 6_371_008.8;
const SLACK_M = 1;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

class Invalid extends Error {}
const need = (ok: boolean, message: string) => {
  if (!ok) throw new Invalid(message);
};

function metres(a: Obj, b: Obj): number {
  const r = Math.PI / 180;
  const dLat = ((b.latitude as number) - (a.latitude as number)) * r;
  const dLon = ((b.longitude as number) - (a.longitude as number)) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos((a.latitude as number) * r) * Math.cos((b.latitude as number) * r) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Null when Garmin would take the course; otherwise its error message. */
export function courseError(body: unknown): string | null {
  try {
    check(body);
    return null;
  } catch (err) {
    if (err instanceof Invalid) return err.message;
    throw err;
  }
}

function check(c: unknown): void {
  need(isObj(c), 'Request body must be a course object');
  const o = c as Obj;
  need(o.courseId === undefined || o.courseId === null, 'A course ID should not be included on create');
  need(typeof o.courseName === 'string' && o.courseName.trim() !== '', 'courseName cannot be empty');
  need(o.description === undefined || o.description === null || typeof o.description === 'string', 'description must be a string');
  for (const k of ['distance', 'elevationGain', 'elevationLoss']) need(num(o[k]) && (o[k] as number) >= 0, `${k} cannot be null`);
  need(typeof o.activityType === 'string' && ACTIVITY_TYPES.includes(o.activityType), `Invalid activityType: ${String(o.activityType)}`);
  need(
    typeof o.coordinateSystem === 'string' && COORDINATE_SYSTEMS.includes(o.coordinateSystem),
    `Invalid coordinateSystem: ${String(o.coordinateSystem)}`,
  );
  need(Array.isArray(o.geoPoints) && o.geoPoints.length > 0, 'geoPoints cannot be empty');
  const points = o.geoPoints as unknown[];
  need(points.length <= MAX_POINTS, `Too many geoPoints: ${points.length} (at most ${MAX_POINTS})`);
  points.forEach((p, i) => {
    need(isObj(p), `geoPoints[${i}] must be an object`);
    const g = p as Obj;
    need(num(g.latitude) && Math.abs(g.latitude as number) <= 90, `geoPoints[${i}].latitude must be between -90 and 90`);
    need(num(g.longitude) && Math.abs(g.longitude as number) <= 180, `geoPoints[${i}].longitude must be between -180 and 180`);
    need(g.elevation === undefined || g.elevation === null || num(g.elevation), `geoPoints[${i}].elevation must be a number`);
    if (g.information !== undefined && g.information !== null) {
      const info = g.information as Obj;
      need(
        isObj(info) && typeof info.coursePointType === 'string' && POINT_TYPES.includes(info.coursePointType),
        `geoPoints[${i}]: invalid coursePointType`,
      );
    }
    if (i > 0) {
      const gap = metres(points[i - 1] as Obj, g);
      need(gap <= MAX_GAP_M + SLACK_M, `geoPoints[${i - 1}] and geoPoints[${i}] are ${Math.round(gap)} m apart (at most ${MAX_GAP_M} m)`);
    }
  });
}
