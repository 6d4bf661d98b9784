// The operator console's permission table: every admin API route and every admin page names what
// opens it. permission-matrix.test.ts reads the routes from the app itself (OpenAPI document, router,
// Remix build), so a new admin route fails that test until it has its row here. One line per route.
import type { Permission } from '../auth';

/**
 * A permission, `owner` (owners only, admins never), `operator` (any console role: admin, owner, demo) or
 * `signed-in` (anyone signed in, e.g. ending an impersonation, which the impersonated session itself asks).
 */
export type Gate = Permission | 'owner' | 'operator' | 'signed-in';

export interface Row {
  gate: Gate;
  /** A valid body where the generated example would do harm or cannot pass validation. */
  body?: unknown;
  /** Why the granted case is not exercised here (and where it is). */
  skipGranted?: string;
  /** Why a plain athlete gets 404 rather than 403 (the only accepted alternative). */
  athlete404?: string;
}

const NOBODY = '00000000-0000-4000-8000-000000000000';

/** `METHOD /api/v1/admin/...` (OpenAPI path syntax) → gate. */
export const API_ROUTES: Record<string, Gate | Row> = {
  'GET /api/v1/admin/invites': 'invites.manage',
  'POST /api/v1/admin/invites': 'invites.manage',
  'POST /api/v1/admin/invites/{id}/revoke': 'invites.manage',
  'PUT /api/v1/admin/ingestion/pause': {
    gate: 'system.ingestion_pause',
    body: { paused: false },
    skipGranted: 'a global switch every concurrent test depends on; ingestion.admin.test.ts covers the granted case',
  },
  'GET /api/v1/admin/ingestion/athletes/{id}/jobs': 'system.ingestion_pause',
  'POST /api/v1/admin/analytics/rebuild': { gate: 'system.analytics_rebuild', body: { userId: NOBODY, derive: false } },
  'PUT /api/v1/admin/users/{id}/role': 'owner',
  'PUT /api/v1/admin/users/{id}/permissions/{permission}': 'owner',
  'DELETE /api/v1/admin/users/{id}/permissions/{permission}': 'owner',
  'GET /api/v1/admin/ai-coach/costs': 'billing.manage',
  'POST /api/v1/admin/athletes/{athleteId}/coach-proposals/{id}/confirm': 'coach_proposals.confirm',
  'GET /api/v1/admin/billing/figures': 'billing.manage',
  'GET /api/v1/admin/billing/events': 'billing.manage',
  'GET /api/v1/admin/orgs/{orgId}/membership': 'billing.manage',
  'POST /api/v1/admin/orgs/{orgId}/membership/resync': 'billing.manage',
  'GET /api/v1/admin/users/{userId}/membership': 'billing.manage',
  'POST /api/v1/admin/users/{userId}/comps': 'billing.manage',
  'POST /api/v1/admin/users/{userId}/comps/{grantId}/revoke': 'billing.manage',
  'POST /api/v1/admin/users/{userId}/membership/resync': 'billing.manage',
  'POST /api/v1/admin/orgs/{orgId}/comps': 'billing.manage',
  'POST /api/v1/admin/orgs/{orgId}/comps/{grantId}/revoke': 'billing.manage',
  'POST /api/v1/admin/users/{id}/block': 'users.manage',
  'POST /api/v1/admin/users/{id}/unblock': 'users.manage',
  'POST /api/v1/admin/users/{id}/password-reset': 'users.manage',
  'POST /api/v1/admin/users/{id}/temporary-password': 'users.manage',
  'GET /api/v1/admin/users': 'users.read',
  'GET /api/v1/admin/users/{id}': 'users.read',
  'POST /api/v1/admin/impersonation': 'owner',
  'DELETE /api/v1/admin/impersonation': 'signed-in',
  'POST /api/v1/admin/users/{userId}/actions/comp': 'billing.manage',
  'POST /api/v1/admin/users/{userId}/actions/revoke-comp': 'billing.manage',
  'POST /api/v1/admin/users/{userId}/actions/grant-trial': 'billing.manage',
  'POST /api/v1/admin/users/{userId}/actions/revoke-trial': 'billing.manage',
  'POST /api/v1/admin/users/{userId}/actions/resync-billing': 'billing.manage',
  'POST /api/v1/admin/users/{userId}/actions/reset-onboarding': 'users.manage',
  'POST /api/v1/admin/users/{userId}/actions/retry-ingestion': 'ingestion.retry',
  'POST /api/v1/admin/users/{userId}/actions/retry-job': 'ingestion.retry',
  'POST /api/v1/admin/users/{userId}/actions/retry-import': 'ingestion.retry',
  'POST /api/v1/admin/users/{userId}/actions/rerun-analytics': 'system.analytics_rebuild',
  'POST /api/v1/admin/users/{userId}/actions/clear-coach-thread': 'users.manage',
  'POST /api/v1/admin/users/{userId}/actions/disconnect-provider': 'users.manage',
  'GET /api/v1/admin/metrics': 'ops.read',
  'GET /api/v1/admin/metrics.csv': 'ops.read',
  'GET /api/v1/admin/audit': 'audit.read',
  'GET /api/v1/admin/audit.csv': 'audit.read',
  'GET /api/v1/admin/ops/pulse': 'ops.read',
  'POST /api/v1/admin/ops/jobs/{id}/retry': 'ingestion.retry',
  'POST /api/v1/admin/ops/imports/{id}/retry': 'ingestion.retry',
  'POST /api/v1/admin/ops/athletes/{id}/resume': 'ingestion.retry',
  'POST /api/v1/admin/ops/stripe-events/{id}/reprocess': 'billing.manage',
  'POST /api/v1/admin/ops/sms/{id}/retry': 'users.manage',
  'POST /api/v1/admin/ops/automation-runs/{id}/retry': 'users.manage',
  'GET /api/v1/admin/ops/data-policy': 'ops.read',
  'PUT /api/v1/admin/ops/data-policy': {
    gate: 'system.data_policy',
    body: { mode: 'default' },
    skipGranted: 'a global switch every concurrent test reads; data-policy.api.test.ts covers the granted case',
  },
  'POST /api/v1/admin/audit/retention': { gate: 'audit.retention', body: { retentionDays: 365, dryRun: true } },
  'GET /api/v1/admin/privacy/requests': 'users.read',
  'POST /api/v1/admin/privacy/retention/dry-run': 'audit.retention',
  // No such account: the owner passes the gate and gets a 404; nothing is queued.
  'POST /api/v1/admin/privacy/deletions': { gate: 'owner', body: { userId: NOBODY, reason: 'Permission matrix test: no such account' } },
  'GET /api/v1/admin/moderation/reports': 'moderation',
  // No such athlete: the moderator passes the gate and gets a 404; nothing is acted on.
  'POST /api/v1/admin/moderation/actions': {
    gate: 'moderation',
    body: { kind: 'warn', targetKind: 'profile', targetId: NOBODY, reason: 'Permission matrix test: no such athlete' },
  },
  'GET /api/v1/admin/moderation/appeals': 'moderation',
  'POST /api/v1/admin/moderation/appeals/{actionId}/decide': {
    gate: 'moderation',
    body: { decision: 'upheld', reason: 'Permission matrix test: no such action' },
  },
  'GET /api/v1/admin/moderation/leaderboard-reviews': 'moderation',
  // No such review: the moderator passes the gate and gets a 404; nothing is decided.
  'POST /api/v1/admin/moderation/leaderboard-reviews/{id}/decide': {
    gate: 'moderation',
    body: { decision: 'declined', reason: 'Permission matrix test: no such review' },
  },
};

/** Remix route id (`routes/_app.admin…`) → gate of its loader (and its action, if it has one). */
export const PAGES: Record<string, Gate | Row> = {
  'routes/_app.admin': 'operator',
  'routes/_app.admin._index': 'operator',
  'routes/_app.admin.invites': 'invites.manage',
  'routes/_app.admin.athletes._index': 'users.read',
  'routes/_app.admin.athletes.$id': 'users.read',
  'routes/_app.admin.metrics': 'ops.read',
  'routes/_app.admin.pulse': 'ops.read',
  'routes/_app.admin.privacy': {
    gate: 'users.read',
    skipGranted: 'its action is owner-only; privacy-requests.test.ts covers the granted loader and the owner’s action',
  },
  'routes/_app.admin.moderation': 'moderation',
  'routes/_app.admin.audit': {
    gate: 'audit.read',
    skipGranted: 'its action needs audit.retention as well; console-pages.test.ts covers the granted loader and action',
  },
};

export const rowOf = (entry: Gate | Row): Row => (typeof entry === 'string' ? { gate: entry } : entry);
