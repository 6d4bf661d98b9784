// The only SQL on sweat tests and the gut-training log: the athlete's own rows, newest first; one athlete's
// activity checked before a test points at it.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { activities, gutTrainingSessions, sweatTests } from '../../../db/schema';

export interface SweatTestRow {
  id: string;
  date: string;
  activityId: string | null;
  durationMin: number;
  massBeforeKg: number;
  massAfterKg: number;
  fluidL: number;
  urineL: number | null;
  temperatureC: number | null;
  note: string | null;
  rateLPerH: number;
}

const sweatCols = {
  id: sweatTests.id,
  date: sweatTests.testDate,
  activityId: sweatTests.activityId,
  durationMin: sweatTests.durationMin,
  massBeforeKg: sweatTests.massBeforeKg,
  massAfterKg: sweatTests.massAfterKg,
  fluidL: sweatTests.fluidL,
  urineL: sweatTests.urineL,
  temperatureC: sweatTests.temperatureC,
  note: sweatTests.note,
  rateLPerH: sweatTests.rateLPerH,
};

/** At most this many rows are read back: the plan uses the newest five, the page lists them. */
const LIST_LIMIT = 200;

export function sweatTestsOf(db: Executor, userId: string): Promise<SweatTestRow[]> {
  return db
    .select(sweatCols)
    .from(sweatTests)
    .where(eq(sweatTests.userId, userId))
    .orderBy(desc(sweatTests.testDate), desc(sweatTests.createdAt))
    .limit(LIST_LIMIT);
}

export async function insertSweatTest(db: Executor, userId: string, r: Omit<SweatTestRow, 'id'>): Promise<SweatTestRow> {
  const { date, ...rest } = r;
  const [row] = await db
    .insert(sweatTests)
    .values({ userId, testDate: date, ...rest })
    .returning(sweatCols);
  return row!;
}

export async function removeSweatTest(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(sweatTests)
    .where(and(eq(sweatTests.userId, userId), eq(sweatTests.id, id)))
    .returning({ id: sweatTests.id });
  return rows.length > 0;
}

/** Whether the activity is the athlete's (a test may only point at their own workout). */
export async function ownsActivity(db: Executor, userId: string, activityId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.userId, userId), eq(activities.id, activityId), isNull(activities.deletedAt)));
  return row !== undefined;
}

export interface GutSessionRow {
  id: string;
  date: string;
  carbsGPerH: number;
  durationMin: number;
  comfort: number;
  note: string | null;
}

const gutCols = {
  id: gutTrainingSessions.id,
  date: gutTrainingSessions.sessionDate,
  carbsGPerH: gutTrainingSessions.carbsGPerH,
  durationMin: gutTrainingSessions.durationMin,
  comfort: gutTrainingSessions.comfort,
  note: gutTrainingSessions.note,
};

export function gutSessionsOf(db: Executor, userId: string): Promise<GutSessionRow[]> {
  return db
    .select(gutCols)
    .from(gutTrainingSessions)
    .where(eq(gutTrainingSessions.userId, userId))
    .orderBy(desc(gutTrainingSessions.sessionDate), desc(gutTrainingSessions.createdAt))
    .limit(LIST_LIMIT);
}

export async function insertGutSession(db: Executor, userId: string, r: Omit<GutSessionRow, 'id'>): Promise<GutSessionRow> {
  const { date, ...rest } = r;
  const [row] = await db
    .insert(gutTrainingSessions)
    .values({ userId, sessionDate: date, ...rest })
    .returning(gutCols);
  return row!;
}

export async function removeGutSession(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(gutTrainingSessions)
    .where(and(eq(gutTrainingSessions.userId, userId), eq(gutTrainingSessions.id, id)))
    .returning({ id: gutTrainingSessions.id });
  return rows.length > 0;
}
