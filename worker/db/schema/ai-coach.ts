import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { plans } from './plans';
import { users } from './users';

export const coachMessageRole = pgEnum('coach_message_role', ['user', 'assistant']);
export const coachMessageStatus = pgEnum('coach_message_status', ['streaming', 'complete', 'partial', 'failed', 'stopped']);
export const coachProposalStatus = pgEnum('coach_proposal_status', ['proposed', 'confirmed', 'applied', 'failed', 'rejected']);

/**
 * One conversation with the AI coach. `returnDate` is what the athlete told the coach about coming back
 * from injury, illness or a break: comparisons default to it (the "coming back" guardrail).
 */
export const coachConversations = pgTable(
  'coach_conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    title: text('title').notNull().default('New conversation'),
    returnDate: date('return_date'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('coach_conversations_user_idx').on(t.userId, t.updatedAt)],
);

/**
 * A message of a conversation. An assistant message is written when its turn starts ('streaming') and
 * finished once ('complete' | 'partial' | 'failed' | 'stopped'). `route` says who answered: a deterministic
 * lookup, a guardrail, or a model (then `provider`/`model`). Receipts and the numeric-claim check are kept
 * with the text they back. `clientMessageId` makes a retried send idempotent.
 */
export const coachMessages = pgTable(
  'coach_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => coachConversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: coachMessageRole('role').notNull(),
    content: text('content').notNull().default(''),
    status: coachMessageStatus('status').notNull().default('complete'),
    /** 'deterministic' | 'guardrail' | 'model' (assistant messages). */
    route: text('route'),
    /** 'low' | 'medium' | 'high' from the risk classifier (assistant messages). */
    risk: text('risk'),
    provider: text('provider'),
    model: text('model'),
    receipts: jsonb('receipts').notNull().default([]),
    /** ClaimCheck: the numbers checked, matched, removed; null until the final answer is checked. */
    checks: jsonb('checks'),
    /** Sources left out by the data-use policy ({ source, count }[]), said in the answer. */
    withheld: jsonb('withheld').notNull().default([]),
    errorCode: text('error_code'),
    clientMessageId: text('client_message_id'),
    /** The quota unit the turn took (refunded when the turn fails). */
    quotaUnitId: uuid('quota_unit_id'),
    /** For an assistant message: the user message it answers. */
    replyTo: uuid('reply_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('coach_messages_conversation_idx').on(t.conversationId, t.createdAt),
    uniqueIndex('coach_messages_client_id_idx').on(t.conversationId, t.clientMessageId).where(sql`${t.clientMessageId} is not null`),
  ],
);

/** Every tool the model (or a deterministic answer) ran, with its input and the result it was given. */
export const coachToolCalls = pgTable(
  'coach_tool_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => coachMessages.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The provider's tool_use id (or a generated one for deterministic answers). */
    callId: text('call_id').notNull(),
    name: text('name').notNull(),
    input: jsonb('input').notNull(),
    result: jsonb('result').notNull(),
    isError: integer('is_error').notNull().default(0),
    durationMs: integer('duration_ms').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('coach_tool_calls_message_idx').on(t.messageId)],
);

/**
 * The cost ledger: one row per model call (successful or not). Cost is exact in nano-dollars (1e-9 USD)
 * from the usage fields and the configured price of the model at the time of the call.
 */
export const coachLlmCalls = pgTable(
  'coach_llm_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id').references(() => coachMessages.id, { onDelete: 'set null' }),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    /** 'ok' | 'error' | 'aborted'. */
    outcome: text('outcome').notNull(),
    errorKind: text('error_kind'),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    cacheWriteTokens: integer('cache_write_tokens').notNull().default(0),
    cacheReadTokens: integer('cache_read_tokens').notNull().default(0),
    costNanoUsd: bigint('cost_nano_usd', { mode: 'number' }).notNull().default(0),
    latencyMs: integer('latency_ms').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('coach_llm_calls_user_idx').on(t.userId, t.createdAt), index('coach_llm_calls_created_idx').on(t.createdAt)],
);

/**
 * A plan change the coach proposed: proposed → confirmed → applied | failed, or
 * rejected. Nothing changes the plan until the athlete confirms; the apply goes through workout control.
 */
export const coachProposals = pgTable(
  'coach_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id').references(() => coachConversations.id, { onDelete: 'set null' }),
    messageId: uuid('message_id').references(() => coachMessages.id, { onDelete: 'set null' }),
    status: coachProposalStatus('status').notNull().default('proposed'),
    /** ProposalAction[], validated against the catalog. */
    actions: jsonb('actions').notNull(),
    /** The workouts as they were when proposed, and as they would be (the card's diff). */
    diff: jsonb('diff').notNull(),
    reason: text('reason').notNull(),
    riskNotes: jsonb('risk_notes').notNull().default([]),
    /** Planned load per affected week and projected form, before and after. */
    forecast: jsonb('forecast').notNull(),
    /** 'coach' (the AI coach) for now. */
    createdBy: text('created_by').notNull().default('coach'),
    confirmedBy: uuid('confirmed_by'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    /** The plan change the apply wrote (undo goes through the plan's change log). */
    planChangeId: uuid('plan_change_id'),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('coach_proposals_user_idx').on(t.userId, t.createdAt),
    check('coach_proposals_reason_check', sql`char_length(${t.reason}) between 1 and 1000`),
  ],
);
