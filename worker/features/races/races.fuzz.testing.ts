// The API fuzz test's targets for races (worker/http/api-fuzz.test.ts collects every feature's): a race of the
// shared athlete's, a year ahead so "today" never passes it; a delete gets a race of its own.
import { addDays, todayIn } from '../../lib/dates';
import type { Kit, TargetSpec } from '../../http/api-fuzz-kit.testing';

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

export const fuzzTargets: Record<string, TargetSpec> = {
  'POST /api/v1/races': { make: async () => ({ body: body() }) },
  'GET /api/v1/races/{id}': { make: aRace },
  'PATCH /api/v1/races/{id}': { make: async (k) => ({ ...(await aRace(k)), body: { name: 'Fuzz 10K, renamed' } }) },
  'DELETE /api/v1/races/{id}': { make: aRace, consumes: true },
  'GET /api/v1/races/{id}/prediction': { make: aRace },
  'GET /api/v1/races/{id}/triathlon': { make: aTriathlon },
  // The shared athlete is on Pro: the card answers its preview.
  'GET /api/v1/races/{id}/card': { make: async (k) => ({ ...(await aRace(k)), query: { start: '08:30' } }) },
  'GET /api/v1/races/{id}/card.pdf': { make: aRace },
};
