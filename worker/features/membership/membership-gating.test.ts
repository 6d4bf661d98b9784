// The tier gating matrix, generated from the route table like the tenancy matrix: every route that
// carries an entitlement middleware (`entitled` for athletes, `orgEntitled` for coach routes) must have
// a case here, and each case proves 401 signed out, 403 naming the feature and its tier without it, and
// success on the tier that unlocks it.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { libraryWorkouts, planTemplates } from '../../db/schema';
import { type Athlete, clientPlan, orgWorkout, planOf } from './membership-gating.testing';
import { createApp } from '../../app';
import type { ErrorBody } from '../../testing/bodies';
import { Harness, expectErrorShape } from '../../testing/harness';
import { coachOrg, giveTeam, giveTier } from '../../testing/scenarios';
import type { CoachOrg } from '../../testing/scenarios';
import { FEATURES, unlockingTier } from './entitlements';
import type { Feature } from './entitlements';
import type { EntitledMiddleware } from './membership.guards';

const LIBRARY_BODY = { sport: 'run', type: 'easy', title: 'Easy 40', durationSec: 2400 };

interface Call {
  method: string;
  path: string;
  body?: unknown;
  /** What the allowed call answers (201 unless said). */
  status?: number;
}

/** Athlete routes: the call a signed-in athlete makes (built in the athlete's world when its path names their data), and its success status. */
const ATHLETE_CASES: Record<string, { feature: Feature; ok?: number; call: (h: Harness, a: Athlete) => Promise<Call> }> = {
  'ALL /api/v1/exports/*': { feature: 'exports', call: async () => ({ method: 'GET', path: '/api/v1/exports/activities.csv' }) },
  'POST /api/v1/plans/feed': { feature: 'exports', ok: 201, call: async () => ({ method: 'POST', path: '/api/v1/plans/feed' }) },
  'GET /api/v1/plans/:planId/pdf': {
    feature: 'exports',
    call: async (h, a) => ({ method: 'GET', path: `/api/v1/plans/${(await planOf(h, a)).planId}/pdf` }),
  },
  'POST /api/v1/me/api-keys': {
    feature: 'api_keys',
    ok: 201,
    call: async () => ({ method: 'POST', path: '/api/v1/me/api-keys', body: { name: 'Gated', scopes: ['analytics:read'] } }),
  },
  'GET /api/v1/plans/:planId/workouts/:workoutId/file': {
    feature: 'exports',
    call: async (h, a) => {
      const { planId, workoutId } = await planOf(h, a);
      return { method: 'GET', path: `/api/v1/plans/${planId}/workouts/${workoutId}/file?format=fit` };
    },
  },
};

