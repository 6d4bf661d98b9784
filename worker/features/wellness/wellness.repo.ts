// SQL for the athlete's wellness readings: one row per (day, source, field).
import { and, asc, between, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { wellnessReadings } from '../../db/schema';
import type { FieldKey, WellnessSource } from './wellness.fields';

export interface ReadingRow {
  day: string;
  source: WellnessSource;
  field: FieldKey;
  value: number | null;
  textValue: string | null;
}

export interface ReadingWrite {
  field: FieldKey;
  value: number | null;
  textValue: string | null;
}

/** Writes one source's readings of a day (insert or replace) and removes the fields it clears. */
export async function putDay(
  db: Executor,
  userId: string,
  day: string,
  source: WellnessSource,
  writes: readonly ReadingWrite[],
  clears: readonly FieldKey[],
  now: Date,
): Promise<void> {
  if (clears.length > 0)
    await db
      .delete(wellnessReadings)
      .where(
        and(
          eq(wellnessReadings.userId, userId),
          eq(wellnessReadings.day, day),
          eq(wellnessReadings.source, source),
          inArray(wellnessReadings.field, [...clears]),
        ),
      );
  if (writes.length > 0)
    await db
      .insert(wellnessReadings)
      .values(writes.map((w) => ({ userId, day, source, field: w.field, value: w.value, textValue: w.textValue, updatedAt: now })))
      .onConflictDoUpdate({
        target: [wellnessReadings.userId, wellnessReadings.day, wellnessReadings.source, wellnessReadings.field],
        set: { value: sql`excluded.value`, textValue: sql`excluded.text_value`, updatedAt: now },
      });
}

/**
 * A device's summary written by its id: the rows it wrote before (on any day: a re-sent summary may move) are
 * replaced, so a refined record (Garmin's TENTATIVE sleep made FINAL) never duplicates. Returns the days touched.
 */
export async function replaceExternal(
  db: Executor,
  userId: string,
  source: WellnessSource,
  externalId: string,
  day: string,
  writes: readonly ReadingWrite[],
  now: Date,
  fallback = false,
): Promise<string[]> {
  const gone = await db
    .delete(wellnessReadings)
    .where(and(eq(wellnessReadings.userId, userId), eq(wellnessReadings.source, source), eq(wellnessReadings.externalId, externalId)))
    .returning({ day: wellnessReadings.day });
  if (writes.length > 0) {
    const insert = db
      .insert(wellnessReadings)
      .values(
        writes.map((w) => ({ userId, day, source, field: w.field, value: w.value, textValue: w.textValue, externalId, updatedAt: now })),
      );
    // Its own rows are gone: a row still in the way is another summary's, which a fallback leaves alone.
    if (fallback) await insert.onConflictDoNothing();
    else
      await insert.onConflictDoUpdate({
        target: [wellnessReadings.userId, wellnessReadings.day, wellnessReadings.source, wellnessReadings.field],
        set: { value: sql`excluded.value`, textValue: sql`excluded.text_value`, externalId, updatedAt: now },
      });
  }
  return [...new Set([...gone.map((g) => g.day as string), ...(writes.length > 0 ? [day] : [])])];
}

/** Removes every reading of one source for the athlete; returns the days that had any. */
export async function removeSource(db: Executor, userId: string, source: WellnessSource): Promise<string[]> {
  const gone = await db
    .delete(wellnessReadings)
    .where(and(eq(wellnessReadings.userId, userId), eq(wellnessReadings.source, source)))
    .returning({ day: wellnessReadings.day });
  return [...new Set(gone.map((g) => g.day as string))].sort();
}

/** Every reading of the days from..to, oldest first. */
export async function readingsBetween(db: Executor, userId: string, from: string, to: string): Promise<ReadingRow[]> {
  const rows = await db
    .select({
      day: wellnessReadings.day,
      source: wellnessReadings.source,
      field: wellnessReadings.field,
      value: wellnessReadings.value,
      textValue: wellnessReadings.textValue,
    })
    .from(wellnessReadings)
    .where(and(eq(wellnessReadings.userId, userId), between(wellnessReadings.day, from, to)))
    .orderBy(asc(wellnessReadings.day));
  return rows as ReadingRow[];
}

/** One field's readings from every source over from..to (the readiness and the engine read series). */
export async function fieldSeries(db: Executor, userId: string, field: FieldKey, from: string, to: string): Promise<ReadingRow[]> {
  const rows = await db
    .select({
      day: wellnessReadings.day,
      source: wellnessReadings.source,
      field: wellnessReadings.field,
      value: wellnessReadings.value,
      textValue: wellnessReadings.textValue,
    })
    .from(wellnessReadings)
    .where(and(eq(wellnessReadings.userId, userId), eq(wellnessReadings.field, field), between(wellnessReadings.day, from, to)))
    .orderBy(asc(wellnessReadings.day));
  return rows as ReadingRow[];
}
