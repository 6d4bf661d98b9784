import { z } from '@hono/zod-openapi';
import { ACTIVITY_SOURCES, POLICY_MODES } from '../activities';
import { FreeText } from '../../lib/text.schema';

/** Every operator fix carries why it was pressed (the page pre-fills "Ops Pulse: <row>"). */
export const Reason = FreeText({ min: 1, max: 500, multiline: true });
export const FixInput = z.object({ reason: Reason }).openapi('OpsFixInput');
export type FixInput = z.infer<typeof FixInput>;

export const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const FIX_INTENTS = [
  'retry-job',
  'retry-import',
  'resume-athlete',
  'retry-ingestion',
  'reprocess-stripe-event',
  'resync-billing',
  'retry-sms',
  'retry-automation',
] as const;
export type FixIntent = (typeof FIX_INTENTS)[number];

export const Fix = z
  .object({
    intent: z.enum(FIX_INTENTS),
    label: z.string(),
    /** The API call that performs it (POST with { reason }); null for the per-athlete operator actions (run for `userId`). */
    path: z.string().nullable(),
    permission: z.string(),
    /** False when pressing it now would do harm or nothing (e.g. "resume now" while the budget is spent); `note` says why. */
    available: z.boolean(),
    note: z.string().nullable(),
  })
  .openapi('OpsFix');
export type Fix = z.infer<typeof Fix>;

export const Row = z
  .object({
    id: z.string(),
    label: z.string(),
    detail: z.string(),
    /** When it happened (failed, got stuck) or, for a deferred athlete, when it resumes. */
    at: z.string().nullable(),
    /** The athlete (or the org's owner) behind the row: /admin/athletes/:userId. */
    userId: z.string().nullable(),
    orgId: z.string().nullable(),
    fix: Fix.nullable(),
  })
  .openapi('OpsRow');
export type Row = z.infer<typeof Row>;

export const Cause = z.object({ cause: z.string(), lastHour: z.number().int(), lastDay: z.number().int() });

export const SECTION_KEYS = [
  'stuck',
  'deferred',
  'ingestion_errors',
  'imports',
  'queues',
  'sms',
  'email',
  'automations',
  'stripe',
  'webhooks',
  'ai_coach',
  'privacy',
  'token_keys',
] as const;

export const Section = z
  .object({
    key: z.enum(SECTION_KEYS),
    title: z.string(),
    counts: z.record(z.string(), z.number().int()),
    /** Breakdowns by cause or reason (ingestion errors, webhook rejections). */
    causes: z.array(Cause),
    rows: z.array(Row),
    note: z.string().nullable(),
  })
  .openapi('OpsSection');
export type Section = z.infer<typeof Section>;

export const Budget = z
  .object({
    windowStart: z.string(),
    windowEndsAt: z.string(),
    dayEndsAt: z.string(),
    limits: z.object({ short: z.number(), daily: z.number(), readShort: z.number(), readDaily: z.number() }),
    used: z.object({ short: z.number(), daily: z.number(), readShort: z.number(), readDaily: z.number() }),
    blockedUntil: z.string().nullable(),
    competingAthletes: z.number().int(),
    /** Whether a released job would get a permit now (not blocked, room left in the window and the day). */
    hasRoom: z.boolean(),
  })
  .openapi('OpsBudget');
export type Budget = z.infer<typeof Budget>;

/** Connected Strava athletes against the app's limit (STRAVA_ATHLETE_LIMIT); `near` when a fifth or less is left. */
export const AthleteLimit = z
  .object({
    connected: z.number().int(),
    limit: z.number().int().nullable(),
    remaining: z.number().int().nullable(),
    state: z.enum(['unlimited', 'open', 'near', 'full']),
  })
  .openapi('OpsAthleteLimit');
export type AthleteLimit = z.infer<typeof AthleteLimit>;

export const Pulse = z
  .object({
    generatedAt: z.string(),
    stuckAfterMinutes: z.number().int(),
    brake: z.object({ paused: z.boolean(), since: z.string().nullable() }),
    /** Null when the budget object could not be read (the page says so instead of failing). */
    budget: Budget.nullable(),
    stravaAthletes: AthleteLimit,
    sections: z.array(Section),
  })
  .openapi('OpsPulse');
export type Pulse = z.infer<typeof Pulse>;

export const FixResult = z
  .object({ ok: z.literal(true), intent: z.enum(FIX_INTENTS), id: z.string(), outcome: z.string() })
  .openapi('OpsFixResult');
export type FixResult = z.infer<typeof FixResult>;

/** The data policy as Ops Pulse shows it: the Strava mode and, per source, what it may feed (ADR 036). */
export const DataPolicyMode = z.enum(POLICY_MODES);
export const DataPolicyInput = z.object({ mode: DataPolicyMode }).openapi('DataPolicyInput');
export const DataPolicyView = z
  .object({
    mode: DataPolicyMode,
    since: z.string().nullable().openapi({ description: 'When an operator last switched it; null: never (the default)' }),
    sources: z.array(
      z.object({
        source: z.enum(ACTIVITY_SOURCES),
        uses: z.object({ owner: z.boolean(), coach: z.boolean(), social: z.boolean(), analytics: z.boolean(), ai: z.boolean() }),
        rawCacheDays: z.number().int().nullable(),
        onDisconnect: z.enum(['delete', 'keep']),
        attribution: z.string().nullable(),
        why: z.string(),
      }),
    ),
  })
  .openapi('DataPolicy');