/** Coach routes: the call, made inside a world (an org of its own, free until the case gives it Team). */
const ORG_CASES: Record<string, { feature: Feature; call: (w: CoachOrg, h: Harness) => Promise<Call> }> = {
  'POST /api/v1/coach/clients/:id/messages': {
    feature: 'sms',
    call: async (w) => {
      const client = await w.addClient('Gated Client', { phone: 'unique', smsConsent: 'granted' });
      return { method: 'POST', path: `/api/v1/coach/clients/${client.id}/messages`, body: { body: 'See you at 7.' } };
    },
  },
  'POST /api/v1/coach/api-keys': {
    feature: 'team_api_keys',
    call: async () => ({ method: 'POST', path: '/api/v1/coach/api-keys', body: { name: 'Gated', scopes: ['coach:read'] } }),
  },
  'POST /api/v1/coach/automations': {
    feature: 'automations',
    call: async () => ({
      method: 'POST',
      path: '/api/v1/coach/automations',
      body: { name: 'Gated', trigger: { kind: 'booking_completed' }, action: { kind: 'task', title: 'Notes', message: '' } },
    }),
  },
  'POST /api/v1/coach/clients/:id/plan/workouts/:workoutId/move': {
    feature: 'client_plans',
    call: async (w, h) => {
      const p = await clientPlan(h, w);
      return { method: 'POST', path: `${p.base}/workouts/${p.first.id}/move`, body: { date: p.first.date }, status: 200 };
    },
  },
  'PATCH /api/v1/coach/clients/:id/plan/workouts/:workoutId': {
    feature: 'client_plans',
    call: async (w, h) => {
      const p = await clientPlan(h, w);
      return { method: 'PATCH', path: `${p.base}/workouts/${p.first.id}`, body: { title: 'Hills' }, status: 200 };
    },
  },
  'POST /api/v1/coach/clients/:id/plan/workouts/:workoutId/skip': {
    feature: 'client_plans',
    call: async (w, h) => {
      const p = await clientPlan(h, w);
      return { method: 'POST', path: `${p.base}/workouts/${p.first.id}/skip`, body: {}, status: 200 };
    },
  },
  'POST /api/v1/coach/clients/:id/plan/workouts/:workoutId/restore': {
    feature: 'client_plans',
    call: async (w, h) => {
      const p = await clientPlan(h, w);
      return { method: 'POST', path: `${p.base}/workouts/${p.second.id}/restore`, body: {}, status: 200 };
    },
  },
  'POST /api/v1/coach/clients/:id/plan/changes/:changeId/undo': {
    feature: 'client_plans',
    call: async (w, h) => {
      const p = await clientPlan(h, w);
      return { method: 'POST', path: `${p.base}/changes/${p.skipId}/undo`, status: 200 };
    },
  },
  // A client's adaptive plan changes (issue 58): the coach lists, approves and refuses them on Team.
  'GET /api/v1/coach/clients/:id/plan/adaptations': {
    feature: 'client_plans',
    call: async (w, h) => ({ method: 'GET', path: `${(await clientPlan(h, w)).base}/adaptations`, status: 200 }),
  },
  'POST /api/v1/coach/clients/:id/plan/adaptations/:adaptationId/approve': {
    feature: 'client_plans',
    call: async (w, h) => {
      const p = await clientPlan(h, w);
      return { method: 'POST', path: `${p.base}/adaptations/${await p.awaiting()}/approve`, body: {}, status: 200 };
    },
  },
  'POST /api/v1/coach/clients/:id/plan/adaptations/:adaptationId/refuse': {
    feature: 'client_plans',
    call: async (w, h) => {
      const p = await clientPlan(h, w);
      return { method: 'POST', path: `${p.base}/adaptations/${await p.awaiting()}/refuse`, status: 200 };
    },
  },
  // The org's library and templates (ADR 058): rows made straight in the database, since a free org may not make them.
  'GET /api/v1/coach/library/workouts': {
    feature: 'client_plans',
    call: async () => ({ method: 'GET', path: '/api/v1/coach/library/workouts', status: 200 }),
  },
  'POST /api/v1/coach/library/workouts': {
    feature: 'client_plans',
    call: async () => ({ method: 'POST', path: '/api/v1/coach/library/workouts', body: LIBRARY_BODY }),
  },
  'PATCH /api/v1/coach/library/workouts/:workoutId': {
    feature: 'client_plans',
    call: async (w, h) => ({
      method: 'PATCH',
      path: `/api/v1/coach/library/workouts/${await orgWorkout(h, w)}`,
      body: { title: 'Hills' },
      status: 200,
    }),
  },
  'DELETE /api/v1/coach/library/workouts/:workoutId': {
    feature: 'client_plans',
    call: async (w, h) => ({ method: 'DELETE', path: `/api/v1/coach/library/workouts/${await orgWorkout(h, w)}`, status: 200 }),
  },
  'POST /api/v1/coach/library/workouts/:workoutId/duplicate': {
    feature: 'client_plans',
    call: async (w, h) => ({ method: 'POST', path: `/api/v1/coach/library/workouts/${await orgWorkout(h, w)}/duplicate` }),
  },
  'POST /api/v1/coach/clients/:id/plan/workouts': {
    feature: 'client_plans',
    call: async (w, h) => {
      const p = await clientPlan(h, w);
      return {
        method: 'POST',
        path: `${p.base}/workouts`,
        body: { libraryWorkoutId: await orgWorkout(h, w), date: p.first.date },
        status: 200,
      };
    },
  },
  'DELETE /api/v1/coach/clients/:id/plan/workouts/:workoutId': {
    feature: 'client_plans',
    call: async (w, h) => {
      const p = await clientPlan(h, w);
      return { method: 'DELETE', path: `${p.base}/workouts/${p.first.id}`, body: {}, status: 200 };
    },
  },
  'GET /api/v1/coach/templates': {
    feature: 'client_plans',
    call: async () => ({ method: 'GET', path: '/api/v1/coach/templates', status: 200 }),
  },
  'POST /api/v1/coach/templates': {
    feature: 'client_plans',
    call: async (w, h) => ({
      method: 'POST',
      path: '/api/v1/coach/templates',
      body: { name: 'Block', weeks: 1, items: [{ week: 1, weekday: 3, libraryWorkoutId: await orgWorkout(h, w) }] },
    }),
  },
  'POST /api/v1/coach/templates/:templateId/apply': {
    feature: 'client_plans',
    call: async (w, h) => {
      const workout = await h.db
        .select()
        .from(libraryWorkouts)
        .where(eq(libraryWorkouts.id, await orgWorkout(h, w)));
      const [t] = await h.db
        .insert(planTemplates)
        .values({
          orgId: w.org.id,
          name: 'Block',
          weeks: 1,
          items: [{ week: 1, weekday: 3, libraryWorkoutId: workout[0]!.id, workout: workout[0] }],
        })
        .returning();
      const client = await w.addClient('Template Client');
      return {
        method: 'POST',
        path: `/api/v1/coach/templates/${t!.id}/apply`,
        body: { clients: [{ clientId: client.id, startDate: '2026-12-07' }] },
        status: 200,
      };
    },
  },
  'POST /api/v1/coach/team/invites': {
    feature: 'staff_seats',
    call: async () => ({
      method: 'POST',
      path: '/api/v1/coach/team/invites',
      body: { email: `gated-${crypto.randomUUID().slice(0, 8)}@example.test` },
    }),
  },
};

