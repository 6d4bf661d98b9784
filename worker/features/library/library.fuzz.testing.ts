// The API fuzz test's targets for the library's operations (worker/http/api-fuzz.test.ts collects every feature's):
// real rows made for each operation alone, so its valid request succeeds and its mutations reach as deep as they can.
import { addDays } from '../../lib/dates';
import { type Kit, type TargetSpec, REASON } from '../../http/api-fuzz-kit.testing';

export const LIBRARY_WORKOUT = {
  sport: 'run',
  type: 'intervals',
  title: 'Fuzz 3 × 10 min threshold',
  durationSec: 3000,
  steps: [
    { kind: 'warmup', durationSec: 600, distanceM: null, target: null },
    {
      kind: 'repeat',
      count: 3,
      steps: [{ kind: 'work', durationSec: 600, distanceM: null, target: { metric: 'pace', zone: 4, low: 0.95, high: 1.0 } }],
    },
    { kind: 'cooldown', durationSec: 600, distanceM: null, target: null },
  ],
  tags: ['threshold'],
};

/** A signed-in athlete with one workout in their library. */
async function withWorkout(k: Kit, planned = false) {
  const p = planned ? await k.planAthlete() : await k.person();
  const w = await k.ok<{ id: string }>('/api/v1/library/workouts', { cookie: p.cookie, body: LIBRARY_WORKOUT });
  return { p, w };
}

export const fuzzTargets: Record<string, TargetSpec> = {
  'POST /api/v1/library/workouts': { make: async (k) => ({ cookie: (await k.person()).cookie, body: LIBRARY_WORKOUT }) },
  'PATCH /api/v1/library/workouts/{workoutId}': {
    make: async (k) => {
      const { p, w } = await withWorkout(k);
      return { cookie: p.cookie, params: { workoutId: w.id }, body: { title: 'Fuzz renamed', tags: ['fuzz'] } };
    },
  },
  'DELETE /api/v1/library/workouts/{workoutId}': {
    consumes: true,
    make: async (k) => {
      const { p, w } = await withWorkout(k);
      return { cookie: p.cookie, params: { workoutId: w.id } };
    },
  },
  'POST /api/v1/library/workouts/{workoutId}/duplicate': {
    make: async (k) => {
      const { p, w } = await withWorkout(k);
      return { cookie: p.cookie, params: { workoutId: w.id } };
    },
  },
  'POST /api/v1/library/workouts/{workoutId}/schedule': {
    make: async (k) => {
      const { p, w } = await withWorkout(k, true);
      const plan = (p as Awaited<ReturnType<Kit['planAthlete']>>).plan;
      return { cookie: p.cookie, params: { workoutId: w.id }, body: { date: addDays(plan.startDate, 2), reason: REASON } };
    },
  },
  'POST /api/v1/library/workouts/from-planned': {
    make: async (k) => {
      const p = await k.planAthlete();
      return { cookie: p.cookie, body: { planId: p.plan.id, workoutId: p.open[0]!.id, tags: ['fuzz'] } };
    },
  },
};
