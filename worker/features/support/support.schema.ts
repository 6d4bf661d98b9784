import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';
import { MembershipStatus } from '../membership';

export const ROLES = ['athlete', 'coach', 'admin', 'owner', 'demo'] as const;
export const SEARCH_MAX = 50;

export const SearchQuery = z
  .object({
    q: FreeText({ max: 200 }).optional().openapi({
      description:
        'Email, name or id: partial and case-insensitive; an exact uuid matches the id. Without users.pii only ids match (full or their first characters).',
    }),
    role: z.enum(ROLES).optional(),
    cursor: FreeText({ max: 200, trim: false }).optional().openapi({ description: 'nextCursor of the previous page' }),
    limit: z.coerce.number().int().min(1).max(SEARCH_MAX).default(20),
  })
  .openapi('AthleteSearchQuery');
export type SearchQuery = z.infer<typeof SearchQuery>;

const iso = z.string();
const isoOrNull = z.string().nullable();

export const AthleteRow = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  tier: z.string(),
  createdAt: iso,
  lastSeenAt: isoOrNull,
  blocked: z.boolean(),
});
export type AthleteRow = z.infer<typeof AthleteRow>;

export const AthleteSearch = z
  .object({ users: z.array(AthleteRow), nextCursor: z.string().nullable(), pii: z.boolean() })
  .openapi('AthleteSearch');
export type AthleteSearch = z.infer<typeof AthleteSearch>;

export const Issue = z.object({
  code: z.enum([
    'blocked',
    'must_change_password',
    'token_expired',
    'ingestion_error',
    'jobs_failed',
    'import_failed',
    'import_empty',
    'rebuild_pending',
    'past_due',
    'ingestion_deferred',
  ]),
  severity: z.enum(['danger', 'warning', 'info']),
  message: z.string(),
});

const Counts = z.record(z.string(), z.number().int());
/** Why a job or import failed, from Ops Pulse's one cause table; class 'unknown' when no known cause was recorded. */
const FailureCause = z.object({ code: z.string(), class: z.enum(['permanent', 'retryable', 'unknown']), label: z.string() });

export const AthleteDetail = z
  .object({
    pii: z.boolean(),
    /** "Who is stuck and why", worst first; empty when nothing is wrong. */
    issues: z.array(Issue),
    profile: z.object({
      id: z.uuid(),
      displayName: z.string(),
      email: z.string(),
      units: z.string(),
      timeZone: z.string(),
      birthYear: z.number().int().nullable(),
      createdAt: iso,
      lastSeenAt: isoOrNull,
    }),
    access: z.object({
      role: z.enum(ROLES),
      permissions: z.array(z.object({ permission: z.string(), grantedAt: iso })),
      blocked: z.object({ at: iso, reason: z.string().nullable() }).nullable(),
      mustChangePassword: z.boolean(),
    }),
    membership: z.object({
      tier: z.string(),
      source: z.string(),
      subscription: MembershipStatus.shape.subscription,
      grant: z.object({ kind: z.string(), tier: z.string(), endsAt: iso }).nullable(),
      pastDue: z.object({ since: iso, graceEndsAt: iso }).nullable(),
      trialUsed: z.boolean(),
      hasCustomer: z.boolean(),
      grants: z.array(
        z.object({
          id: z.string(),
          kind: z.enum(['comp', 'invite_trial']),
          tier: z.string(),
          startsAt: iso,
          endsAt: iso,
          reason: z.string(),
          revokedAt: isoOrNull,
        }),
      ),
      mirror: z.array(
        z.object({
          stripeSubscriptionId: z.string(),
          status: z.string(),
          tier: z.string().nullable(),
          interval: z.string().nullable(),
          currentPeriodEnd: isoOrNull,
          trialEnd: isoOrNull,
          cancelAtPeriodEnd: z.boolean(),
          pastDueSince: isoOrNull,
          syncedAt: iso,
        }),
      ),
    }),
    integrations: z.array(
      z.object({
        provider: z.string(),
        externalAthleteId: z.string(),
        tokenExpiresAt: iso,
        tokenExpired: z.boolean(),
        scopes: z.array(z.string()),
        connectedAt: iso,
        lastWebhook: z
          .object({ receivedAt: iso, processedAt: isoOrNull, outcome: z.string().nullable(), object: z.string().nullable() })
          .nullable(),
      }),
    ),
    ingestion: z.object({
      paused: z.boolean(),
      states: z.array(
        z.object({
          source: z.string(),
          status: z.string(),
          resumeAt: isoOrNull,
          doneCount: z.number(),
          lastError: z.string().nullable(),
          updatedAt: iso,
        }),
      ),
      jobCounts: Counts,
      jobs: z.array(
        z.object({
          id: z.uuid(),
          kind: z.string(),
          status: z.string(),
          attempts: z.number().int(),
          runAfter: isoOrNull,
          lastError: z.string().nullable(),
          cause: FailureCause.nullable(),
          updatedAt: iso,
        }),
      ),
    }),
    imports: z.array(
      z.object({
        id: z.uuid(),
        filename: z.string(),
        status: z.string(),
        kind: z.string().nullable(),
        found: z.number().int(),
        imported: z.number().int(),
        duplicates: z.number().int(),
        skipped: z.number().int(),
        warnings: z.number().int(),
        error: z.string().nullable(),
        cause: FailureCause.nullable(),
        createdAt: iso,
        finishedAt: isoOrNull,
      }),
    ),
    analytics: z.object({ rebuildPending: z.object({ reason: z.string(), requestedAt: iso }).nullable() }),
    coaching: z.object({
      org: z.object({ id: z.uuid(), name: z.string(), role: z.string() }).nullable(),
      links: z.array(
        z.object({
          id: z.uuid(),
          status: z.string(),
          orgName: z.string(),
          requestedBy: z.string().nullable(),
          createdAt: iso,
          planEdit: z.boolean(),
        }),
      ),
    }),
    audit: z.array(
      z.object({
        id: z.number().int(),
        action: z.string(),
        actorId: z.string().nullable(),
        actorRole: z.string().nullable(),
        about: z.enum(['target', 'actor']),
        targetType: z.string(),
        targetId: z.string().nullable(),
        reason: z.string().nullable(),
        createdAt: iso,
      }),
    ),
    sessions: z.array(
      z.object({ id: z.uuid(), device: z.string(), createdAt: iso, lastSeenAt: iso, expiresAt: iso, impersonation: z.boolean() }),
    ),
    notifications: z.array(z.object({ id: z.string(), kind: z.string(), title: z.string(), read: z.boolean(), createdAt: iso })),
    /** Web Push devices (ADR 076): last success and last error per subscription; never the endpoint. */
    pushDevices: z.array(
      z.object({
        id: z.uuid(),
        label: z.string().nullable(),
        createdAt: iso,
        lastSuccessAt: iso.nullable(),
        lastErrorAt: iso.nullable(),
        lastErrorCode: z.string().nullable(),
        retiredAt: iso.nullable(),
      }),
    ),
    aiCoach: z.object({
      conversations: z.number().int(),
      monthCalls: z.number().int(),
      monthCostUsd: z.number(),
      proposals: Counts,
    }),
  })
  .openapi('AthleteDetail');
export type AthleteDetail = z.infer<typeof AthleteDetail>;
export type Issue = z.infer<typeof Issue>;
