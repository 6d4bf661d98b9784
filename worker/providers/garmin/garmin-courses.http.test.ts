// The Courses API adapter against the Garmin sandbox: a mapped course accepted and stored as sent; what Garmin's
// document refuses (an empty name, too many points, points too far apart, bad coordinates, an activity type it does
// not list) refused with its message; 412 without COURSE_IMPORT.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from '../../../scripts/sandbox/server.ts';
import { ProviderConsentError } from '../file-provider/file-provider';
import { HttpGarminClient } from './garmin.http';
import { HttpGarminCourses } from './garmin-courses.http';
import type { GarminCourse } from './garmin-courses.wire';
import { GarminRefusedError } from './garmin-training';

let sandbox: RunningSandbox;
let oauth: HttpGarminClient;
let courses: HttpGarminCourses;
const REDIRECT = 'http://cadence.test/api/v1/connections/garmin/callback';

async function token(user: number, permissions?: string): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const consent = new URL(
    oauth.authorizeUrl({ redirectUri: REDIRECT, state: 's', codeChallenge: createHash('sha256').update(verifier).digest('base64url') }),
  );
  consent.searchParams.set('auto', 'approve');
  consent.searchParams.set('user', String(user));
  if (permissions) consent.searchParams.set('permissions', permissions);
  const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '');
  return (await oauth.exchangeCode({ code: back.searchParams.get('code') ?? '', redirectUri: REDIRECT, codeVerifier: verifier }))
    .accessToken;
}

/** `n` points due north, `stepM` apart. */
const course = (n = 50, stepM = 20): GarminCourse => ({
  courseName: 'River loop',
  description: 'From Cadence',
  distance: (n - 1) * stepM,
  elevationGain: 12,
  elevationLoss: 3,
  activityType: 'RUNNING',
  coordinateSystem: 'WGS84',
  geoPoints: Array.from({ length: n }, (_, i) => ({ latitude: 51.5 + (i * stepM) / 111_195, longitude: -0.12, elevation: 20 })),
});

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  oauth = new HttpGarminClient({
    authorizeUrl: `${sandbox.url}/garmin/oauth2Confirm`,
    tokenUrl: `${sandbox.url}/garmin/di-oauth2-service/oauth/token`,
    apiUrl: `${sandbox.url}/garmin/`,
    clientId: 'garmin-sandbox-client',
    clientSecret: 'garmin-sandbox-secret',
  });
  courses = new HttpGarminCourses(`${sandbox.url}/garmin/`);
});
afterAll(() => sandbox.stop());

describe('Garmin Courses API adapter', () => {
  it('creates a course, stored as sent with Garmin’s id', async () => {
    const t = await token(811);
    const c = course();
    const id = await courses.createCourse(t, c);
    const stored = (await (await fetch(`${sandbox.url}/garmin/_control/users/811/courses`)).json()) as {
      courses: (GarminCourse & { courseId: number })[];
    };
    expect(stored.courses).toEqual([{ ...c, courseId: Number(id) }]);
  });

  it.each([
    ['an empty name', { courseName: '  ' }, 'courseName cannot be empty'],
    ['an activity type Garmin does not list', { activityType: 'SWIMMING' }, 'Invalid activityType: SWIMMING'],
    ['a coordinate system it does not list', { coordinateSystem: 'OSGB36' }, 'Invalid coordinateSystem'],
    ['no distance', { distance: null }, 'distance cannot be null'],
    ['a course id on create', { courseId: 5 }, 'A course ID should not be included'],
    ['no points', { geoPoints: [] }, 'geoPoints cannot be empty'],
    ['a latitude off the Earth', { geoPoints: [{ latitude: 91, longitude: 0 }] }, 'latitude must be between -90 and 90'],
    ['points over 100 m apart', { geoPoints: course(3, 150).geoPoints }, 'm apart (at most 100 m)'],
    ['more than 10,000 points', { geoPoints: course(10_001, 5).geoPoints }, 'Too many geoPoints: 10001'],
  ])('refuses %s with Garmin’s 400 and its message', async (_what, patch, message) => {
    const t = await token(812);
    const err = await courses.createCourse(t, { ...course(), ...patch } as GarminCourse).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GarminRefusedError);
    expect((err as Error).message).toContain(message);
  });

  it('needs the COURSE_IMPORT permission (412)', async () => {
    const t = await token(813, 'ACTIVITY_EXPORT,WORKOUT_IMPORT');
    await expect(courses.createCourse(t, course())).rejects.toBeInstanceOf(ProviderConsentError);
  });
});
