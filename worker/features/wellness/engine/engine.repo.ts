// SQL for the N=1 engine's state (wellness_engine_state, one row per athlete) and the readings it gathers.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { wellnessEngineState, wellnessReadings } from '../../../db/schema';
import { decodeTraining, decodeWellness, encodeTraining, encodeWellness, type StoredTraining, type StoredWellness } from './engine-codec';
import type { EngineData } from './engine-data';
import type { EngineResult } from './pass.calc';

export interface EngineState {
  version: number;
  engineVersion: number;
  analyticsVersion: number;
  data: EngineData;
  result: EngineResult;
  computedAt: Date;
}

type StoredTrainingRow = StoredTraining & { from: string; to: string };

export async function loadState(db: Executor, userId: string): Promise<EngineState | null> {
  const [row] = await db
    .select({
      version: wellnessEngineState.version,
      engineVersion: wellnessEngineState.engineVersion,
      analyticsVersion: wellnessEngineState.analyticsVersion,
      training: wellnessEngineState.training,
      wellness: wellnessEngineState.wellness,
      result: wellnessEngineState.result,
      computedAt: wellnessEngineState.computedAt,
    })
    .from(wellnessEngineState)
    .where(eq(wellnessEngineState.userId, userId));
  if (!row) return null;
  let data: EngineData;
  let engineVersion = row.engineVersion;
  try {
    const t = row.training as StoredTrainingRow;
    data = { from: t.from, to: t.to, wellness: decodeWellness(row.wellness as StoredWellness, t.from), ...decodeTraining(t, t.from) };
  } catch {
    // A stored form this code cannot read (another engine version's): version 0 makes the next read recompute it.
    engineVersion = 0;
    data = { from: '', to: '', wellness: {}, load: {}, tsb: {}, firstTrainingDay: null, activities: [], efforts: [] };
  }
  return {
    version: row.version,
    engineVersion,
    analyticsVersion: row.analyticsVersion,
    data,
    result: row.result as EngineResult,
    computedAt: row.computedAt,
  };
}

/**
 * Saves the state if nobody saved since `expected` was read (null: there was none); returns whether it did. The
 * version check serializes the athlete's writers: a loser re-reads and patches again. `wellnessOnly`: a check-in's
 * patch, which leaves the stored training as it is.
 */
export async function saveState(
  db: Executor,
  userId: string,
  expected: number | null,
  s: Omit<EngineState, 'version'>,
  wellnessOnly = false,
): Promise<boolean> {
  const wellness = encodeWellness(s.data);
  const base = {
    engineVersion: s.engineVersion,
    analyticsVersion: s.analyticsVersion,
    wellness,
    result: s.result,
    computedAt: s.computedAt,
  };
  const training = (): StoredTrainingRow => ({ from: s.data.from, to: s.data.to, ...encodeTraining(s.data) });
  if (expected === null) {
    const rows = await db
      .insert(wellnessEngineState)
      .values({ userId, version: 1, ...base, training: training() })
      .onConflictDoNothing()
      .returning({ v: wellnessEngineState.version });
    return rows.length > 0;
  }
  const rows = await db
    .update(wellnessEngineState)
    .set({ ...base, ...(wellnessOnly ? {} : { training: training() }), version: sql`${wellnessEngineState.version} + 1` })
    .where(and(eq(wellnessEngineState.userId, userId), eq(wellnessEngineState.version, expected)))
    .returning({ v: wellnessEngineState.version });
  return rows.length > 0;
}

/** Numeric readings of from..to from the given sources (text fields are not the engine's). */
export async function numericReadings(db: Executor, userId: string, sources: readonly string[], from: string, to: string) {
  const rows = await db
    .select({ day: wellnessReadings.day, source: wellnessReadings.source, field: wellnessReadings.field, value: wellnessReadings.value })
    .from(wellnessReadings)
    .where(
      and(
        eq(wellnessReadings.userId, userId),
        inArray(wellnessReadings.source, [...sources]),
        sql`${wellnessReadings.day} between ${from} and ${to}`,
        sql`${wellnessReadings.value} is not null`,
      ),
    );
  return rows as { day: string; source: string; field: string; value: number }[];
}
