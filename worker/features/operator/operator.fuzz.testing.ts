// The API fuzz test's targets for operator's operations (worker/http/api-fuzz.test.ts collects every feature's):
// real rows made for each operation alone, so its valid request succeeds and its mutations reach as deep as they can.
import { giveTier } from '../../testing/scenarios';
import { type TargetSpec, REASON, subject, operatorAction, proposalTarget } from '../../http/api-fuzz-kit.testing';

export const fuzzTargets: Record<string, TargetSpec> = {
  'POST /api/v1/admin/athletes/{athleteId}/coach-proposals/{id}/confirm': {
    consumes: true,
    make: async (k) => {
      const t = await proposalTarget(k);
      return { params: { athleteId: t.athleteId, id: t.params.id } };
    },
  },
  // Operators on users: each operation its own athlete (or admin, for permissions).
  'GET /api/v1/admin/users/{id}': { make: subject() },
  'GET /api/v1/admin/users/{userId}/membership': { make: subject('userId') },
  'POST /api/v1/admin/users/{userId}/comps': { make: subject('userId') },
  'POST /api/v1/admin/users/{userId}/comps/{grantId}/revoke': {
    consumes: true,
    make: async (k) => {
      const p = await k.person();
      const g = await k.ok<{ id: string }>(`/api/v1/admin/users/${p.id}/comps`, {
        cookie: k.w.owner.cookie,
        body: { tier: 'pro', days: 30, reason: REASON },
      });
      return { params: { userId: p.id, grantId: g.id } };
    },
  },
  'POST /api/v1/admin/users/{userId}/membership/resync': { make: async (k) => ({ params: { userId: (await k.stripeCustomer()).id } }) },
  'POST /api/v1/admin/users/{id}/block': { consumes: true, make: subject() },
  'POST /api/v1/admin/users/{id}/unblock': {
    consumes: true,
    make: async (k) => ({ params: { id: (await k.person('athlete', { blockedAt: new Date(), blockedReason: REASON })).id } }),
  },
  'POST /api/v1/admin/users/{id}/password-reset': { make: subject() },
  'POST /api/v1/admin/users/{id}/temporary-password': { make: subject() },
  'PUT /api/v1/admin/users/{id}/role': { make: async (k) => ({ params: { id: (await k.person()).id }, body: { role: 'coach' } }) },
  'PUT /api/v1/admin/users/{id}/permissions/{permission}': { make: async (k) => ({ params: { id: (await k.person('admin')).id } }) },
  'DELETE /api/v1/admin/users/{id}/permissions/{permission}': {
    consumes: true,
    make: async (k) => {
      const a = await k.person('admin');
      await k.ok(`/api/v1/admin/users/${a.id}/permissions/invites.manage`, { method: 'PUT', cookie: k.w.owner.cookie });
      return { params: { id: a.id, permission: 'invites.manage' } };
    },
  },
  'POST /api/v1/admin/impersonation': { consumes: true, make: async (k) => ({ body: { userId: (await k.person()).id, reason: REASON } }) },
  'POST /api/v1/admin/analytics/rebuild': { make: async (k) => ({ body: { userId: (await k.person()).id, derive: false } }) },
  'POST /api/v1/admin/users/{userId}/actions/comp': operatorAction(async () => ({ tier: 'pro', days: 30 })),
  'POST /api/v1/admin/users/{userId}/actions/revoke-comp': operatorAction(async (k, id) => {
    await giveTier(k.h, id, 'pro');
    return { grantId: await k.grantOf(id, 'comp') };
  }),
  'POST /api/v1/admin/users/{userId}/actions/grant-trial': operatorAction(async () => ({ days: 7 })),
  'POST /api/v1/admin/users/{userId}/actions/revoke-trial': operatorAction(async (k, id) => {
    await k.ok(`/api/v1/admin/users/${id}/actions/grant-trial`, { cookie: k.w.owner.cookie, body: { reason: REASON, days: 7 } });
    return { grantId: await k.grantOf(id, 'invite_trial') };
  }),
  'POST /api/v1/admin/users/{userId}/actions/resync-billing': operatorAction(
    async () => ({}),
    (k) => k.stripeCustomer(),
  ),
  'POST /api/v1/admin/users/{userId}/actions/reset-onboarding': operatorAction(async () => ({})),
  'POST /api/v1/admin/users/{userId}/actions/retry-ingestion': {
    consumes: true,
    make: async (k) => ({ params: { userId: (await k.failedJob()).userId }, body: { reason: REASON } }),
  },
  'POST /api/v1/admin/users/{userId}/actions/retry-job': {
    consumes: true,
    make: async (k) => {
      const j = await k.failedJob();
      return { params: { userId: j.userId }, body: { reason: REASON, jobId: j.jobId } };
    },
  },
  'POST /api/v1/admin/users/{userId}/actions/retry-import': {
    consumes: true,
    make: async (k) => {
      const i = await k.failedImport();
      return { params: { userId: i.userId }, body: { reason: REASON, importId: i.importId } };
    },
  },
  'POST /api/v1/admin/users/{userId}/actions/rerun-analytics': operatorAction(async () => ({})),
  'POST /api/v1/admin/users/{userId}/actions/clear-coach-thread': operatorAction(async () => ({})),
  'POST /api/v1/admin/users/{userId}/actions/disconnect-provider': operatorAction(async (k, id) => {
    await k.stravaConnection(id);
    return { provider: 'strava' };
  }),
  'POST /api/v1/admin/invites/{id}/revoke': {
    consumes: true,
    make: async (k) => {
      const made = await k.ok<{ id: string }>('/api/v1/admin/invites', { cookie: k.w.owner.cookie, body: { maxUses: 1 } });
      return { params: { id: made.id } };
    },
  },
  'POST /api/v1/admin/orgs/{orgId}/comps/{grantId}/revoke': {
    consumes: true,
    make: async (k) => {
      // Another org: revoking the shared org's Team would close the coach's gated routes to every other probe.
      const c = await k.person('coach');
      const org = await k.ok<{ id: string }>('/api/v1/coach/org', {
        cookie: c.cookie,
        body: { name: 'Fuzz Other', timeZone: 'Europe/Berlin' },
      });
      const g = await k.ok<{ id: string }>(`/api/v1/admin/orgs/${org.id}/comps`, {
        cookie: k.w.owner.cookie,
        body: { days: 30, reason: REASON },
      });
      return { params: { orgId: org.id, grantId: g.id } };
    },
  },
};
