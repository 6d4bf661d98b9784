// The API fuzz test's targets for sweat tests, the gut-training log and a race's fuelling plan
// (worker/http/api-fuzz.test.ts collects every feature's); a delete gets a row of its own.
import type { Kit, TargetSpec } from '../../../http/api-fuzz-kit.testing';
import { addDays, todayIn } from '../../../lib/dates';

const yesterday = () => addDays(todayIn('UTC', new Date()), -1);
const sweatBody = () => ({ date: yesterday(), durationMin: 60, massBeforeKg: 70, massAfterKg: 69.2, fluidL: 0.5, note: 'Fuzz' });
const gutBody = () => ({ date: yesterday(), carbsGPerH: 90, durationMin: 120, comfort: 4, note: 'Fuzz' });
const made = (path: string, body: () => object) => async (k: Kit) => {
  const row = await k.ok<{ id: string }>(path, { method: 'POST', body: body(), cookie: k.w.athlete.cookie });
  return { params: { id: row.id } };
};
const aRace = made('/api/v1/races', () => ({
  name: 'Fuzz marathon',
  distanceM: 42195,
  raceDate: addDays(todayIn('UTC', new Date()), 365),
}));

export const fuzzTargets: Record<string, TargetSpec> = {
  'POST /api/v1/sweat-tests': { make: async () => ({ body: sweatBody() }) },
  'DELETE /api/v1/sweat-tests/{id}': { make: made('/api/v1/sweat-tests', sweatBody), consumes: true },
  'POST /api/v1/gut-training': { make: async () => ({ body: gutBody() }) },
  'DELETE /api/v1/gut-training/{id}': { make: made('/api/v1/gut-training', gutBody), consumes: true },
  'GET /api/v1/races/{id}/fuelling': { make: async (k) => ({ ...(await aRace(k)), query: { carbsPerGel: '25' } }) },
};
