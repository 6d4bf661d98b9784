import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { activities } from './activities';
import { users } from './users';

export const planStatus = pgEnum('plan_status', ['active', 'paused', 'completed', 'cancelled']);
export const planChangeSource = pgEnum('plan_change_source', ['athlete', 'coach', 'ai_proposal', 'system']);

/**
 * An athlete's training plan: the goal, its dates, how it was made (inputs and the weeks' receipts), and
 * its status. One active plan per athlete (partial unique index).
 */
export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    goalKind: text('goal_kind').notNull(),
    eventDate: date('event_date'),
    eventName: text('event_name'),
    status: planStatus('status').notNull().default('active'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    /** 'generated' (the periodization rules) for now; the AI coach's plans will say so here. */
    method: text('method').notNull().default('generated'),
    /** The generator's input as used (availability, hours, fitness and where it came from). */
    inputs: jsonb('inputs').notNull(),
    /** WeekDraft[]: each week's phase, planned load and hours, and why. */
    weeks: jsonb('weeks').notNull(),
    rules: jsonb('rules').notNull(),
    raceDayTsb: real('race_day_tsb'),
    /** The history the athlete saw when they said "Keep my plan" ({at, ctl, weeklyHours}): not asked again for it. */
    rebuildDismissal: jsonb('rebuild_dismissal'),
    /** The athlete's opt-in (issue 58): small adaptive changes apply on their own, still listed and undoable. */
    adaptAuto: boolean('adapt_auto').notNull().default(false),
    /** The plan a confirmed rebuild replaced this one with (a second click finds it here). */
    replacedBy: uuid('replaced_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('plans_one_active_idx').on(t.userId).where(sql`${t.status} = 'active'`),
    index('plans_user_idx').on(t.userId, t.createdAt),
    check('plans_dates_check', sql`${t.endDate} >= ${t.startDate}`),
  ],
);

/**
 * A planned workout. `skipped` is the athlete's soft delete (restorable); completed and missed are
 * read from matching (an activity that day) and the clock, never stored. `linkMode` records the
 * athlete's own say over matching: 'manual' pins `linkedActivityId`, 'unlinked' forbids any match.
 * `userId` repeats the plan's owner so every query can filter by plan and athlete together.
 */
export const plannedWorkouts = pgTable(
  'planned_workouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    date: date('date').notNull(),
    sport: text('sport').notNull(),
    type: text('type').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    durationSec: integer('duration_sec').notNull(),
    distanceM: real('distance_m'),
    targetLoad: real('target_load').notNull().default(0),
    intensity: jsonb('intensity'),
    steps: jsonb('steps').notNull().default([]),
    phase: text('phase').notNull(),
    week: integer('week').notNull(),
    why: text('why').notNull().default(''),
    skipped: boolean('skipped').notNull().default(false),
    linkMode: text('link_mode'),
    linkedActivityId: uuid('linked_activity_id').references(() => activities.id, { onDelete: 'set null' }),
    /** The day's morning ('am') or evening ('pm') session when a day holds two (ADR 104); null: any time. */
    slot: text('slot').$type<'am' | 'pm'>(),
    /** Bumped on every change (the calendar feed's SEQUENCE). */
    revision: integer('revision').notNull().default(1),
    source: text('source').notNull().default('generated'),
    /** The athlete's own "done" (ADR 080): completed when no activity matched; an activity that matches later still links. */
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneNote: text('done_note'),
    doneRpe: smallint('done_rpe'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('planned_workouts_plan_date_idx').on(t.planId, t.date),
    index('planned_workouts_user_date_idx').on(t.userId, t.date),
    check('planned_workouts_link_check', sql`${t.linkMode} is null or ${t.linkMode} in ('manual', 'unlinked')`),
    check('planned_workouts_slot_check', sql`${t.slot} is null or ${t.slot} in ('am', 'pm')`),
    check('planned_workouts_title_check', sql`char_length(${t.title}) between 1 and 200`),
    check('planned_workouts_description_check', sql`char_length(${t.description}) <= 2000`),
    check(
      'planned_workouts_done_check',
      sql`(${t.doneNote} is null or char_length(${t.doneNote}) <= 500) and (${t.doneRpe} is null or ${t.doneRpe} between 1 and 10)`,
    ),
  ],
);

/**
 * The plan's change log (append-only but for `undoneAt`/`undoneBy`): each change's workouts before and
 * after, who made it and why. Undo restores `before` when the workouts still look like `after`.
 */
export const planChanges = pgTable(
  'plan_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    source: planChangeSource('source').notNull(),
    action: text('action').notNull(),
    /** Workout states keyed by id: null before an add, null after a removal. */
    before: jsonb('before').notNull(),
    after: jsonb('after').notNull(),
    reason: text('reason'),
    /** The change this one undoes, when it is an undo. */
    undoOf: uuid('undo_of'),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_changes_plan_idx').on(t.planId, t.createdAt)],
);

/** Fixed-window action counters per athlete (move 10/h, edit 20/h…): one conditional upsert per action. */
export const actionCounters = pgTable(
  'action_counters',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    bucket: text('bucket').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.bucket, t.windowStart] })],
);

/** The athlete's private calendar feed: the URL carries a token; only its SHA-256 is kept. Revocable. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_idx').on(t.tokenHash),
    uniqueIndex('calendar_feeds_live_idx').on(t.userId).where(sql`${t.revokedAt} is null`),
  ],
);

/** Onboarding answers (goal, availability, injuries, and for thin history the baseline volume). */
export const athleteIntake = pgTable('athlete_intake', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  answers: jsonb('answers').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
