import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { planChanges, plans } from './plans';
import { users } from './users';

export const planAdaptationStatus = pgEnum('plan_adaptation_status', [
  'proposed',
  'awaiting_coach',
  'applied',
  'dismissed',
  'refused',
  'undone',
]);

/**
 * One adaptive change the plan proposes (issue 58, ADR 103): the trigger that set it off, its steps (workout
 * control's), its reason and receipts, and what became of it. One per trigger (`key`) and plan, so a pass read
 * again proposes nothing twice. Applied through workout control: `changeId` is the log row an undo reverts.
 */
export const planAdaptations = pgTable(
  'plan_adaptations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    trigger: jsonb('trigger').notNull(),
    steps: jsonb('steps').notNull(),
    reason: text('reason').notNull(),
    receipts: jsonb('receipts').notNull().default([]),
    /** A move within the week or a target within ±5 %: applies on its own when the athlete opted in. */
    small: boolean('small').notNull().default(false),
    status: planAdaptationStatus('status').notNull().default('proposed'),
    /** Applied on its own (the athlete's opt-in), not by a confirmation. */
    auto: boolean('auto').notNull().default(false),
    /** Read from what a coach may see (no Strava API data; wellness only when shared): the coach may list it. */
    coachVisible: boolean('coach_visible').notNull().default(false),
    changeId: uuid('change_id').references(() => planChanges.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('plan_adaptations_key_idx').on(t.planId, t.key), index('plan_adaptations_user_idx').on(t.userId, t.createdAt)],
);

/** An illness or injury the athlete noted for their plan: intensity pauses and comes back gradually. */
export const planHealthNotes = pgTable(
  'plan_health_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    fromDay: date('from_day').notNull(),
    /** Null while it is still going. */
    toDay: date('to_day'),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('plan_health_notes_user_idx').on(t.userId, t.fromDay),
    check('plan_health_notes_kind_check', sql`${t.kind} in ('illness', 'injury')`),
    check('plan_health_notes_days_check', sql`${t.toDay} is null or ${t.toDay} >= ${t.fromDay}`),
    check('plan_health_notes_note_check', sql`${t.note} is null or char_length(${t.note}) <= 300`),
  ],
);

/**
 * Where the adaptive pass last read an athlete: their local day and analytics version then, and the thresholds in
 * effect (a new estimate is a trigger). The minute pass takes those whose day or version moved on.
 */
export const planAdaptStates = pgTable('plan_adapt_states', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  day: date('day').notNull(),
  analyticsVersion: bigint('analytics_version', { mode: 'number' }).notNull(),
  thresholds: jsonb('thresholds'),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
});
