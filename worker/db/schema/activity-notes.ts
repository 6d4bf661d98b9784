import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { activities } from './activities';
import { users } from './users';

/**
 * The athlete's own words and feel about one activity: a note and RPE 1–10. One row per activity, gone
 * with it (and with the account). Who else may read it follows the activity's source (data-use policy).
 */
export const activityNotes = pgTable(
  'activity_notes',
  {
    activityId: uuid('activity_id')
      .primaryKey()
      .references(() => activities.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    note: text('note'),
    rpe: smallint('rpe'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('activity_notes_rpe_check', sql`${t.rpe} between 1 and 10`), index('activity_notes_user_idx').on(t.userId, t.updatedAt)],
);
