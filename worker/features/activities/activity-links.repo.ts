import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { activities, activityUnlinks } from '../../db/schema';
import { activityColumns, type ActivityRow } from './activities.repo';
import { DEDUP_WINDOW_S, MAX_ACTIVITY_S, orderedPair, type SourceKey } from './dedup';

// Duplicate groups (ADR 013): the rows a write could match, their groups, the links between them and the athlete's splits.

/**
 * Rows of the athlete (any source) whose time could overlap [from, to], or start within the dedup
 * window of it. The start bound keeps it a range scan of (user_id, start_time); the end test is a
 * filter on the rows found.
 */
export function findOverlapping(db: Executor, userId: string, from: Date, to: Date): Promise<ActivityRow[]> {
  const earliest = new Date(from.getTime() - MAX_ACTIVITY_S * 1000);
  const latest = new Date(to.getTime() + DEDUP_WINDOW_S * 1000);
  const notBefore = new Date(from.getTime() - DEDUP_WINDOW_S * 1000);
  return db
    .select(activityColumns)
    .from(activities)
    .where(
      and(
        eq(activities.userId, userId),
        // A delete inside its undo window is no one's copy (ADR 064).
        isNull(activities.deletedAt),
        sql`${activities.startTime} between ${earliest} and ${latest}`,
        sql`${activities.startTime} + ${activities.elapsedTimeS} * interval '1 second' >= ${notBefore}`,
      ),
    );
}

/** Every member of the groups whose canonical rows are `canonicalIds` (the canonical rows included). */
export function findGroups(db: Executor, userId: string, canonicalIds: string[]): Promise<ActivityRow[]> {
  if (canonicalIds.length === 0) return Promise.resolve([]);
  return db
    .select(activityColumns)
    .from(activities)
    .where(and(eq(activities.userId, userId), or(inArray(activities.id, canonicalIds), inArray(activities.duplicateOf, canonicalIds))));
}

/** Writes a link plan: one statement per canonical row. */
export async function applyLinks(db: Executor, userId: string, updates: ReadonlyMap<string, string | null>): Promise<void> {
  const byTarget = new Map<string | null, string[]>();
  for (const [id, target] of updates) byTarget.set(target, [...(byTarget.get(target) ?? []), id]);
  for (const [target, ids] of byTarget)
    await db
      .update(activities)
      .set({ duplicateOf: target })
      .where(and(eq(activities.userId, userId), inArray(activities.id, ids)));
}

/** The pairs the athlete split ("these are different activities"). */
export function unlinks(db: Executor, userId: string) {
  return db
    .select({
      aSource: activityUnlinks.aSource,
      aExternalId: activityUnlinks.aExternalId,
      bSource: activityUnlinks.bSource,
      bExternalId: activityUnlinks.bExternalId,
    })
    .from(activityUnlinks)
    .where(eq(activityUnlinks.userId, userId));
}

export async function insertUnlinks(db: Executor, userId: string, pairs: [SourceKey, SourceKey][]): Promise<void> {
  if (pairs.length === 0) return;
  const values = pairs.map(([x, y]) => {
    const [a, b] = orderedPair(x, y);
    return { userId, aSource: a.source, aExternalId: a.externalId, bSource: b.source, bExternalId: b.externalId };
  });
  await db.insert(activityUnlinks).values(values).onConflictDoNothing();
}

/** Every row linked to one of `ids` (their duplicates), for regrouping. */
export function findLinkedTo(db: Executor, userId: string, ids: string[]): Promise<ActivityRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select(activityColumns)
    .from(activities)
    .where(and(eq(activities.userId, userId), inArray(activities.duplicateOf, ids)));
}

export async function setDuplicateOf(db: Executor, userId: string, ids: string[], canonicalId: string | null): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(activities)
    .set({ duplicateOf: canonicalId })
    .where(and(eq(activities.userId, userId), inArray(activities.id, ids)));
}

/** A copy changed identity (upgrade in place, ADR 037): the athlete's splits follow it to its new (source, external id). */
export async function rekeyUnlinks(db: Executor, userId: string, from: SourceKey, to: SourceKey): Promise<void> {
  const side = (s: 'a' | 'b') =>
    s === 'a'
      ? and(eq(activityUnlinks.aSource, from.source), eq(activityUnlinks.aExternalId, from.externalId))
      : and(eq(activityUnlinks.bSource, from.source), eq(activityUnlinks.bExternalId, from.externalId));
  const moved = await db
    .delete(activityUnlinks)
    .where(and(eq(activityUnlinks.userId, userId), or(side('a'), side('b'))))
    .returning();
  const same = (k: SourceKey) => k.source === from.source && k.externalId === from.externalId;
  await insertUnlinks(
    db,
    userId,
    moved.map((r) => {
      const a = { source: r.aSource, externalId: r.aExternalId };
      const b = { source: r.bSource, externalId: r.bExternalId };
      return [same(a) ? to : a, same(b) ? to : b];
    }),
  );
}
