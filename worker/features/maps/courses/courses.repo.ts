// The only SQL on courses: the athlete's own rows (another athlete's id reads as none), and the Garmin connection's
// permissions a send needs.
import { and, count, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { activities, courses, providerConnections } from '../../../db/schema';

export type CourseRow = typeof courses.$inferSelect;
export type NewCourse = Omit<typeof courses.$inferInsert, 'id' | 'userId' | 'createdAt' | 'updatedAt'>;

const mine = (userId: string, id: string) => and(eq(courses.userId, userId), eq(courses.id, id));

/** The athlete's courses, newest first, without their points (a list needs none). */
export function list(db: Executor, userId: string) {
  return db
    .select({
      id: courses.id,
      name: courses.name,
      sport: courses.sport,
      source: courses.source,
      lengthM: courses.lengthM,
      gainM: courses.gainM,
      lossM: courses.lossM,
      hasElevation: courses.hasElevation,
      garminStatus: courses.garminStatus,
      createdAt: courses.createdAt,
    })
    .from(courses)
    .where(eq(courses.userId, userId))
    .orderBy(desc(courses.createdAt), desc(courses.id));
}

export async function countOf(db: Executor, userId: string): Promise<number> {
  const [r] = await db.select({ n: count() }).from(courses).where(eq(courses.userId, userId));
  return r?.n ?? 0;
}

/** The course with its activity's current provider (an upgrade to the athlete's own file changes it). */
export async function find(db: Executor, userId: string, id: string) {
  const [r] = await db
    .select({ course: courses, currentSource: activities.source })
    .from(courses)
    .leftJoin(activities, eq(activities.id, courses.activityId))
    .where(mine(userId, id));
  return r ? { ...r.course, currentSource: r.currentSource } : undefined;
}

export async function insert(db: Executor, userId: string, c: NewCourse, now: Date): Promise<CourseRow> {
  const [row] = await db
    .insert(courses)
    .values({ ...c, userId, createdAt: now, updatedAt: now })
    .returning();
  return row!;
}

/** False when the athlete has no such course. */
export async function update(db: Executor, userId: string, id: string, patch: Partial<NewCourse>, now: Date): Promise<boolean> {
  const rows = await db
    .update(courses)
    .set({ ...patch, updatedAt: now })
    .where(mine(userId, id))
    .returning({ id: courses.id });
  return rows.length > 0;
}

export async function remove(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db.delete(courses).where(mine(userId, id)).returning({ id: courses.id });
  return rows.length > 0;
}

/** The athlete's Garmin connection: the permissions Garmin reported and whether it still takes our token. */
export async function garminLink(db: Executor, userId: string): Promise<{ scopes: string[]; reconnectNeeded: boolean } | null> {
  const [row] = await db
    .select({ scopes: providerConnections.scopes, reconnectNeededAt: providerConnections.reconnectNeededAt })
    .from(providerConnections)
    .where(and(eq(providerConnections.userId, userId), eq(providerConnections.provider, 'garmin')));
  return row ? { scopes: row.scopes.split(' ').filter(Boolean), reconnectNeeded: row.reconnectNeededAt !== null } : null;
}
