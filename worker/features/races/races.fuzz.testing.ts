// The API fuzz test's targets for races (worker/http/api-fuzz.test.ts collects every feature's): a race of the
// shared athlete's, a year ahead so "today" never passes it; a delete gets a race of its own (a course's, a race with one).
import { addDays, todayIn } from '../../lib/dates';
import type { Kit, TargetSpec } from '../../http/api-fuzz-kit.testing';
import { gpxCourse } from './course/course.testing';
import { resultFuzzTargets } from './result/result.fuzz.testing';

const body = () => ({ name: 'Fuzz 10K', distanceM: 10000, raceDate: addDays(todayIn('UTC', new Date()), 365) });
const aRace = async (k: Kit) => {
  const race = await k.ok<{ id: string }>('/api/v1/races', { method: 'POST', body: body(), cookie: k.w.athlete.cookie });
  return { params: { id: race.id } };
};

const aTriathlon = async (k: Kit) => {
  const body = { name: 'Fuzz 70.3', sport: 'triathlon', format: 'half', raceDate: addDays(todayIn('UTC', new Date()), 365) };
  const race = await k.ok<{ id: string }>('/api/v1/races', { method: 'POST', body, cookie: k.w.athlete.cookie });
  return { params: { id: race.id } };
};

const course = () => gpxCourse({ lengthM: 10000, stepM: 50 });
const gpx = { 'content-type': 'application/gpx+xml' };
/** A race with a course, for the delete. */
const aCourse = async (k: Kit) => {
  const target = await aRace(k);
  const r = await k.h.call(`/api/v1/races/${target.params.id}/course`, {
    method: 'PUT',
    body: course(),
    headers: gpx,
    cookie: k.w.athlete.cookie,
  });
  if (r.status !== 200) throw new Error(`fuzz target course: ${r.status}`);
  return target;
};

export const fuzzTargets: Record<string, TargetSpec> = {
  'POST /api/v1/races': { make: async () => ({ body: body() }) },
  'GET /api/v1/races/{id}': { make: aRace },
  'PATCH /api/v1/races/{id}': { make: async (k) => ({ ...(await aRace(k)), body: { name: 'Fuzz 10K, renamed' } }) },
  'DELETE /api/v1/races/{id}': { make: aRace, consumes: true },
  'GET /api/v1/races/{id}/prediction': { make: aRace },
  'GET /api/v1/races/{id}/triathlon': { make: aTriathlon },
  'PUT /api/v1/races/{id}/course': { make: async (k) => ({ ...(await aRace(k)), body: course(), headers: gpx }) },
  'GET /api/v1/races/{id}/course': { make: aRace },
  'DELETE /api/v1/races/{id}/course': { make: aCourse, consumes: true },
  'GET /api/v1/races/{id}/pacing': { make: async (k) => ({ ...(await aRace(k)), query: { targetS: '3000' } }) },
  ...resultFuzzTargets,
  // The shared athlete is on Pro: the card answers its preview.
  'GET /api/v1/races/{id}/card': { make: async (k) => ({ ...(await aRace(k)), query: { start: '08:30' } }) },
  'GET /api/v1/races/{id}/card.pdf': { make: aRace },
};
