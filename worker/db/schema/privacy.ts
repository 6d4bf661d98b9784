import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from './coach';
import { users } from './users';

// reimport: an athlete's Cadence archive restored into their account (ADR 041).
export const privacyRequestKind = pgEnum('privacy_request_kind', ['export', 'deletion', 'org_deletion', 'reimport']);
export const privacyRequestStatus = pgEnum('privacy_request_status', [
  /** Accepted, waiting for its job (an export) or for the end of its grace period (a deletion). */
  'queued',
  'running',
  /** An export whose archive can be downloaded until expires_at. */
  'ready',
  'done',
  'cancelled',
  'failed',
  /** An export whose archive the retention job has deleted. */
  'expired',
]);

/**
 * Every data-subject request: exports, account deletions and org deletions, made by the person or by an
 * operator. The operators' queue reads it (status, legal due date); the jobs keep their progress in it so a
 * crash resumes where it stopped. A deletion's row outlives the account with user_id cleared (ADR 042).
 */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: privacyRequestKind('kind').notNull(),
    status: privacyRequestStatus('status').notNull().default('queued'),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    orgId: uuid('org_id').references(() => orgs.id, { onDelete: 'set null' }),
    /** An operator who made the request for the person (null: the person themselves). */
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    /** Why an operator made it (required then; shown in the queue and the audit row). */
    reason: text('reason'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    /** The legal answer date: one month after the request (GDPR Art. 12(3)). */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** A deletion runs from here (the end of its grace period); an export is due at once. */
    runAfter: timestamp('run_after', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** An export's archive is downloadable until then, and deleted by the retention job after. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** The job's resumable state (steps done, cursors, parts written). */
    progress: jsonb('progress').$type<Record<string, unknown>>().notNull().default({}),
    /** What came of it: an export's manifest summary, a deletion's receipt counts. */
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: text('error'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** A running job's claim, renewed by its consumer's heartbeat; lapsed, the minute sweep re-queues it (ADR 089). */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (t) => [
    // One export and one deletion at a time per person: a second request returns the running one.
    uniqueIndex('privacy_requests_one_open_idx')
      .on(t.userId, t.kind)
      .where(sql`${t.status} in ('queued', 'running') and ${t.userId} is not null`),
    index('privacy_requests_due_idx').on(t.status, t.runAfter),
    index('privacy_requests_running_lease_idx').on(t.leaseUntil).where(sql`${t.status} = 'running'`),
  ],
);

/**
 * What an account deletion removed, kept after the account is gone: counts per store and the provider calls
 * made, under a keyed hash of the user id (so a later request about the same person can be answered without
 * keeping who they were). Emailed to the address before it was erased.
 */
export const deletionReceipts = pgTable(
  'deletion_receipts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .unique()
      .references(() => privacyRequests.id, { onDelete: 'cascade' }),
    subjectHash: text('subject_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Rows per table group, R2 objects, provider calls and their outcome, Stripe's anonymisation. */
    counts: jsonb('counts').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('deletion_receipts_created_idx').on(t.createdAt)],
);

/**
 * The AI coach's costs of deleted accounts, folded per day, provider and model before their rows go: platform
 * cost figures stay whole while nothing in them names anyone (ADR 042).
 */
export const erasedLlmCosts = pgTable(
  'erased_llm_costs',
  {
    day: date('day').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    calls: integer('calls').notNull().default(0),
    inputTokens: bigint('input_tokens', { mode: 'number' }).notNull().default(0),
    outputTokens: bigint('output_tokens', { mode: 'number' }).notNull().default(0),
    cacheWriteTokens: bigint('cache_write_tokens', { mode: 'number' }).notNull().default(0),
    cacheReadTokens: bigint('cache_read_tokens', { mode: 'number' }).notNull().default(0),
    costNanoUsd: bigint('cost_nano_usd', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.provider, t.model] })],
);

/** Each run of the daily orphan sweep: what it found naming people who no longer exist (counts only). Ops Pulse shows the last. */
export const orphanSweeps = pgTable('orphan_sweeps', {
  id: uuid('id').primaryKey().defaultRandom(),
  ranAt: timestamp('ran_at', { withTimezone: true }).notNull().defaultNow(),
  /** Per table (or R2 area): rows or objects whose owner no longer exists. */
  counts: jsonb('counts').$type<Record<string, number>>().notNull(),
  total: integer('total').notNull(),
});
