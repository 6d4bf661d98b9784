// Courses (issue 57, ADR 101): import a GPX or take an activity's route, keep it thinned like a race's course, send
// it to Garmin's Courses API, and copy it into a race's course for race day's pacing.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, ErrorReason, notFound } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import { ProviderConsentError, ProviderRateLimitedError } from '../../../providers/file-provider/file-provider';
import type { GarminCoursesClient } from '../../../providers/garmin/garmin-courses';
import { COURSE_IMPORT } from '../../../providers/garmin/garmin-courses.wire';
import { GarminRefusedError } from '../../../providers/garmin/garmin-training';
import { type ActivitySource, activityGps, type PolicyRef } from '../../activities';
import type { Athlete } from '../../analytics';
import {
  buildCourse,
  type Course as BuiltCourse,
  type CourseService as RaceCourses,
  chunksOf,
  courseError,
  parseCourseGpx,
  profileSample,
  type RaceCourseAnswer,
} from '../../races';
import { type CourseSport, courseSportOf, pointsFromGps, toGarminCourse } from './courses.calc';
import * as repo from './courses.repo';
import type { Course, CourseList, CreateFromActivity, CreateGpxQuery, UpdateCourse } from './courses.schema';
import { MAX_COURSES } from './courses.schema';

export interface CoursesDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  policy: PolicyRef;
  /** Absent where the Garmin door is not configured. */
  client?: GarminCoursesClient;
  /** The athlete's Garmin token for `fn` (the door's upkeep: refresh, one retry after a refusal). */
  withToken: <T>(userId: string, fn: (accessToken: string) => Promise<T>) => Promise<T>;
  raceCourses: Pick<RaceCourses, 'use'>;
}

export type CourseBody = ReadableStream<Uint8Array> | Blob | Uint8Array | string;
type Row = NonNullable<Awaited<ReturnType<typeof repo.find>>>;

const conflict = (message: string, reason?: ErrorReason) => new AppError(ErrorCode.CONFLICT, message, reason ? { reason } : undefined);
const statusOf = (s: string | null) => (s === 'sent' || s === 'failed' ? s : 'not_sent');

/** Every n-th point for a drawing, the last always. */
function routeSample(lat: number[], lon: number[], max = 500) {
  const every = Math.max(1, Math.ceil(lat.length / max));
  const out = { lat: [] as number[], lon: [] as number[] };
  for (let i = 0; i < lat.length; i += every) out.lat.push(lat[i]!), out.lon.push(lon[i]!);
  if ((lat.length - 1) % every !== 0) out.lat.push(lat[lat.length - 1]!), out.lon.push(lon[lon.length - 1]!);
  return out;
}

const columnsOf = (c: BuiltCourse) => ({
  points: { lat: c.lat, lon: c.lon, ele: c.ele, dist: c.dist },
  pointCount: c.dist.length,
  hasElevation: c.hasElevation,
  lengthM: c.lengthM,
  gainM: c.gainM,
  lossM: c.lossM,
});

