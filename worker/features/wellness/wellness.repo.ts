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

/** One device summary to write: its rows replace whatever the same external id wrote before. */
export interface ExternalWrite {
  externalId: string;
  day: string;
  writes: readonly ReadingWrite[];
  /** Fills a (day, field) only where no other summary of the source gave it (Garmin's stress details under dailies). */
  fallback?: boolean;
}

/** Rows per insert statement (8 parameters each, well under Postgres' 65,535). */
const INSERT_CHUNK = 1000;

/**
 * Devices' summaries written by their ids, set-based: one delete of every row the ids wrote before (on any day: a
 * re-sent summary may move), then the rows inserted in chunks. A refined record (Garmin's TENTATIVE sleep made
 * FINAL) never duplicates. Within one batch a later summary wins a (day, field) an earlier one also gave, as
 * writing them one by one would. Returns the days touched.
 */
export async function replaceExternals(
  db: Executor,
  userId: string,
  source: WellnessSource,
  records: readonly ExternalWrite[],
  now: Date,
): Promise<string[]> {
  if (records.length === 0) return [];
  const ids = [...new Set(records.map((r) => r.externalId))];
  const gone = await db
    .delete(wellnessReadings)
    .where(and(eq(wellnessReadings.userId, userId), eq(wellnessReadings.source, source), inArray(wellnessReadings.externalId, ids)))
    .returning({ day: wellnessReadings.day });
  const rows = new Map<string, typeof wellnessReadings.$inferInsert>();
  const fallbacks = new Map<string, typeof wellnessReadings.$inferInsert>();
  for (const r of records)
    for (const w of r.writes)
      (r.fallback ? fallbacks : rows).set(`${r.day}|${w.field}`, {
        userId,
        day: r.day,
        source,
        field: w.field,
        value: w.value,
        textValue: w.textValue,
        externalId: r.externalId,
        updatedAt: now,
      });
  const values = [...rows.values()];
  for (let i = 0; i < values.length; i += INSERT_CHUNK)
    await db
      .insert(wellnessReadings)
      .values(values.slice(i, i + INSERT_CHUNK))
      .onConflictDoUpdate({
        target: [wellnessReadings.userId, wellnessReadings.day, wellnessReadings.source, wellnessReadings.field],
        set: { value: sql`excluded.value`, textValue: sql`excluded.text_value`, externalId: sql`excluded.external_id`, updatedAt: now },
      });
  // A fallback's own rows are gone: a row still in the way is another summary's, which it leaves alone.
  const extra = [...fallbacks.values()];
  for (let i = 0; i < extra.length; i += INSERT_CHUNK)
    await db
      .insert(wellnessReadings)
      .values(extra.slice(i, i + INSERT_CHUNK))
      .onConflictDoNothing();
  return [...new Set([...gone.map((g) => g.day as string), ...values.map((v) => v.day as string), ...extra.map((v) => v.day as string)])];
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

/** What a source's summaries wrote, by their external ids (an importer tells a re-sent file from a new one). */
export async function readingsByExternal(
  db: Executor,
  userId: string,
  source: WellnessSource,
  externalIds: readonly string[],
): Promise<(ReadingRow & { externalId: string })[]> {
  if (externalIds.length === 0) return [];
  const rows = await db
    .select({
      externalId: wellnessReadings.externalId,
      day: wellnessReadings.day,
      source: wellnessReadings.source,
      field: wellnessReadings.field,
      value: wellnessReadings.value,
      textValue: wellnessReadings.textValue,
    })
    .from(wellnessReadings)
    .where(
      and(eq(wellnessReadings.userId, userId), eq(wellnessReadings.source, source), inArray(wellnessReadings.externalId, [...externalIds])),
    );
  return rows as (ReadingRow & { externalId: string })[];
}
