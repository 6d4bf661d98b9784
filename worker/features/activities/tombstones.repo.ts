// Tombstones of deleted activities (ADR 068): the provider and its id, so a re-delivery after the purge is skipped.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { activityTombstones } from '../../db/schema';
import type { ActivitySource } from './activity.types';

export interface TombstoneKey {
  source: ActivitySource;
  externalId: string;
}

/**
 * The providers that deliver activities by themselves (a sync, a webhook, a live door) and so could bring a deleted
 * one back; an upload is the athlete's own act, so it is never kept out.
 */
export const REDELIVERING = ['strava', 'garmin_api', 'polar_api'] as const satisfies readonly ActivitySource[];
const redelivers = (s: ActivitySource) => (REDELIVERING as readonly ActivitySource[]).includes(s);

/**
 * The keys a provider would re-deliver these purged rows under: their own, or the Strava id a Strava archive row or
 * an upgraded original stands for (ADR 037), so Strava's API copy does not come back in their place.
 */
export function keysOf(rows: { source: ActivitySource; externalId: string; stravaId: string | null }[]): TombstoneKey[] {
  const keys = new Map<string, TombstoneKey>();
  for (const r of rows) {
    if (redelivers(r.source)) keys.set(`${r.source}|${r.externalId}`, { source: r.source, externalId: r.externalId });
    if (r.stravaId) keys.set(`strava|${r.stravaId}`, { source: 'strava', externalId: r.stravaId });
  }
  return [...keys.values()];
}

export async function bury(db: Executor, userId: string, keys: TombstoneKey[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .insert(activityTombstones)
    .values(keys.map((k) => ({ userId, source: k.source, externalId: k.externalId })))
    .onConflictDoNothing();
}

/** Of these keys, those with a tombstone; each one counted as skipped now (the sync's report reads the count). */
export async function skipBuried(db: Executor, userId: string, keys: TombstoneKey[]): Promise<Set<string>> {
  const candidates = keys.filter((k) => redelivers(k.source)).map((k) => ({ source: k.source, externalId: k.externalId }));
  if (candidates.length === 0) return new Set();
  const { rows } = await db.execute(sql`
    update ${activityTombstones} t set skipped_count = t.skipped_count + 1, last_skipped_at = now()
    from jsonb_to_recordset(${JSON.stringify(candidates)}::jsonb) as k(source text, "externalId" text)
    where t.user_id = ${userId} and t.source::text = k.source and t.external_id = k."externalId"
    returning t.source::text as source, t.external_id as "externalId"`);
  return new Set((rows as unknown as TombstoneKey[]).map(tombKey));
}

export const tombKey = (k: TombstoneKey) => `${k.source}|${k.externalId}`;

export function list(db: Executor, userId: string) {
  return db
    .select({
      source: activityTombstones.source,
      externalId: activityTombstones.externalId,
      deletedAt: activityTombstones.deletedAt,
      skippedCount: activityTombstones.skippedCount,
      lastSkippedAt: activityTombstones.lastSkippedAt,
    })
    .from(activityTombstones)
    .where(eq(activityTombstones.userId, userId))
    .orderBy(desc(activityTombstones.deletedAt), activityTombstones.externalId)
    .limit(500);
}

/** Tombstones whose re-delivery was skipped since `since` (a sync's start), per source. */
export async function skippedSince(db: Executor, userId: string, since: Date): Promise<Map<ActivitySource, number>> {
  const rows = await db
    .select({ source: activityTombstones.source, n: sql<number>`count(*)::int` })
    .from(activityTombstones)
    .where(and(eq(activityTombstones.userId, userId), sql`${activityTombstones.lastSkippedAt} >= ${since}`))
    .groupBy(activityTombstones.source);
  return new Map(rows.map((r) => [r.source, r.n]));
}

/** Lets the provider deliver this activity again; false when there was no such tombstone. */
export async function unbury(db: Executor, userId: string, key: TombstoneKey): Promise<boolean> {
  const gone = await db
    .delete(activityTombstones)
    .where(
      and(
        eq(activityTombstones.userId, userId),
        eq(activityTombstones.source, key.source),
        eq(activityTombstones.externalId, key.externalId),
      ),
    )
    .returning({ id: activityTombstones.externalId });
  return gone.length > 0;
}