const refusedFor = (r: { status: number; body: ErrorBody }, feature: Feature) => {
  expect(r.status, JSON.stringify(r.body)).toBe(403);
  expectErrorShape(r.body, 'ENTITLEMENT_REQUIRED');
  expect(r.body.error).toMatchObject({ entitlement: { feature, requiredTier: unlockingTier(feature) } });
  expect(r.body.error.message).toContain(FEATURES[feature].label);
};

describe('tier gating matrix (from the route table)', () => {
  const gated = createApp()
    .routes.filter((r) => typeof (r.handler as Partial<EntitledMiddleware>).entitlement === 'string')
    .map((r) => ({ key: `${r.method} ${r.path}`, feature: (r.handler as EntitledMiddleware).entitlement }));

  it('every gated route has a case here, for the feature it gates, of the right scope', () => {
    expect(gated.length).toBe(Object.keys(ATHLETE_CASES).length + Object.keys(ORG_CASES).length);
    for (const g of gated) {
      const c = FEATURES[g.feature].scope === 'org' ? ORG_CASES[g.key] : ATHLETE_CASES[g.key];
      expect(c, `no ${FEATURES[g.feature].scope} gating case for ${g.key}`).toBeDefined();
      expect(c?.feature).toBe(g.feature);
    }
  });

  it.each(Object.entries(ATHLETE_CASES))('%s: 401 signed out, 403 naming the tier on Free, allowed on it', async (_key, c) => {
    const h = Harness.init();
    const athlete = await h.signup();
    const call = await c.call(h, athlete);
    expect((await h.json(call.path, { method: call.method, body: call.body })).status).toBe(401);
    refusedFor(await h.json<ErrorBody>(call.path, { method: call.method, body: call.body, cookie: athlete.cookie }), c.feature);
    const tier = unlockingTier(c.feature);
    if (tier !== 'pro' && tier !== 'elite') throw new Error(`${c.feature} is not an athlete feature`);
    await giveTier(h, athlete.user.id, tier, 1);
    expect((await h.call(call.path, { method: call.method, body: call.body, cookie: athlete.cookie })).status).toBe(c.ok ?? 200);
  });

  it.each(Object.entries(ORG_CASES))('%s: 401 signed out, 403 naming Team for a free org, allowed on Team', async (_key, c) => {
    const h = Harness.init();
    const w = await coachOrg(h, { plan: 'free' });
    const call = await c.call(w, h);
    expect((await h.json(call.path, { method: call.method, body: call.body })).status).toBe(401);
    refusedFor(await h.json<ErrorBody>(call.path, { method: call.method, body: call.body, cookie: w.coach.cookie }), c.feature);
    await giveTeam(h, w.org.id, w.coach.id);
    const allowed = await h.json(call.path, { method: call.method, body: call.body, cookie: w.coach.cookie });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(call.status ?? 201);
  });
});
