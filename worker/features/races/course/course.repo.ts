// The only SQL on race courses: one per race (their own, or the plan's goal under the plan's id), replaced whole.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { type CoursePointsColumn, raceCourses } from '../../../db/schema/race-courses';
import type { PredictionKey } from '../races.repo';

export interface CourseRow {
  name: string | null;
  points: CoursePointsColumn;
  pointCount: number;
  hasElevation: boolean;
  lengthM: number;
  gainM: number;
  lossM: number;
  uploadedAt: Date;
}

const keyOf = (k: PredictionKey) => ('raceId' in k ? eq(raceCourses.raceId, k.raceId) : eq(raceCourses.planId, k.planId));
const mine = (userId: string, k: PredictionKey) => and(eq(raceCourses.userId, userId), keyOf(k));

export async function byRace(db: Executor, userId: string, key: PredictionKey): Promise<CourseRow | undefined> {
  const [row] = await db
    .select({
      name: raceCourses.name,
      points: raceCourses.points,
      pointCount: raceCourses.pointCount,
      hasElevation: raceCourses.hasElevation,
      lengthM: raceCourses.lengthM,
      gainM: raceCourses.gainM,
      lossM: raceCourses.lossM,
      uploadedAt: raceCourses.uploadedAt,
    })
    .from(raceCourses)
    .where(mine(userId, key));
  return row;
}

/**
 * The race's course, replacing the one it had: one statement, an upsert on the race's (or plan's) unique index, so two
 * uploads at once leave the later one rather than a unique-key error.
 */
export async function replace(db: Executor, userId: string, key: PredictionKey, c: Omit<CourseRow, 'uploadedAt'>, now: Date) {
  const byRace = 'raceId' in key;
  await db
    .insert(raceCourses)
    .values({ userId, raceId: byRace ? key.raceId : null, planId: byRace ? null : key.planId, ...c, uploadedAt: now })
    .onConflictDoUpdate({
      target: byRace ? raceCourses.raceId : raceCourses.planId,
      targetWhere: byRace ? sql`${raceCourses.raceId} is not null` : sql`${raceCourses.planId} is not null`,
      set: { ...c, uploadedAt: now },
    });
}

/** False when the race had no course. */
export async function remove(db: Executor, userId: string, key: PredictionKey): Promise<boolean> {
  const rows = await db.delete(raceCourses).where(mine(userId, key)).returning({ id: raceCourses.id });
  return rows.length > 0;
}
