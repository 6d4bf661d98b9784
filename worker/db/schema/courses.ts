import { boolean, check, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { activities } from './activities';
import type { CoursePointsColumn } from './race-courses';
import { users } from './users';

/**
 * An athlete's course (issue 57, ADR 101): a GPX import or a stretch of one of their activities, stored thinned like
 * a race's course, with what was last sent to Garmin's Courses API. One made from an activity goes with that
 * activity (the Strava disconnect deleting its copy takes the course too).
 */
export const courses = pgTable(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** run | trail_run | ride | gravel_ride | mountain_bike | hike | other (Garmin's course types, one each). */
    sport: text('sport').notNull(),
    /** gpx | activity */
    source: text('source').notNull(),
    activityId: uuid('activity_id').references(() => activities.id, { onDelete: 'cascade' }),
    /** The activity's provider when the course was made (the data policy's key); null for a GPX. */
    activitySource: text('activity_source'),
    /** The stretch taken, seconds from the activity's start; null: the whole activity. */
    fromS: integer('from_s'),
    toS: integer('to_s'),
    points: jsonb('points').$type<CoursePointsColumn>().notNull(),
    pointCount: integer('point_count').notNull(),
    hasElevation: boolean('has_elevation').notNull(),
    lengthM: real('length_m').notNull(),
    gainM: real('gain_m').notNull(),
    lossM: real('loss_m').notNull(),
    /** The last "Send to Garmin": sent | failed; null: never sent. */
    garminStatus: text('garmin_status'),
    garminCourseId: text('garmin_course_id'),
    garminError: text('garmin_error'),
    garminSentAt: timestamp('garmin_sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('courses_user_idx').on(t.userId, t.createdAt),
    index('courses_activity_idx').on(t.activityId),
    check('courses_source_check', sql`(${t.source} = 'gpx' and ${t.activityId} is null) or (${t.source} = 'activity')`),
  ],
);
