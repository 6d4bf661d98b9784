import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { plans } from './plans';
import { races } from './races';
import { users } from './users';

/** A stored course: parallel arrays, one entry per kept point (thinned to about every 10 m). */
export interface CoursePointsColumn {
  lat: number[];
  lon: number[];
  /** Metres; all zero when the file had no elevation (`has_elevation` false). */
  ele: number[];
  /** Metres along the course from its first point. */
  dist: number[];
}

/**
 * A race's course from the athlete's GPX (issue 56, ADR 096): keyed like `race_predictions` (their own race, or the
 * active plan's goal race under the plan's id), one per race; replaced by a new upload. Lat/lon are kept for maps.
 */
export const raceCourses = pgTable(
  'race_courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    raceId: uuid('race_id').references(() => races.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id').references(() => plans.id, { onDelete: 'cascade' }),
    /** The GPX's metadata, route or track name; null when it had none. */
    name: text('name'),
    points: jsonb('points').$type<CoursePointsColumn>().notNull(),
    pointCount: integer('point_count').notNull(),
    hasElevation: boolean('has_elevation').notNull(),
    lengthM: real('length_m').notNull(),
    gainM: real('gain_m').notNull(),
    lossM: real('loss_m').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('race_courses_race_idx').on(t.raceId).where(sql`${t.raceId} is not null`),
    uniqueIndex('race_courses_plan_idx').on(t.planId).where(sql`${t.planId} is not null`),
    index('race_courses_user_idx').on(t.userId),
    check('race_courses_one_race_check', sql`num_nonnulls(${t.raceId}, ${t.planId}) = 1`),
  ],
);