export function createCoursesService(deps: CoursesDeps) {
  /** Why this course cannot go to Garmin now, in words; null when it can. The data's terms first, then the connection. */
  async function blocked(userId: string, row: Row): Promise<{ message: string; terms: boolean } | null> {
    const terms = await termsBlock(row);
    if (terms) return { message: terms, terms: true };
    const mapped = toGarminCourse(storedOf(row));
    if ('error' in mapped) return { message: mapped.error, terms: false };
    const link = await linkBlock(userId);
    return link ? { message: link, terms: false } : null;
  }

  async function termsBlock(row: Row): Promise<string | null> {
    const source = (row.currentSource ?? row.activitySource) as ActivitySource | null;
    if (source) {
      // Sending is a transfer to a third party: only a source whose data may reach someone other than its athlete.
      const policy = await deps.policy();
      if (!policy.allows(source, 'coach') || !policy.allows(source, 'social'))
        return `This course is the route of an activity from the ${source === 'strava' ? 'Strava API' : source}: its terms let Cadence show it to you only, not pass it to Garmin. Upload your own file of that activity (or a GPX of the route) and send that.`;
    }
    return null;
  }

  async function linkBlock(userId: string): Promise<string | null> {
    if (!deps.client) return 'Garmin is not available on this Cadence.';
    const link = await repo.garminLink(deps.db, userId);
    if (!link) return 'Connect Garmin Connect on Data sources first.';
    if (!link.scopes.includes(COURSE_IMPORT))
      return 'Your Garmin connection does not let Cadence add courses: connect again and allow Courses on Garmin’s page.';
    if (link.reconnectNeeded) return 'Garmin no longer accepts Cadence’s access: connect again on Data sources.';
    return null;
  }

  const storedOf = (row: Row) => ({
    name: row.name,
    sport: row.sport as CourseSport,
    points: row.points,
    hasElevation: row.hasElevation,
    lengthM: row.lengthM,
    gainM: row.gainM,
    lossM: row.lossM,
  });

  async function view(userId: string, row: Row): Promise<Course> {
    return {
      id: row.id,
      name: row.name,
      sport: row.sport as CourseSport,
      source: row.source as 'gpx' | 'activity',
      lengthM: row.lengthM,
      gainM: row.gainM,
      lossM: row.lossM,
      hasElevation: row.hasElevation,
      garminStatus: statusOf(row.garminStatus),
      createdAt: row.createdAt.toISOString(),
      activity: row.source === 'activity' ? { id: row.activityId, fromS: row.fromS, toS: row.toS } : null,
      pointCount: row.pointCount,
      profile: profileSample(row.points),
      route: routeSample(row.points.lat, row.points.lon),
      garmin: {
        status: statusOf(row.garminStatus),
        sentAt: row.garminSentAt?.toISOString() ?? null,
        garminCourseId: row.garminCourseId,
        error: row.garminError,
        blocked: (await blocked(userId, row))?.message ?? null,
      },
    };
  }

  async function load(userId: string, id: string): Promise<Row> {
    const row = await repo.find(deps.db, userId, id);
    if (!row) throw notFound('Course');
    return row;
  }

  async function room(userId: string) {
    if ((await repo.countOf(deps.db, userId)) >= MAX_COURSES)
      throw conflict(`You have ${MAX_COURSES} courses, the most Cadence keeps: delete one you no longer use first.`);
  }

  async function add(a: Athlete, c: repo.NewCourse): Promise<Course> {
    const row = await repo.insert(deps.db, a.id, c, deps.clock.now());
    return view(a.id, { ...row, currentSource: null });
  }

  return {
    async list(a: Athlete): Promise<CourseList> {
      const rows = await repo.list(deps.db, a.id);
      return {
        courses: rows.map((r) => ({
          ...r,
          sport: r.sport as CourseSport,
          source: r.source as 'gpx' | 'activity',
          garminStatus: statusOf(r.garminStatus),
          createdAt: r.createdAt.toISOString(),
        })),
        limit: MAX_COURSES,
      };
    },

    get: async (a: Athlete, id: string) => view(a.id, await load(a.id, id)),

    /** A GPX body, read as a race's course is (the same parser, cap and 400s). */
    async fromGpx(a: Athlete, body: CourseBody, q: CreateGpxQuery): Promise<Course> {
      await room(a.id);
      const parsed = await parseCourseGpx(chunksOf(body));
      const name = q.name ?? parsed.name ?? 'Imported course';
      return add(a, { name, sport: q.sport ?? 'run', source: 'gpx', ...columnsOf(parsed.course) });
    },

    /** The activity's route, whole or a stretch; 404 for another athlete's, a 400 without GPS or a stretch too short. */
    async fromActivity(a: Athlete, b: CreateFromActivity): Promise<Course> {
      const gps = await activityGps(deps.db, a.id, b.activityId);
      if (!gps) throw notFound('Activity');
      const policy = await deps.policy();
      const rule = policy.rule(gps.source);
      // A course keeps the track for as long as the athlete keeps it: not a source whose raw data has a shorter life.
      if (rule.rawCacheDays !== null)
        throw new AppError(
          ErrorCode.PROVIDER_TERMS,
          `This activity came through the Strava API, whose current terms let Cadence keep its details for ${rule.rawCacheDays} days only; a course would keep its route longer. Upload your own file of it and make the course from that.`,
        );
      if (!gps.lat || !gps.lon)
        throw courseError('this activity has no GPS positions (indoors, manual, or a summary only): nothing to follow');
      await room(a.id);
      const raw = pointsFromGps({ t: gps.t, lat: gps.lat, lon: gps.lon, altitudeM: gps.altitudeM }, b.fromS, b.toS);
      if (raw.length < 2 || raw[raw.length - 1]!.distanceM < 1)
        throw courseError(
          b.fromS !== undefined || b.toS !== undefined
            ? 'the stretch chosen has fewer than two GPS points'
            : 'the activity has fewer than two GPS points',
        );
      const whole = b.fromS === undefined && b.toS === undefined;
      return add(a, {
        name: b.name ?? (whole ? gps.name : `${gps.name} (part)`).slice(0, 100),
        sport: b.sport ?? courseSportOf(gps.sport),
        source: 'activity',
        activityId: gps.id,
        activitySource: gps.source,
        fromS: b.fromS ?? null,
        toS: b.toS ?? null,
        ...columnsOf(buildCourse(raw)),
      });
    },

    async update(a: Athlete, id: string, b: UpdateCourse): Promise<Course> {
      if (!(await repo.update(deps.db, a.id, id, b, deps.clock.now()))) throw notFound('Course');
      return view(a.id, await load(a.id, id));
    },

    async remove(a: Athlete, id: string): Promise<void> {
      if (!(await repo.remove(deps.db, a.id, id))) throw notFound('Course');
    },

    /**
     * "Send to Garmin": refused before trying (409) when it cannot be sent; otherwise sent now and the answer kept —
     * Garmin's course id, or its refusal in words.
     */
    async sendToGarmin(a: Athlete, id: string): Promise<Course> {
      const row = await load(a.id, id);
      const why = await blocked(a.id, row);
      if (why?.terms) throw new AppError(ErrorCode.PROVIDER_TERMS, why.message);
      if (why) throw conflict(why.message, ErrorReason.GARMIN_COURSES_OFF);
      const mapped = toGarminCourse(storedOf(row));
      if (!('course' in mapped) || !deps.client) throw conflict('Garmin cannot take this course.', ErrorReason.GARMIN_COURSES_OFF);
      const client = deps.client;
      let patch: Partial<repo.NewCourse>;
      try {
        const garminId = await deps.withToken(a.id, (token) => client.createCourse(token, mapped.course));
        patch = { garminStatus: 'sent', garminCourseId: garminId, garminError: null, garminSentAt: deps.clock.now() };
      } catch (err) {
        const message =
          err instanceof GarminRefusedError
            ? `Garmin refused this course: ${err.message}`
            : err instanceof ProviderConsentError
              ? 'Garmin says you have not allowed Cadence to add courses: connect Garmin again and allow Courses on Garmin’s page.'
              : err instanceof ProviderRateLimitedError
                ? 'Garmin is busy: try again in a few minutes.'
                : err instanceof Error && err.name === 'DoorReconnectNeeded'
                  ? err.message
                  : 'Garmin did not answer: try again.';
        deps.logger.warn('garmin course send failed', { userId: a.id, errorName: err instanceof Error ? err.name : 'unknown' });
        patch = { garminStatus: 'failed', garminError: message };
      }
      await repo.update(deps.db, a.id, id, patch, deps.clock.now());
      return view(a.id, await load(a.id, id));
    },

    /** Copies the course into the race's course (the races feature checks it against the race distance, 3 %). */
    async copyToRace(a: Athlete, id: string, raceId: string): Promise<RaceCourseAnswer> {
      const row = await load(a.id, id);
      const p = row.points;
      return deps.raceCourses.use(a, raceId, row.name, {
        ...p,
        hasElevation: row.hasElevation,
        lengthM: row.lengthM,
        gainM: row.gainM,
        lossM: row.lossM,
      });
    },
  };
}

export type CoursesService = ReturnType<typeof createCoursesService>;
