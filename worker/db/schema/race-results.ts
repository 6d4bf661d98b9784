import { sql } from 'drizzle-orm';
import { check, index, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { activities } from './activities';
import { plans } from './plans';
import { races } from './races';
import { users } from './users';

/**
 * A race's result as the athlete marked it (issue 56, ADR 096 "After the race"): which of their activities was the
 * race, and the carbohydrate and fluid they took as they logged it. For their own race `race_id`; for a plan's goal
 * race `plan_id` (exactly one). The finish time is read from the activity, never copied: a re-imported file moves it.
 */
export const raceResults = pgTable(
  'race_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    raceId: uuid('race_id').references(() => races.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id').references(() => plans.id, { onDelete: 'cascade' }),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    /** Carbohydrate taken during the race, grams, as the athlete logged it; null: not logged. */
    carbsG: real('carbs_g'),
    /** Fluid drunk during the race, litres, as logged; null: not logged. */
    fluidL: real('fluid_l'),
    note: text('note'),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('race_results_race_idx').on(t.raceId),
    uniqueIndex('race_results_plan_idx').on(t.planId),
    index('race_results_user_idx').on(t.userId),
    index('race_results_activity_idx').on(t.activityId),
    check('race_results_one_race_check', sql`num_nonnulls(${t.raceId}, ${t.planId}) = 1`),
    check('race_results_carbs_check', sql`${t.carbsG} is null or ${t.carbsG} between 0 and 2000`),
    check('race_results_fluid_check', sql`${t.fluidL} is null or ${t.fluidL} between 0 and 20`),
  ],
);
