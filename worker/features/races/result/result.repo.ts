// The only SQL of race results: the marked result of a race (or plan goal), the activities it may be, the prediction
// stored before the race day, and every result the athlete marked (for the past races and the prediction's errors).
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { activities, activityRaceResults, racePredictions, raceResults, races } from '../../../db/schema';
import type { PredictionKey } from '../races.repo';

export interface ResultRow {
  source: string;
  raceId: string | null;
  planId: string | null;
  activityId: string;
  activityName: string;
  activityDate: string;
  /** The activity's elapsed time, read live: the race clock. */
  finishS: number;
  carbsG: number | null;
  fluidL: number | null;
  note: string | null;
  markedAt: Date;
}

export interface CandidateRow {
  id: string;
  name: string;
  sport: string;
  localDate: string;
  distanceM: number;
  elapsedTimeS: number;
  /** The athlete marked it a race on the activity page (ADR 084). */
  markedRace: boolean;
}

const keyOf = (k: PredictionKey) => ('raceId' in k ? eq(raceResults.raceId, k.raceId) : eq(raceResults.planId, k.planId));
const live = (userId: string) => and(eq(activities.userId, userId), isNull(activities.deletedAt));
const resultCols = {
  source: sql<string>`${activities.source}::text`,
  raceId: raceResults.raceId,
  planId: raceResults.planId,
  activityId: raceResults.activityId,
  activityName: activities.name,
  activityDate: sql<string>`${activities.localStartDate}::text`,
  finishS: activities.elapsedTimeS,
  carbsG: raceResults.carbsG,
  fluidL: raceResults.fluidL,
  note: raceResults.note,
  markedAt: raceResults.markedAt,
};

/** The race's marked result; absent when none, or its activity is deleted (inside its undo window too). */
export async function resultOf(db: Executor, userId: string, key: PredictionKey): Promise<ResultRow | undefined> {
  const [row] = await db
    .select(resultCols)
    .from(raceResults)
    .innerJoin(activities, and(eq(activities.id, raceResults.activityId), live(userId)))
    .where(and(eq(raceResults.userId, userId), keyOf(key)));
  return row;
}

/** Every result the athlete marked, with a live activity. */
export function allResults(db: Executor, userId: string): Promise<ResultRow[]> {
  return db
    .select(resultCols)
    .from(raceResults)
    .innerJoin(activities, and(eq(activities.id, raceResults.activityId), live(userId)))
    .where(eq(raceResults.userId, userId));
}

export async function putResult(
  db: Executor,
  userId: string,
  key: PredictionKey,
  v: { activityId: string; carbsG: number | null; fluidL: number | null; note: string | null },
  now: Date,
): Promise<void> {
  const raceId = 'raceId' in key ? key.raceId : null;
  const planId = 'planId' in key ? key.planId : null;
  await db
    .insert(raceResults)
    .values({ userId, raceId, planId, ...v, markedAt: now })
    .onConflictDoUpdate({ target: raceId ? raceResults.raceId : raceResults.planId, set: { ...v, markedAt: now } });
}

export async function removeResult(db: Executor, userId: string, key: PredictionKey): Promise<boolean> {
  const rows = await db
    .delete(raceResults)
    .where(and(eq(raceResults.userId, userId), keyOf(key)))
    .returning({ id: raceResults.id });
  return rows.length > 0;
}

const candidateCols = {
  id: activities.id,
  name: activities.name,
  sport: sql<string>`${activities.sport}::text`,
  localDate: sql<string>`${activities.localStartDate}::text`,
  distanceM: activities.distanceM,
  elapsedTimeS: activities.elapsedTimeS,
  markedRace: sql<boolean>`${activityRaceResults.activityId} is not null`,
};

/** The athlete's live activity by id (any sport, any source); absent for anyone else's. */
export async function activityOf(db: Executor, userId: string, id: string): Promise<CandidateRow | undefined> {
  const [row] = await db
    .select(candidateCols)
    .from(activities)
    .leftJoin(activityRaceResults, eq(activityRaceResults.activityId, activities.id))
    .where(and(live(userId), eq(activities.id, id)));
  return row;
}

/** Runs between two local dates with a distance in [minM, maxM], one per effort (duplicates of another left out). */
export function runsBetween(db: Executor, userId: string, from: string, to: string, minM: number, maxM: number): Promise<CandidateRow[]> {
  return db
    .select(candidateCols)
    .from(activities)
    .leftJoin(activityRaceResults, eq(activityRaceResults.activityId, activities.id))
    .where(
      and(
        live(userId),
        isNull(activities.duplicateOf),
        eq(activities.sport, 'run'),
        sql`${activities.localStartDate} between ${from} and ${to}`,
        sql`${activities.distanceM} between ${minM} and ${maxM}`,
      ),
    )
    .orderBy(activities.startTime);
}

export interface PredictionBefore {
  madeAt: Date;
  state: string;
  lowS: number | null;
  midS: number | null;
  highS: number | null;
}

/** The newest prediction stored for the race before `before` (the race day's start in the athlete's zone). */
export async function predictionBefore(
  db: Executor,
  userId: string,
  key: PredictionKey,
  before: Date,
): Promise<PredictionBefore | undefined> {
  const [row] = await db
    .select({
      madeAt: racePredictions.madeAt,
      state: racePredictions.state,
      lowS: racePredictions.lowS,
      midS: racePredictions.midS,
      highS: racePredictions.highS,
    })
    .from(racePredictions)
    .where(
      and(
        eq(racePredictions.userId, userId),
        'raceId' in key ? eq(racePredictions.raceId, key.raceId) : eq(racePredictions.planId, key.planId),
        lt(racePredictions.madeAt, before),
      ),
    )
    .orderBy(desc(racePredictions.madeAt))
    .limit(1);
  return row;
}

/** The athlete's own races dated before `today`, newest first. */
export function pastRaces(db: Executor, userId: string, today: string, limit: number) {
  return db
    .select({ id: races.id, name: races.name, distanceM: races.distanceM, raceDate: sql<string>`${races.raceDate}::text` })
    .from(races)
    .where(and(eq(races.userId, userId), lt(races.raceDate, today)))
    .orderBy(desc(races.raceDate))
    .limit(limit);
}
