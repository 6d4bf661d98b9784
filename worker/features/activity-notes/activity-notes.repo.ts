// The only SQL on activity notes: read one with its activity's owner and source, write one, and the notes
// of an athlete's recent activities from the sources a reader may see.
import { and, desc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { activities, activityNotes } from '../../db/schema';
import type { ActivitySource } from '../activities';

export interface NoteRow {
  activityId: string;
  source: ActivitySource;
  note: string | null;
  rpe: number | null;
  updatedAt: Date | null;
}

/** The athlete's activity with its note (nulls when none); undefined when it is not theirs or deleted (undo window too, issue 55). */
export async function forActivity(db: Executor, userId: string, activityId: string): Promise<NoteRow | undefined> {
  const [row] = await db
    .select({
      activityId: activities.id,
      source: activities.source,
      note: activityNotes.note,
      rpe: activityNotes.rpe,
      updatedAt: activityNotes.updatedAt,
    })
    .from(activities)
    .leftJoin(activityNotes, eq(activityNotes.activityId, activities.id))
    .where(and(eq(activities.userId, userId), eq(activities.id, activityId), isNull(activities.deletedAt)));
  return row;
}

export async function upsert(db: Executor, userId: string, activityId: string, note: string | null, rpe: number | null, now: Date) {
  const [row] = await db
    .insert(activityNotes)
    .values({ activityId, userId, note, rpe, updatedAt: now })
    .onConflictDoUpdate({ target: activityNotes.activityId, set: { note, rpe, updatedAt: now } })
    .returning({ note: activityNotes.note, rpe: activityNotes.rpe, updatedAt: activityNotes.updatedAt });
  return row!;
}

export async function remove(db: Executor, userId: string, activityId: string): Promise<void> {
  await db.delete(activityNotes).where(and(eq(activityNotes.userId, userId), eq(activityNotes.activityId, activityId)));
}

/** Notes on the athlete's canonical activities from `sources` started since `since`, newest activity first. */
export function recent(db: Executor, userId: string, sources: ActivitySource[], since: Date, limit: number) {
  return db
    .select({
      activityId: activities.id,
      source: activities.source,
      name: activities.name,
      sport: activities.sport,
      date: activities.localStartDate,
      note: activityNotes.note,
      rpe: activityNotes.rpe,
      updatedAt: activityNotes.updatedAt,
    })
    .from(activityNotes)
    .innerJoin(activities, eq(activities.id, activityNotes.activityId))
    .where(
      and(
        eq(activityNotes.userId, userId),
        eq(activities.userId, userId),
        isNull(activities.duplicateOf),
        inArray(activities.source, sources),
        gte(activities.startTime, since),
      ),
    )
    .orderBy(desc(activities.startTime))
    .limit(limit);
}
