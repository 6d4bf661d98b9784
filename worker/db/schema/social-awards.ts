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
  },
  (t) => [
    check('leaderboard_reviews_status_check', sql`${t.status} in ('open', 'accepted', 'declined')`),
    check('leaderboard_reviews_note_check', sql`char_length(${t.note}) <= 500`),
    index('leaderboard_reviews_user_idx').on(t.userId, t.activityId),
  ],
);
