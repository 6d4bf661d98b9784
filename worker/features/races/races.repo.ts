// The only SQL on races and their stored predictions: the athlete's races, and the newest prediction of one.
import { and, asc, desc, eq, gte } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { racePredictions, races } from '../../db/schema';

export interface RaceRow {
  id: string;
  name: string;
  distanceM: number;
  raceDate: string;
  /** 'run' | 'triathlon'; a triathlon's format, else null (migration 0065). */
  sport: string;
  format: string | null;
}

const cols = {
  id: races.id,
  name: races.name,
  distanceM: races.distanceM,
  raceDate: races.raceDate,
  sport: races.sport,
  format: races.format,
};
const mine = (userId: string, id: string) => and(eq(races.userId, userId), eq(races.id, id));

/** The athlete's races on `from` or later, soonest first. */
export function upcoming(db: Executor, userId: string, from: string): Promise<RaceRow[]> {
  return db
    .select(cols)
    .from(races)
    .where(and(eq(races.userId, userId), gte(races.raceDate, from)))
    .orderBy(asc(races.raceDate), asc(races.createdAt));
}

export async function byId(db: Executor, userId: string, id: string): Promise<RaceRow | undefined> {
  const [row] = await db.select(cols).from(races).where(mine(userId, id));
  return row;
}

export async function insert(db: Executor, userId: string, r: Omit<RaceRow, 'id'>): Promise<RaceRow> {
  const [row] = await db
    .insert(races)
    .values({ userId, ...r })
    .returning(cols);
  return row!;
}

export async function update(
  db: Executor,
  userId: string,
  id: string,
  patch: Partial<Pick<RaceRow, 'name' | 'distanceM' | 'raceDate'>>,
  now: Date,
) {
  const [row] = await db
    .update(races)
    .set({ ...patch, updatedAt: now })
    .where(mine(userId, id))
    .returning(cols);
  return row;
}

/** Deletes the race and, by cascade, its stored predictions; false when it is not the athlete's. */
export async function remove(db: Executor, userId: string, id: string): Promise<boolean> {
  const rows = await db.delete(races).where(mine(userId, id)).returning({ id: races.id });
  return rows.length > 0;
}

/** Which race a prediction is for: the athlete's own (`raceId`) or the active plan's goal (`planId`). */
export type PredictionKey = { raceId: string } | { planId: string };

export interface StoredPrediction {
  madeAt: Date;
  answer: unknown;
  answerHash: string;
  engineVersion: number;
}

const keyOf = (k: PredictionKey) => ('raceId' in k ? eq(racePredictions.raceId, k.raceId) : eq(racePredictions.planId, k.planId));

export async function latestPrediction(db: Executor, userId: string, key: PredictionKey): Promise<StoredPrediction | undefined> {
  const [row] = await db
    .select({
      madeAt: racePredictions.madeAt,
      answer: racePredictions.answer,
      answerHash: racePredictions.answerHash,
      engineVersion: racePredictions.engineVersion,
    })
    .from(racePredictions)
    .where(and(eq(racePredictions.userId, userId), keyOf(key)))
    .orderBy(desc(racePredictions.madeAt))
    .limit(1);
  return row;
}

export async function insertPrediction(
  db: Executor,
  userId: string,
  key: PredictionKey,
  p: {
    madeAt: Date;
    state: string;
    range: { low: number; mid: number; high: number } | null;
    answer: unknown;
    answerHash: string;
    engineVersion: number;
  },
): Promise<void> {
  await db.insert(racePredictions).values({
    userId,
    raceId: 'raceId' in key ? key.raceId : null,
    planId: 'planId' in key ? key.planId : null,
    madeAt: p.madeAt,
    state: p.state,
    lowS: p.range?.low ?? null,
    midS: p.range?.mid ?? null,
    highS: p.range?.high ?? null,
    answer: p.answer,
    answerHash: p.answerHash,
    engineVersion: p.engineVersion,
  });
}
