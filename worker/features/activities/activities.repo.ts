// The only SQL for activity rows and their streams: writes, and the lookups ingest and dedup make; the canonical
// list, count and latest (duplicates left out) are in activities-canonical.repo.ts.
import { and, eq, getTableColumns, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { activities, activityStreams } from '../../db/schema';
import { type ActivityInput, type ActivitySource, type ActivityStreams, sourceKey } from './activity.types';

export const activityColumns = {
  id: activities.id,
  source: activities.source,
  externalId: activities.externalId,
  sport: activities.sport,
  sportOriginal: activities.sportOriginal,
  name: activities.name,
  startTime: activities.startTime,
  timezone: activities.timezone,
  localStartDate: activities.localStartDate,
  movingTimeS: activities.movingTimeS,
  elapsedTimeS: activities.elapsedTimeS,
  distanceM: activities.distanceM,
  elevationGainM: activities.elevationGainM,
  avgHr: activities.avgHr,
  maxHr: activities.maxHr,
  avgPower: activities.avgPower,
  detailComplete: activities.detailComplete,
  duplicateOf: activities.duplicateOf,
  dataQuality: activities.dataQuality,
  sportInferred: activities.sportInferred,
  multisportGroup: activities.multisportGroup,
  extras: activities.extras,
  cacheReducedAt: activities.cacheReducedAt,
  tags: activities.tags,
  hidden: activities.hidden,
  createdAt: activities.createdAt,
};

// Derived from the selected columns, so the row type cannot drift from the query.
export type ActivityRow = { [K in keyof typeof activityColumns]: (typeof activities.$inferSelect)[K] };

const conflictTarget = [activities.userId, activities.source, activities.externalId];
// Identical content writes nothing, and a summary never overwrites a row that already has details.
const changedOnly = sql`${activities.contentHash} <> excluded.content_hash and not (${activities.detailComplete} and not excluded.detail_complete)`;

function rowValues(userId: string, input: ActivityInput, contentHash: string) {
  return {
    userId,
    source: input.source,
    externalId: input.externalId,
    sport: input.sport,
    sportOriginal: input.sportOriginal,
    name: input.name,
    startTime: input.startTime,
    localStartDate: input.localStartDate,
    timezone: input.timezone ?? null,
    movingTimeS: Math.round(input.movingTimeS),
    elapsedTimeS: Math.round(input.elapsedTimeS),
    distanceM: input.distanceM,
    elevationGainM: input.elevationGainM ?? null,
    avgHr: input.avgHr ?? null,
    maxHr: input.maxHr ?? null,
    avgPower: input.avgPower ?? null,
    normalizedPower: input.normalizedPower ?? null,
    avgCadence: input.avgCadence ?? null,
    calories: input.calories ?? null,
    isPrivate: input.isPrivate ?? false,
    detailComplete: input.detailComplete,
    laps: input.laps ?? [],
    bestEfforts: input.bestEfforts ?? [],
    dataQuality: input.dataQuality ?? [],
    sportInferred: input.sportInferred ?? false,
    multisportGroup: input.multisportGroup ?? null,
    extras: input.extras ?? {},
    contentHash,
    // A fresh write (a re-fetch, an upgrade) is whole again: the cache window starts over (ADR 036).
    cacheReducedAt: null,
  };
}

// A row that replaced a Strava copy keeps saying so when its file is written again (ADR 037).
const keepUpgradedFrom = sql`excluded.extras || jsonb_strip_nulls(jsonb_build_object('upgradedFrom', ${activities.extras}->'upgradedFrom'))`;

/** Serialises writes to one athlete's activities (dedup linking reads then writes). */
export async function lockUser(db: Executor, userId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${userId}, 42))`);
}

/** Inserts or updates by (user, source, externalId). */
export async function upsert(
  db: Executor,
  userId: string,
  input: ActivityInput,
  contentHash: string,
): Promise<{ id: string; created: boolean; changed: boolean; detailComplete: boolean }> {
  const values = rowValues(userId, input, contentHash);
  const { userId: _u, source: _s, externalId: _e, ...updatable } = values;
  const [row] = await db
    .insert(activities)
    .values(values)
    .onConflictDoUpdate({
      target: conflictTarget,
      set: { ...updatable, extras: keepUpgradedFrom, updatedAt: sql`now()` },
      setWhere: changedOnly,
    })
    .returning({ id: activities.id, created: sql<boolean>`(xmax = 0)`, detailComplete: activities.detailComplete });
  if (row) return { id: row.id, created: row.created, changed: true, detailComplete: row.detailComplete };
  const [existing] = await db
    .select({ id: activities.id, detailComplete: activities.detailComplete })
    .from(activities)
    .where(and(eq(activities.userId, userId), eq(activities.source, input.source), eq(activities.externalId, input.externalId)));
  if (!existing) throw new Error('activity upsert found no row');
  return { id: existing.id, created: false, changed: false, detailComplete: existing.detailComplete };
}

/** The same rules for many rows in one statement (file imports). Returns the rows that were written. */
export async function upsertMany(
  db: Executor,
  userId: string,
  inputs: { input: ActivityInput; contentHash: string }[],
): Promise<{ id: string; externalId: string; created: boolean }[]> {
  if (inputs.length === 0) return [];
  const values = inputs.map((x) => rowValues(userId, x.input, x.contentHash));
  const columns = getTableColumns(activities);
  const set = Object.fromEntries(
    Object.keys(values[0]!)
      .filter((k) => !['userId', 'source', 'externalId'].includes(k))
      .map((k) => [k, sql.raw(`excluded.${columns[k as keyof typeof columns].name}`)]),
  );
  return db
    .insert(activities)
    .values(values)
    .onConflictDoUpdate({ target: conflictTarget, set: { ...set, extras: keepUpgradedFrom, updatedAt: sql`now()` }, setWhere: changedOnly })
    .returning({ id: activities.id, externalId: activities.externalId, created: sql<boolean>`(xmax = 0)` });
}

/**
 * Upgrade in place (ADR 037): the row takes the input's source, identity and content, keeps its id
 * (and so its links, notes and plan matches), and records the Strava copy it was.
 */
export async function replaceInPlace(
  db: Executor,
  userId: string,
  id: string,
  input: ActivityInput,
  contentHash: string,
  upgradedFrom: { source: 'strava'; externalId: string },
): Promise<void> {
  const { userId: _u, isPrivate, ...values } = rowValues(userId, input, contentHash);
  await db
    .update(activities)
    // A file that does not say whether the activity is private leaves the Strava copy's flag as it was.
    .set({
      ...values,
      ...(input.isPrivate === undefined ? {} : { isPrivate }),
      extras: { ...values.extras, upgradedFrom },
      updatedAt: sql`now()`,
    })
    .where(and(eq(activities.userId, userId), eq(activities.id, id)));
}

export async function deleteStreams(db: Executor, activityId: string): Promise<void> {
  await db.delete(activityStreams).where(eq(activityStreams.activityId, activityId));
}

/** The athlete's Strava API rows with these ids, or starting in [from, to] (the candidates a batch could replace). */
export function stravaCopies(db: Executor, userId: string, ids: string[], span?: { from: Date; to: Date }): Promise<ActivityRow[]> {
  if (ids.length === 0 && !span) return Promise.resolve([]);
  return db
    .select(activityColumns)
    .from(activities)
    .where(
      and(
        eq(activities.userId, userId),
        eq(activities.source, 'strava'),
        or(
          ids.length ? inArray(activities.externalId, ids) : undefined,
          span ? sql`${activities.startTime} between ${span.from} and ${span.to}` : undefined,
        ),
      ),
    );
}

/** Of these (source, externalId) keys, the ones already stored. */
export async function storedKeys(
  db: Executor,
  userId: string,
  keys: { source: ActivitySource; externalId: string }[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const { rows } = await db.execute(sql`
    select a.source::text as source, a.external_id as "externalId" from activities a
    join unnest(${sql.param(keys.map((k) => k.source))}::text[], ${sql.param(keys.map((k) => k.externalId))}::text[]) as k(source, external_id)
      on a.source::text = k.source and a.external_id = k.external_id
    where a.user_id = ${userId}`);
  return new Set((rows as { source: ActivitySource; externalId: string }[]).map((r) => sourceKey(r.source, r.externalId)));
}

/**
 * Strava ids (of these) whose activity the athlete's own file has replaced: their archive row, or a
 * row upgraded in place. The API never adds those again.
 */
export async function replacedStravaIds(
  db: Executor,
  userId: string,
  ids: string[],
): Promise<Map<string, { id: string; detailComplete: boolean }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute(sql`
    select id, detail_complete as "detailComplete", coalesce(extras->'upgradedFrom'->>'externalId', external_id) as "stravaId"
    from activities
    where user_id = ${userId}
      and ((source = 'strava_archive' and external_id = any(${sql.param(ids)}::text[]))
        or extras->'upgradedFrom'->>'externalId' = any(${sql.param(ids)}::text[]))`);
  return new Map((rows as { id: string; detailComplete: boolean; stravaId: string }[]).map((r) => [r.stravaId, r]));
}

export function findByIdsList(db: Executor, userId: string, ids: string[]): Promise<ActivityRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select(activityColumns)
    .from(activities)
    .where(and(eq(activities.userId, userId), inArray(activities.id, ids)));
}

export async function upsertStreams(db: Executor, activityId: string, streams: ActivityStreams): Promise<void> {
  await db
    .insert(activityStreams)
    .values({ activityId, streams })
    .onConflictDoUpdate({ target: activityStreams.activityId, set: { streams } });
}

export function findById(db: Executor, userId: string, id: string): Promise<ActivityRow | undefined> {
  return db
    .select(activityColumns)
    .from(activities)
    .where(and(eq(activities.userId, userId), eq(activities.id, id)))
    .then((r) => r[0]);
}

/** The activity unless it was deleted: one inside its undo window is gone to every reader but Undo (issue 55). */
export function findLiveById(db: Executor, userId: string, id: string): Promise<ActivityRow | undefined> {
  return db
    .select(activityColumns)
    .from(activities)
    .where(and(eq(activities.userId, userId), eq(activities.id, id), isNull(activities.deletedAt)))
    .then((r) => r[0]);
}

export function deleteWhere(
  db: Executor,
  userId: string,
  source: ActivitySource,
  externalId?: string,
): Promise<{ id: string; day: string }[]> {
  return db
    .delete(activities)
    .where(
      and(eq(activities.userId, userId), eq(activities.source, source), externalId ? eq(activities.externalId, externalId) : undefined),
    )
    .returning({ id: activities.id, day: activities.localStartDate });
}

/** Which of these source ids are stored without their detail (laps, streams) yet. */
export async function withoutDetail(db: Executor, userId: string, source: ActivitySource, externalIds: string[]): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const rows = await db
    .select({ externalId: activities.externalId })
    .from(activities)
    .where(
      and(
        eq(activities.userId, userId),
        eq(activities.source, source),
        inArray(activities.externalId, externalIds),
        eq(activities.detailComplete, false),
      ),
    );
  return rows.map((r) => r.externalId);
}

/** Local dates the given source rows have now (an update may move a row to another day). */
export async function daysOf(db: Executor, userId: string, source: ActivitySource, externalIds: string[]): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ day: activities.localStartDate })
    .from(activities)
    .where(and(eq(activities.userId, userId), eq(activities.source, source), inArray(activities.externalId, externalIds)));
  return rows.map((r) => r.day);
}
