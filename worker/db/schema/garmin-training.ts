import { boolean, date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * One planned workout the athlete sent to Garmin Connect (ADR 057): our workout id ↔ Garmin's workout and schedule
 * ids, the date and content hash last sent, and where it stands. No foreign key to the workout: the row outlives a
 * deleted workout or plan so the copy at Garmin can be removed after it.
 */
export const garminWorkoutSends = pgTable(
  'garmin_workout_sends',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workoutId: uuid('workout_id').notNull(),
    /** The athlete still wants it on Garmin; false once it should be removed there. */
    wanted: boolean('wanted').notNull().default(true),
    garminWorkoutId: text('garmin_workout_id'),
    garminScheduleId: text('garmin_schedule_id'),
    scheduledDate: date('scheduled_date'),
    /** SHA-256 of the Garmin JSON last accepted: an edit that changes nothing Garmin holds sends nothing. */
    contentHash: text('content_hash'),
    /** queued | sent | failed | removed */
    status: text('status').notNull(),
    error: text('error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.workoutId] }), index('garmin_workout_sends_workout_idx').on(t.workoutId)],
);
