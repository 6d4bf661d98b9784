// The API fuzz test's targets for plans's operations (worker/http/api-fuzz.test.ts collects every feature's):
// real rows made for each operation alone, so its valid request succeeds and its mutations reach as deep as they can.
import { analyticsWorld } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import { giveTier } from '../../testing/scenarios';
import { type Target, type TargetSpec, type Kit, REASON } from '../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  // The athlete's plan: what changes a whole plan gets a plan of its own.
  'POST /api/v1/plans': { make: async (k) => ({ cookie: (await k.person()).cookie }) },
  'POST /api/v1/plans/feed': {
    make: async (k) => {
      const p = await k.person();
      await giveTier(k.h, p.id, 'pro');
      return { cookie: p.cookie };
    },
  },
  'DELETE /api/v1/plans/feed': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      await giveTier(k.h, p.id, 'pro');
      await k.ok('/api/v1/plans/feed', { method: 'POST', cookie: p.cookie });
      return { cookie: p.cookie };
    },
  },
  'POST /api/v1/plans/{planId}/status': {
    consumes: true,
    make: async (k) => {
      const p = await k.planAthlete();
      return { cookie: p.cookie, params: { planId: p.plan.id }, body: { status: 'paused', reason: REASON } };
    },
  },
  'POST /api/v1/plans/{planId}/rebuild': {
    consumes: true,
    make: async (k) => {
      // Made from answers of 2 h a week, then five weeks of an hour a day arrive: the rebuild is asked for.
      const p = await k.person();
      await k.ok('/api/v1/intake', { method: 'PUT', cookie: p.cookie, body: INTAKE });
      const plan = await k.ok<{ id: string }>('/api/v1/plans', { cookie: p.cookie, body: INTAKE_PLAN });
      const { activities } = analyticsWorld(k.h.db);
      const days = Array.from({ length: 30 }, (_, i) => new Date(Date.now() - (i + 1) * 86_400_000));
      await activities.ingestMany(
        p.id,
        days.map((d) => buildActivity({ startTime: d, localStartDate: d.toISOString().slice(0, 10), movingTimeS: 3600 })),
      );
      return { cookie: p.cookie, params: { planId: plan.id } };
    },
  },
  'POST /api/v1/plans/{planId}/changes/{changeId}/undo': {
    consumes: true,
    make: async (k) => {
      const p = await k.planAthlete();
      const x = p.open[0]!;
      const change = await k.ok<{ id: string }>(`/api/v1/plans/${p.plan.id}/workouts/${x.id}/skip`, {
        cookie: p.cookie,
        body: { reason: REASON },
      });
      return { cookie: p.cookie, params: { planId: p.plan.id, changeId: change.id } };
    },
  },

  // A skip takes the workout away from the other probes that name it: each on a plan of its own.
  'DELETE /api/v1/plans/{planId}/workouts/{workoutId}': { consumes: true, make: async (k) => ownWorkout(k) },
  'POST /api/v1/plans/{planId}/workouts/{workoutId}/skip': { consumes: true, make: async (k) => ownWorkout(k) },
  'POST /api/v1/plans/{planId}/workouts/{workoutId}/restore': {
    consumes: true,
    make: async (k) => {
      const p = await k.planAthlete();
      const x = p.open[0]!;
      await k.ok(`/api/v1/plans/${p.plan.id}/workouts/${x.id}/skip`, { cookie: p.cookie, body: { reason: REASON } });
      return { cookie: p.cookie, params: { planId: p.plan.id, workoutId: x.id } };
    },
  },
  // "Mark done" (ADR 080): idempotent by nature, so a shared workout of its own plan is enough.
  'PUT /api/v1/plans/{planId}/workouts/{workoutId}/done': {
    make: async (k) => ({ ...(await ownWorkout(k)), body: { note: 'Felt strong', rpe: 6 } }),
  },
  'DELETE /api/v1/plans/{planId}/workouts/{workoutId}/done': { make: async (k) => ownWorkout(k) },
  'POST /api/v1/plans/{planId}/workouts/{workoutId}/link': {
    make: async (k) => {
      const p = await k.planAthlete();
      const x = p.open[0]!;
      const activity = await analyticsWorld(k.h.db).activities.ingest(
        p.id,
        buildActivity({
          source: 'fit_upload',
          startTime: new Date(`${x.date}T16:00:00Z`),
          localStartDate: x.date,
          movingTimeS: x.durationSec,
          elapsedTimeS: x.durationSec,
          distanceM: Math.round(x.durationSec * 2.8),
        }),
      );
      return { cookie: p.cookie, params: { planId: p.plan.id, workoutId: x.id }, body: { activityId: activity.id, reason: REASON } };
    },
  },
};

async function ownWorkout(k: Kit): Promise<Target> {
  const p = await k.planAthlete();
  return { cookie: p.cookie, params: { planId: p.plan.id, workoutId: p.open[0]!.id } };
}

const INTAKE_GOAL = {
  kind: 'run_10k',
  eventDate: new Date(Date.now() + 70 * 86_400_000).toISOString().slice(0, 10),
  eventName: 'Fuzz 10K',
};

const INTAKE = {
  goal: INTAKE_GOAL,
  availableDays: [1, 3, 5, 6],
  longDay: 6,
  hoursPerWeek: 2,
  runsPerWeek: 3,
  weeklyVolume: { unit: 'km', value: 20 },
  longestRun: { unit: 'min', value: 60 },
};

const INTAKE_PLAN = { goal: INTAKE_GOAL, availableDays: [1, 3, 5, 6], longDay: 6, hoursPerWeek: 2, includeStrength: false };
