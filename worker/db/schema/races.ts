import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, real, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { plans } from './plans';
import { users } from './users';

/**
 * A race the athlete plans (issue 56): its name, sport (a run, or a triathlon of a format), distance (a triathlon's:
 * the total of its legs) and local date. The plan's goal
 * race is not a row here: it is read from the active plan (ADR 096). Later slices add the course, the result and
 * the race card.
 */
export const races = pgTable(
  'races',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sport: text('sport').notNull().default('run'),
    /** A triathlon's format ('sprint' | 'olympic' | 'half' | 'full', migration 0065); null for a run. */
    format: text('format'),
    distanceM: integer('distance_m').notNull(),
    raceDate: date('race_date').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('races_user_date_idx').on(t.userId, t.raceDate),
    check(
      'races_sport_check',
      sql`(${t.sport} = 'run' and ${t.format} is null) or (${t.sport} = 'triathlon' and ${t.format} in ('sprint', 'olympic', 'half', 'full'))`,
    ),
    check(
      'races_distance_check',
      sql`(${t.sport} = 'run' and ${t.distanceM} between 1500 and 42616) or (${t.sport} = 'triathlon' and ${t.distanceM} between 25750 and 226000)`,
    ),
  ],
);

/**
 * Each prediction made for a race, stored when its answer changes (not on every read), so the error can be shown
 * after the race. For the athlete's own race `race_id`; for the plan's goal race `plan_id` (exactly one of them).
 */
export const racePredictions = pgTable(
  'race_predictions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    raceId: uuid('race_id').references(() => races.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id').references(() => plans.id, { onDelete: 'cascade' }),
    madeAt: timestamp('made_at', { withTimezone: true }).notNull().defaultNow(),
    /** 'predicted' | 'notEnoughData' | 'unsupported'; the seconds are null unless predicted. */
    state: text('state').notNull(),
    lowS: real('low_s'),
    midS: real('mid_s'),
    highS: real('high_s'),
    /** The whole answer with its receipts, as the core returned it. */
    answer: jsonb('answer').notNull(),
    /** SHA-256 of the answer and the engine version: a read whose answer hashes the same stores nothing. */
    answerHash: text('answer_hash').notNull(),
    engineVersion: smallint('engine_version').notNull(),
  },
  (t) => [
    index('race_predictions_race_idx').on(t.raceId, t.madeAt),
    index('race_predictions_plan_idx').on(t.planId, t.madeAt),
    index('race_predictions_user_idx').on(t.userId),
    check('race_predictions_one_race_check', sql`num_nonnulls(${t.raceId}, ${t.planId}) = 1`),
  ],
);
