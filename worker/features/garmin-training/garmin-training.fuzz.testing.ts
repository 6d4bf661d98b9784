// The API fuzz test's targets for Garmin Training's operations (worker/http/api-fuzz.test.ts collects every
// feature's): an athlete with a plan and a Garmin connection that allows workout import.
import { eq } from 'drizzle-orm';
import { providerConnections } from '../../db/schema';
import type { Kit, TargetSpec } from '../../http/api-fuzz-kit.testing';

async function garminAthlete(k: Kit, consent: boolean) {
  const p = await k.planAthlete();
  await k.garminConnection(p.id);
  await k.h.db
    .update(providerConnections)
    .set({ scopes: 'ACTIVITY_EXPORT WORKOUT_IMPORT', workoutsConsentAt: consent ? new Date() : null })
    .where(eq(providerConnections.userId, p.id));
  return { ...p, run: p.open.find((w) => w.sport === 'run') ?? p.open[0]! };
}

export const fuzzTargets: Record<string, TargetSpec> = {
  'GET /api/v1/garmin-training/consent': { make: async (k) => ({ cookie: (await garminAthlete(k, false)).cookie }) },
  'PUT /api/v1/garmin-training/consent': {
    make: async (k) => ({ cookie: (await garminAthlete(k, false)).cookie, body: { enabled: true } }),
  },
  'GET /api/v1/garmin-training/workouts/{id}': {
    make: async (k) => {
      const p = await garminAthlete(k, true);
      return { cookie: p.cookie, params: { id: p.run.id } };
    },
  },
  'POST /api/v1/garmin-training/workouts/{id}/send': {
    make: async (k) => {
      const p = await garminAthlete(k, true);
      return { cookie: p.cookie, params: { id: p.run.id }, body: { acknowledged: true } };
    },
  },
};
