import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/** What may be reported and acted on: a post, a comment, or a whole profile (its id is the athlete's). */
export const MODERATION_TARGET_KINDS = ['post', 'comment', 'profile'] as const;
/** The fixed reasons a reporter picks from; `other` asks for the note. */
export const MODERATION_REASONS = [
  'spam',
  'harassment',
  'hate',
  'sexual',
  'violence',
  'privacy',
  'impersonation',
  'cheating',
  'other',
] as const;
export const MODERATION_ACTION_KINDS = ['hide', 'warn', 'suspend', 'lift', 'dismiss'] as const;

/**
 * One athlete's report of one post, comment or profile (issue 42, ADR 083): one row per reporter and target,
 * open until a moderator acts on the target (actioned) or dismisses its reports. The reported athlete never
 * learns who reported.
 */
export const moderationReports = pgTable(
  'moderation_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    targetKind: text('target_kind').notNull(),
    /** The post's, the comment's, or (a profile) the athlete's id. */
    targetId: uuid('target_id').notNull(),
    /** Who the target belongs to: the author, or the profile's athlete. */
    targetUserId: uuid('target_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    note: text('note'),
    status: text('status').notNull().default('open'),
    resolvedBy: uuid('resolved_by').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('moderation_reports_kind_check', sql`${t.targetKind} in ('post', 'comment', 'profile')`),
    check(
      'moderation_reports_reason_check',
      sql`${t.reason} in ('spam', 'harassment', 'hate', 'sexual', 'violence', 'privacy', 'impersonation', 'cheating', 'other')`,
    ),
    check('moderation_reports_status_check', sql`${t.status} in ('open', 'actioned', 'dismissed')`),
    check('moderation_reports_note_check', sql`${t.note} is null or char_length(${t.note}) <= 500`),
    uniqueIndex('moderation_reports_once_idx').on(t.reporterId, t.targetKind, t.targetId),
    index('moderation_reports_target_idx').on(t.targetKind, t.targetId, t.status),
    index('moderation_reports_reporter_idx').on(t.reporterId, t.createdAt),
    index('moderation_reports_target_user_idx').on(t.targetUserId),
  ],
);

/**
 * One moderator's act on one target, with its reason (required) — the notice its author reads — and the
 * author's one appeal and its decision. `dismiss` closes a target's reports without touching it.
 */
export const moderationActions = pgTable(
  'moderation_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetUserId: uuid('target_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    targetKind: text('target_kind').notNull(),
    targetId: uuid('target_id').notNull(),
    reason: text('reason').notNull(),
    suspendUntil: timestamp('suspend_until', { withTimezone: true }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    reportId: uuid('report_id').references(() => moderationReports.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    appealText: text('appeal_text'),
    appealedAt: timestamp('appealed_at', { withTimezone: true }),
    appealDecision: text('appeal_decision'),
    appealDecisionReason: text('appeal_decision_reason'),
    appealDecidedAt: timestamp('appeal_decided_at', { withTimezone: true }),
    appealDecidedBy: uuid('appeal_decided_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    check('moderation_actions_kind_check', sql`${t.kind} in ('hide', 'warn', 'suspend', 'lift', 'dismiss')`),
    check('moderation_actions_target_kind_check', sql`${t.targetKind} in ('post', 'comment', 'profile')`),
    check('moderation_actions_reason_check', sql`char_length(${t.reason}) between 1 and 500`),
    check('moderation_actions_suspend_check', sql`(${t.kind} = 'suspend') = (${t.suspendUntil} is not null)`),
    check(
      'moderation_actions_appeal_check',
      sql`(${t.appealText} is null) = (${t.appealedAt} is null) and (${t.appealText} is null or char_length(${t.appealText}) between 1 and 1000)`,
    ),
    check(
      'moderation_actions_decision_check',
      sql`(${t.appealDecision} is null or (${t.appealDecision} in ('upheld', 'overturned') and ${t.appealedAt} is not null and ${t.appealDecidedAt} is not null))`,
    ),
    index('moderation_actions_user_idx').on(t.targetUserId, t.createdAt),
    index('moderation_actions_target_idx').on(t.targetKind, t.targetId),
    index('moderation_actions_appeals_idx').on(t.appealedAt).where(sql`${t.appealedAt} is not null`),
  ],
);
