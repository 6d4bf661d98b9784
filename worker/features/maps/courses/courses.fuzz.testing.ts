// The API fuzz test's targets for courses (worker/http/api-fuzz.test.ts collects every feature's): each target a new
// athlete of its own (the 100-course cap never met), a course from a synthetic GPX, an activity with a track, and for
// the send a Garmin connection that allows courses.
import { eq } from 'drizzle-orm';
import { providerConnections } from '../../../db/schema';
import { addDays, todayIn } from '../../../lib/dates';
import type { Kit, TargetSpec } from '../../../http/api-fuzz-kit.testing';
import { activityWithTrack, REAL_RUN_GPX } from './courses.testing';

const gpx = { 'content-type': 'application/gpx+xml' };

async function aCourse(k: Kit, person?: { id: string; cookie: string }) {
  const p = person ?? (await k.person());
  const r = await k.h.call('/api/v1/courses', { method: 'POST', body: REAL_RUN_GPX, headers: gpx, cookie: p.cookie });
  if (r.status !== 201) throw new Error(`fuzz target course: ${r.status}`);
  const { id } = (await r.json()) as { id: string };
  return { cookie: p.cookie, params: { id } };
}

export const fuzzTargets: Record<string, TargetSpec> = {
  'GET /api/v1/courses': { make: async (k) => ({ cookie: (await k.person()).cookie }) },
  'POST /api/v1/courses': { make: async (k) => ({ cookie: (await k.person()).cookie, body: REAL_RUN_GPX, headers: gpx }) },
  'POST /api/v1/courses/from-activity': {
    make: async (k) => {
      const p = await k.person();
      return { cookie: p.cookie, body: { activityId: await activityWithTrack(k.h, p.id, { seconds: 300 }) } };
    },
  },
  'GET /api/v1/courses/{id}': { make: (k) => aCourse(k) },
  'PATCH /api/v1/courses/{id}': { make: async (k) => ({ ...(await aCourse(k)), body: { name: 'Fuzz course' } }) },
  'DELETE /api/v1/courses/{id}': { make: (k) => aCourse(k), consumes: true },
  'POST /api/v1/courses/{id}/garmin': {
    make: async (k) => {
      const p = await k.person();
      await k.garminConnection(p.id);
      await k.h.db.update(providerConnections).set({ scopes: 'ACTIVITY_EXPORT COURSE_IMPORT' }).where(eq(providerConnections.userId, p.id));
      return aCourse(k, p);
    },
  },
  'POST /api/v1/courses/{id}/race/{raceId}': {
    make: async (k) => {
      const { cookie, params } = await aCourse(k);
      const race = await k.ok<{ id: string }>('/api/v1/races', {
        method: 'POST',
        cookie,
        body: { name: 'Fuzz 3K', distanceM: 3100, raceDate: addDays(todayIn('UTC', new Date()), 365) },
      });
      return { cookie, params: { ...params, raceId: race.id } };
    },
  },
};
