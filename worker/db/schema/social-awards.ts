import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { activities } from './activities';
import { users } from './users';

/** What an award's receipts hold: the activities, the figure they add up to, and what others may see. */
export interface AwardReceipts {
  activityIds: string[];
  /** The receipts' total distance (m) and moving time (s). */
  figure: { distanceM: number; movingS: number };
  /**
   * The same award earned without any Strava API activity (ADR 083 "awards"), or null: only then may anyone
   * but the owner see it, and then only these receipts.
   */
  shared: { activityIds: string[]; earnedAt: string } | null;
}

/**
 * Achievements earned (issue 42, ADR 082/083): one row per athlete and catalog key. A re-evaluation that no
 * longer earns it keeps the row with `withdrawnAt` and the reason, so the page can say it was withdrawn.
 */
export const achievementAwards = pgTable(
  'achievement_awards',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    earnedAt: timestamp('earned_at', { withTimezone: true }).notNull(),
    points: integer('points').notNull(),
    receipts: jsonb('receipts').$type<AwardReceipts>().notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.code] })],
);

/** The analytics version each athlete's awards and board weeks were last evaluated at (the re-evaluation's queue). */
export const awardEvaluations = pgTable('award_evaluations', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  analyticsVersion: integer('analytics_version').notNull(),
  evaluatedAt: timestamp('evaluated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One athlete's week on the boards, per sport: written while the week is open (Monday–Sunday in `zone`), made
 * `final` by the close once it has ended there, and never rewritten after.
 */
export const leaderboardWeeks = pgTable(
  'leaderboard_weeks',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The local Monday in `zone`. */
    weekStart: date('week_start').notNull(),
    zone: text('zone').notNull(),
    sport: text('sport').notNull(),
    distanceM: doublePrecision('distance_m').notNull(),
    movingS: integer('moving_s').notNull(),
    activeDays: integer('active_days').notNull(),
    countedActivityIds: uuid('counted_activity_ids').array().notNull(),
    excludedCount: integer('excluded_count').notNull(),
    final: boolean('final').notNull().default(false),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.weekStart, t.sport] }),
    index('leaderboard_weeks_board_idx').on(t.weekStart, t.sport),
    index('leaderboard_weeks_open_idx').on(t.zone, t.weekStart).where(sql`not ${t.final}`),
  ],
);

/** An athlete asking for an excluded activity to be looked at again. */
export const leaderboardReviews = pgTable(
  'leaderboard_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    note: text('note').notNull(),
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The operator's words (migration 0057): shown to the athlete when declined, audited either way. */
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    check('leaderboard_reviews_status_check', sql`${t.status} in ('open', 'accepted', 'declined')`),
    check('leaderboard_reviews_note_check', sql`char_length(${t.note}) <= 500`),
    check(
      'leaderboard_reviews_decision_check',
      sql`(${t.status} = 'open') = (${t.decidedAt} is null) and char_length(coalesce(${t.decisionReason}, '')) <= 500`,
    ),
    index('leaderboard_reviews_user_idx').on(t.userId, t.activityId),
  ],
);

/**
 * One activity's own verdict for boards and achievements (ADR 084): `judgeOne` under every use allowed (the
 * provider clause is applied at read time, so a policy change needs no re-judging), kept while the activity's
 * `fingerprint` and the rules' `inputsVersion` stay the same. The re-evaluation reads streams only without one.
 */
export const activitySocialJudgments = pgTable(
  'activity_social_judgments',
  {
    activityId: uuid('activity_id')
      .primaryKey()
      .references(() => activities.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    eligible: boolean('eligible').notNull(),
    /** The exclusion code when not eligible. */
    reason: text('reason'),
    fingerprint: text('fingerprint').notNull(),
    inputsVersion: integer('inputs_version').notNull(),
    judgedAt: timestamp('judged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('activity_social_judgments_reason_check', sql`${t.eligible} = (${t.reason} is null)`),
    index('activity_social_judgments_user_idx').on(t.userId),
  ],
);

/** The athlete's own word that an activity was a race, and their place (and field) if they gave it (ADR 084). */
export const activityRaceResults = pgTable(
  'activity_race_results',
  {
    activityId: uuid('activity_id')
      .primaryKey()
      .references(() => activities.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    place: integer('place'),
    fieldSize: integer('field_size'),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('activity_race_results_place_check', sql`${t.place} is null or ${t.place} >= 1`),
    check(
      'activity_race_results_field_check',
      sql`${t.fieldSize} is null or (${t.fieldSize} >= 1 and (${t.place} is null or ${t.place} <= ${t.fieldSize}))`,
    ),
    index('activity_race_results_user_idx').on(t.userId),
  ],
);
