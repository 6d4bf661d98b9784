// The API fuzz test's targets for race results: a fresh athlete with a race two days past and their run on its day
// (a past race is inserted: the API plans races from today on); a delete gets a marked result of its own.
import type { Kit, TargetSpec } from '../../../http/api-fuzz-kit.testing';
import { analyticsWorld } from '../../../testing/analytics';
import { pastRace, raceRun } from './result.testing';

async function raced(k: Kit) {
  const p = await k.person();
  const race = await pastRace(k.h.db, p.id, 2);
  const { id } = await analyticsWorld(k.h.db).activities.ingest(p.id, raceRun(race.date, Array(10).fill(300)));
  return { cookie: p.cookie, params: { id: race.id }, activityId: id };
}

async function marked(k: Kit) {
  const { activityId, ...t } = await raced(k);
  await k.ok(`/api/v1/races/${t.params.id}/result`, { method: 'PUT', cookie: t.cookie, body: { activityId } });
  return t;
}

export const resultFuzzTargets: Record<string, TargetSpec> = {
  'GET /api/v1/races/{id}/result': { make: marked },
  'PUT /api/v1/races/{id}/result': {
    make: async (k) => {
      const { activityId, ...t } = await raced(k);
      return { ...t, body: { activityId, carbsG: 40, fluidL: 0.5, note: 'Windy' } };
    },
  },
  'DELETE /api/v1/races/{id}/result': { make: marked, consumes: true },
};
