// The API fuzz test's targets for segments (worker/http/api-fuzz.test.ts collects every feature's): a ride of the
// shared athlete's, far from any zone another test draws, and a segment cut from it (public, for its board).
import type { Kit, TargetSpec } from '../../../http/api-fuzz-kit.testing';
import { ride } from './segments.testing';

/** Somewhere in the Southern Alps, a little apart each time: no fuzz zone lies there. */
const far = () => ({ lat: -43.5 + Math.random() * 0.5, lon: 170.5 + Math.random() * 0.5 });

const aRide = (k: Kit) => ride(k.h, k.w.athlete.id, { from: far() });
const body = (activityId: string) => ({ activityId, fromS: 60, toS: 300, name: 'Fuzz climb', visibility: 'public' });
const aSegment = async (k: Kit) => {
  const a = await aRide(k);
  const s = await k.ok<{ id: string }>('/api/v1/segments', { body: body(a.id), cookie: k.w.athlete.cookie });
  return { params: { id: s.id } };
};

export const fuzzTargets: Record<string, TargetSpec> = {
  'POST /api/v1/segments': { make: async (k) => ({ body: body((await aRide(k)).id) }) },
  'GET /api/v1/segments': { make: async () => ({}) },
  'GET /api/v1/segments/{id}': { make: aSegment },
  'PATCH /api/v1/segments/{id}': { make: async (k) => ({ ...(await aSegment(k)), body: { name: 'Fuzz climb, renamed' } }) },
  'DELETE /api/v1/segments/{id}': { make: aSegment, consumes: true },
  'GET /api/v1/segments/{id}/board': { make: aSegment },
  'GET /api/v1/activities/{id}/segment-efforts': { make: async (k) => ({ params: { id: (await aRide(k)).id } }) },
};
