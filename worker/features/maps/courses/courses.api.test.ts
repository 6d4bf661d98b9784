// /api/v1/courses end to end (workerd), against the Garmin sandbox's Courses API: a real GPX imported and measured as
// its corpus says; a course from an activity (whole, a stretch; none without GPS; another athlete's a 404); "Send to
// Garmin" refused before trying without the connection, sent and stored at Garmin with it, Garmin's 412 and 400
// kept and shown; a Strava API activity's route never sent; used for a race, checked against its distance.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { courses, providerConnections } from '../../../db/schema';
import { addDays } from '../../../lib/dates';
import type { Body } from '../../../testing/bodies';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { today } from '../../analytics/analytics.testing';
import { connectGarmin, garmin, newGarminUser } from '../../ingest/file-doors/file-doors.testing';
import type { Course, CourseList } from './courses.schema';
import { MAX_COURSES } from './courses.schema';
import { activityWithTrack, REAL_RUN_GPX, REAL_RUN_M, STEP_M } from './courses.testing';

type C = Body<typeof Course>;
const gpx = { 'content-type': 'application/gpx+xml' };
/** The error answer's status and shape; its body, to read its words. */
async function failsWith(r: Response | { status: number; body: unknown }, status: number, code: string): Promise<string> {
  const body = r instanceof Response ? await r.json() : r.body;
  expect(r.status).toBe(status);
  expectErrorShape(body, code);
  return JSON.stringify(body);
}
const importGpx = (h: Harness, cookie: string, body: string, query = '', headers = gpx) =>
  h.call(`/api/v1/courses${query}`, { method: 'POST', body, cookie, headers });
const fromActivity = (h: Harness, cookie: string, body: Record<string, unknown>) =>
  h.json<C>('/api/v1/courses/from-activity', { method: 'POST', cookie, body });
const send = (h: Harness, cookie: string, id: string) => h.json<C>(`/api/v1/courses/${id}/garmin`, { method: 'POST', cookie });
const atGarmin = async (user: number) =>
  (
    await garmin<{ courses: { courseId: number; courseName: string; activityType: string; distance: number; geoPoints: unknown[] }[] }>(
      `users/${user}/courses`,
    )
  ).courses;

