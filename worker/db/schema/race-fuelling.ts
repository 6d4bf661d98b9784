import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, real, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { activities } from './activities';
import { users } from './users';

/**
 * A sweat test the athlete ran (issue 56, ADR 096): weighed before and after a workout, what they drank and passed,
 * and the sweat rate it gives, (before − after + drunk − urine) ÷ hours, stored so the fuelling plan reuses it.
 */
export const sweatTests = pgTable(
  'sweat_tests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    testDate: date('test_date').notNull(),
    /** The workout it was run on, if the athlete said; the test stays when the activity goes. */
    activityId: uuid('activity_id').references(() => activities.id, { onDelete: 'set null' }),
    durationMin: real('duration_min').notNull(),
    massBeforeKg: real('mass_before_kg').notNull(),
    massAfterKg: real('mass_after_kg').notNull(),
    fluidL: real('fluid_l').notNull(),
    urineL: real('urine_l'),
    temperatureC: real('temperature_c'),
    note: text('note'),
    rateLPerH: real('rate_l_per_h').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sweat_tests_user_date_idx').on(t.userId, t.testDate),
    check('sweat_tests_rate_check', sql`${t.rateLPerH} between 0 and 4`),
  ],
);

/** One gut-training session the athlete logged: carbohydrate per hour, how long, GI comfort 1 (severe) – 5 (none). */
export const gutTrainingSessions = pgTable(
  'gut_training_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionDate: date('session_date').notNull(),
    carbsGPerH: real('carbs_g_per_h').notNull(),
    durationMin: real('duration_min').notNull(),
    comfort: smallint('comfort').notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('gut_training_sessions_user_date_idx').on(t.userId, t.sessionDate),
    check('gut_training_sessions_comfort_check', sql`${t.comfort} between 1 and 5`),
  ],
);
