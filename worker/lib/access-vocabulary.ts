// The words a route's access declaration is made of: roles, operator permissions and data uses. They live
// in this leaf (it imports no feature) so worker/http/access.ts and guards.ts need no feature's index, and
// a feature's routes importing the access layer closes no import cycle. The owning features re-export them.
import { z } from '@hono/zod-openapi';

export const Role = z.enum(['athlete', 'coach', 'admin', 'owner', 'demo']);
export type Role = z.infer<typeof Role>;

/**
 * Explicit admin powers. Owners hold all of them implicitly; admins only those granted (and audited);
 * the read-only demo role holds the `.read` ones (with personal data masked) and nothing else.
 */
export const PERMISSIONS = [
  'invites.manage',
  /** Search athletes and open their support page (personal data masked without users.pii). */
  'users.read',
  /** See emails, names and devices in the operator console. */
  'users.pii',
  /** Account actions: block/unblock, password reset mail, temporary password, reset onboarding, clear coach thread, disconnect a provider. */
  'users.manage',
  'audit.read',
  /** Run the audit retention job (dry run and real), and the retention table's dry run (privacy). */
  'audit.retention',
  /** Ops Pulse and platform metrics. */
  'ops.read',
  'system.ingestion_pause',
  /** Switch the Strava data policy between its default and strict modes (ADR 036). */
  'system.data_policy',
  /** Retry an athlete's ingestion or one failed job/import. */
  'ingestion.retry',
  'system.analytics_rebuild',
  'billing.manage',
  /** Confirm an athlete's AI-coach plan proposal on their behalf (audited with both identities). */
  'coach_proposals.confirm',
  /** The social moderation queue: read reports, hide, warn, suspend, lift, dismiss, decide appeals (issue 42). */
  'moderation',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What the demo role may look at: reading only, and never personal data. */
export const DEMO_PERMISSIONS: readonly Permission[] = ['users.read', 'audit.read', 'ops.read'];

/** Who or what a read serves. `owner`: the athlete's own view of one activity or their list; `coach`: a coach
 * they share their training with; `social`: other people (no such feature yet: a column for later);
 * `analytics`: figures that combine sources (fitness, volume, bests, efficiency, insights, plan matching and
 * calendar compliance); `ai`: the AI coach's model requests. */
export const DATA_USES = ['owner', 'coach', 'social', 'analytics', 'ai'] as const;
export type DataUse = (typeof DATA_USES)[number];

/**
 * What an API key may be granted (issue 59, ADR 105): each route declares the one it needs, or `none` (never with a
 * key: credentials, billing, the keys themselves, operators). Athlete keys hold the first five, team keys the coach ones.
 */
export const API_SCOPES = [
  'activities:read',
  'analytics:read',
  'wellness:read',
  'plan:read',
  'plan:write',
  'coach:read',
  'coach:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];
export type RouteScope = ApiScope | 'none';
export const ATHLETE_SCOPES: readonly ApiScope[] = ['activities:read', 'analytics:read', 'wellness:read', 'plan:read', 'plan:write'];
export const TEAM_SCOPES: readonly ApiScope[] = ['coach:read', 'coach:write'];