describe('courses API', () => {
  it('imports a real GPX as a race’s course is read; lists it; renames and deletes it', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const empty = await h.json<Body<typeof CourseList>>('/api/v1/courses', { cookie: me.cookie });
    expect(empty.body).toEqual({ courses: [], limit: MAX_COURSES });

    const res = await importGpx(h, me.cookie, REAL_RUN_GPX, '?sport=run');
    expect(res.status).toBe(201);
    const c = (await res.json()) as C;
    expect(c).toMatchObject({ name: 'Untitled', sport: 'run', source: 'gpx', hasElevation: true, activity: null });
    // The corpus's own sum of the 206 points, within 0.1 % (ingest's Earth radius differs from the corpus script's by 0.0001 %).
    expect(Math.abs(c.lengthM - REAL_RUN_M) / REAL_RUN_M).toBeLessThan(0.001);
    expect(c.profile.length).toBeGreaterThan(10);
    expect(c.profile.length).toBeLessThanOrEqual(201);
    expect(c.route.lat.length).toBe(c.pointCount);
    expect(c.garmin).toMatchObject({ status: 'not_sent', blocked: 'Connect Garmin Connect on Data sources first.' });

    const list = await h.json<Body<typeof CourseList>>('/api/v1/courses', { cookie: me.cookie });
    expect(list.body.courses.map((x) => x.id)).toEqual([c.id]);
    const renamed = await h.json<C>(`/api/v1/courses/${c.id}`, {
      method: 'PATCH',
      cookie: me.cookie,
      body: { name: 'Rock Creek loop', sport: 'trail_run' },
    });
    expect(renamed.body).toMatchObject({ name: 'Rock Creek loop', sport: 'trail_run' });
    await failsWith(
      await h.call(`/api/v1/courses/${c.id}`, { method: 'PATCH', cookie: me.cookie, body: { name: ' ' } }),
      400,
      'VALIDATION',
    );

    // Another athlete: every route of the course is a 404.
    const other = await h.signup();
    for (const [method, path] of [
      ['GET', ''],
      ['PATCH', ''],
      ['DELETE', ''],
      ['POST', '/garmin'],
    ] as const)
      await failsWith(
        await h.call(`/api/v1/courses/${c.id}${path}`, {
          method,
          cookie: other.cookie,
          body: method === 'PATCH' ? { name: 'x' } : undefined,
        }),
        404,
        'NOT_FOUND',
      );

    expect((await h.call(`/api/v1/courses/${c.id}`, { method: 'DELETE', cookie: me.cookie })).status).toBe(204);
    await failsWith(await h.call(`/api/v1/courses/${c.id}`, { cookie: me.cookie }), 404, 'NOT_FOUND');
  });

  it('refuses what is not a GPX with the race course’s 400s, and a 101st course', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const json = await importGpx(h, me.cookie, '{}', '', { 'content-type': 'application/json' });
    expect(await failsWith(json, 400, 'VALIDATION')).toContain('Content-Type');
    await failsWith(await importGpx(h, me.cookie, '<kml></kml>'), 400, 'VALIDATION');
    await failsWith(await importGpx(h, me.cookie, '<gpx><trk><trkseg><trkpt lat="1" lon="1"/></trkseg></trk></gpx>'), 400, 'VALIDATION');
    const one = (await (await importGpx(h, me.cookie, REAL_RUN_GPX)).json()) as C;
    const [row] = await h.db.select().from(courses).where(eq(courses.id, one.id));
    const { id: _id, ...rest } = row!;
    await h.db.insert(courses).values(Array.from({ length: MAX_COURSES - 1 }, () => rest));
    const full = await importGpx(h, me.cookie, REAL_RUN_GPX);
    expect(await failsWith(full, 409, 'CONFLICT')).toContain(`${MAX_COURSES} courses`);
  });

  it('makes a course from an activity, whole or a stretch; none without GPS; another athlete’s activity is a 404', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const run = await activityWithTrack(h, me.user.id, { seconds: 1200 });
    const whole = await fromActivity(h, me.cookie, { activityId: run });
    expect(whole.status).toBe(201);
    expect(whole.body).toMatchObject({
      name: 'Canal run',
      sport: 'run',
      source: 'activity',
      activity: { id: run, fromS: null, toS: null },
    });
    expect(whole.body.lengthM).toBeCloseTo(1200 * STEP_M, -1);
    // Climbing 1 m in 100 m: 36 m over 3.6 km.
    expect(whole.body.gainM).toBeCloseTo(36, 0);
    const part = await fromActivity(h, me.cookie, { activityId: run, fromS: 100, toS: 400, name: 'The canal stretch' });
    expect(part.status).toBe(201);
    expect(part.body.lengthM).toBeCloseTo(300 * STEP_M, -1);
    expect(part.body.activity).toEqual({ id: run, fromS: 100, toS: 400 });

    const indoor = await activityWithTrack(h, me.user.id, { gps: false });
    const noGps = await fromActivity(h, me.cookie, { activityId: indoor });
    await failsWith(noGps, 400, 'VALIDATION');
    expect(JSON.stringify(noGps.body)).toContain('no GPS positions');
    await failsWith(await fromActivity(h, me.cookie, { activityId: run, fromS: 500, toS: 400 }), 400, 'VALIDATION');
    await failsWith(await fromActivity(h, me.cookie, { activityId: run, fromS: 5000 }), 400, 'VALIDATION');

    const other = await h.signup();
    await failsWith(await fromActivity(h, other.cookie, { activityId: run }), 404, 'NOT_FOUND');
  });

  it('sends to Garmin: refused first without the permission; sent and stored there; Garmin’s 412 and 400 kept and shown', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const c = (await (await importGpx(h, me.cookie, REAL_RUN_GPX, '?name=Rock%20Creek')).json()) as C;
    const before = await send(h, me.cookie, c.id);
    await failsWith(before, 409, 'CONFLICT');
    expect(JSON.stringify(before.body)).toContain('GARMIN_COURSES_OFF');

    const user = newGarminUser();
    expect((await connectGarmin(h, me.cookie, user)).status).toBe(302);
    const sent = await send(h, me.cookie, c.id);
    expect(sent.status).toBe(200);
    expect(sent.body.garmin).toMatchObject({ status: 'sent', error: null, blocked: null, garminCourseId: expect.stringMatching(/^\d+$/) });
    const stored = await atGarmin(user);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      courseId: Number(sent.body.garmin.garminCourseId),
      courseName: 'Rock Creek',
      activityType: 'RUNNING',
    });
    expect(stored[0]!.distance).toBeCloseTo(c.lengthM, 0);
    expect(stored[0]!.geoPoints.length).toBeGreaterThanOrEqual(c.pointCount);

    // The athlete unticks Courses on Garmin's side: Garmin answers 412, kept and shown.
    await garmin(`users/${user}/permissions`, { permissions: ['ACTIVITY_EXPORT', 'WORKOUT_IMPORT'] });
    const refused = await send(h, me.cookie, c.id);
    expect(refused.body.garmin).toMatchObject({ status: 'failed', error: expect.stringContaining('not allowed Cadence to add courses') });
    expect((await h.json<C>(`/api/v1/courses/${c.id}`, { cookie: me.cookie })).body.garmin.status).toBe('failed');
    // Garmin refuses the course itself (400): its words are shown.
    await garmin(`users/${user}/permissions`, { permissions: ['ACTIVITY_EXPORT', 'WORKOUT_IMPORT', 'COURSE_IMPORT'] });
    await garmin('fail', { endpoint: 'courses', status: 400 });
    const bad = await send(h, me.cookie, c.id);
    expect(bad.body.garmin.error).toBe('Garmin refused this course: Failure requested through the sandbox control API');
    expect(await atGarmin(user)).toHaveLength(1);

    // A connection recorded without Courses: refused before trying.
    await h.db.update(providerConnections).set({ scopes: 'ACTIVITY_EXPORT' }).where(eq(providerConnections.userId, me.user.id));
    const off = await send(h, me.cookie, c.id);
    await failsWith(off, 409, 'CONFLICT');
    expect(JSON.stringify(off.body)).toContain('does not let Cadence add courses');
  });

  it('never sends a Strava API activity’s route; strict mode does not make one', async () => {
    const h = Harness.init();
    const me = await h.signup();
    expect((await connectGarmin(h, me.cookie, newGarminUser())).status).toBe(302);
    const strava = await activityWithTrack(h, me.user.id, { source: 'strava' });
    const c = await fromActivity(h, me.cookie, { activityId: strava });
    expect(c.status).toBe(201);
    expect(c.body.garmin.blocked).toContain('Strava API');
    const refused = await send(h, me.cookie, c.body.id);
    await failsWith(refused, 422, 'PROVIDER_TERMS');
    expect(JSON.stringify(refused.body)).toContain('PROVIDER_TERMS');

    const operator = await h.userWithRole('admin', ['ops.read', 'system.data_policy']);
    expect(
      (await h.json('/api/v1/admin/ops/data-policy', { method: 'PUT', cookie: operator.cookie, body: { mode: 'strict' } })).status,
    ).toBe(200);
    const strict = await fromActivity(h, me.cookie, { activityId: strava });
    await failsWith(strict, 422, 'PROVIDER_TERMS');
    expect(JSON.stringify(strict.body)).toContain('7 days');
  });

  it('is used for a race: copied into its course, checked against the race distance', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const c = (await (await importGpx(h, me.cookie, REAL_RUN_GPX, '?name=Rock%20Creek')).json()) as C;
    const race = async (distanceM: number) =>
      (
        await h.json<{ id: string }>('/api/v1/races', {
          method: 'POST',
          cookie: me.cookie,
          body: { name: 'Creek 3K', distanceM, raceDate: addDays(today(), 30) },
        })
      ).body.id;
    const fits = await race(3100);
    const used = await h.json<{ course: { name: string; lengthM: number } }>(`/api/v1/courses/${c.id}/race/${fits}`, {
      method: 'POST',
      cookie: me.cookie,
    });
    expect(used.status).toBe(200);
    expect(used.body.course).toMatchObject({ name: 'Rock Creek' });
    expect(used.body.course.lengthM).toBeCloseTo(c.lengthM, 3);
    const pacing = await h.json<{ flat: boolean }>(`/api/v1/races/${fits}/pacing?targetS=900`, { cookie: me.cookie });
    expect(pacing.body.flat).toBe(false);

    const tooLong = await race(10_000);
    const off = await h.call(`/api/v1/courses/${c.id}/race/${tooLong}`, { method: 'POST', cookie: me.cookie });
    await failsWith(off, 400, 'VALIDATION');
    const other = await h.signup();
    await failsWith(await h.call(`/api/v1/courses/${c.id}/race/${fits}`, { method: 'POST', cookie: other.cookie }), 404, 'NOT_FOUND');
  });
});
