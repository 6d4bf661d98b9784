import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { activities } from './activities';
import { orgs } from './coach';
import { plannedWorkouts } from './plans';
import { users } from './users';

/**
 * The conversation between an athlete and their coaching org on one activity or one planned workout
 * (ADR 056). A thread is (athlete, org, subject); each org sees only its own. Deleting a comment keeps the
 * row as a "comment deleted" placeholder with its body cleared; everything goes with the athlete, the
 * author, the org or the subject.
 */
export const trainingComments = pgTable(
  'training_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    athleteUserId: uuid('athlete_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    activityId: uuid('activity_id').references(() => activities.id, { onDelete: 'cascade' }),
    plannedWorkoutId: uuid('planned_workout_id').references(() => plannedWorkouts.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Which side wrote it: the athlete, or a coach of the org. */
    authorRole: text('author_role').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    check('training_comments_subject_check', sql`(${t.activityId} is null) <> (${t.plannedWorkoutId} is null)`),
    check('training_comments_role_check', sql`${t.authorRole} in ('athlete', 'coach')`),
    index('training_comments_activity_idx').on(t.activityId, t.orgId, t.createdAt),
    index('training_comments_workout_idx').on(t.plannedWorkoutId, t.orgId, t.createdAt),
    index('training_comments_athlete_idx').on(t.athleteUserId),
    index('training_comments_author_idx').on(t.authorUserId),
  ],
);

/** When a reader last opened a thread: what they have not read is what others wrote after it. */
export const trainingCommentReads = pgTable(
  'training_comment_reads',
  {
    // A key of its own: the export pages every table by its primary key (the subject's two kinds share none).
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    activityId: uuid('activity_id').references(() => activities.id, { onDelete: 'cascade' }),
    plannedWorkoutId: uuid('planned_workout_id').references(() => plannedWorkouts.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('training_comment_reads_subject_check', sql`(${t.activityId} is null) <> (${t.plannedWorkoutId} is null)`),
    // Plain unique indexes: NULLs never collide, so each holds only its own kind of subject.
    uniqueIndex('training_comment_reads_activity_idx').on(t.userId, t.orgId, t.activityId),
    uniqueIndex('training_comment_reads_workout_idx').on(t.userId, t.orgId, t.plannedWorkoutId),
  ],
);
