// The activities list's SQL (ADR 064): search, filters, sort by any column and offset paging over the
// athlete's canonical rows (an athlete has thousands, not millions: the (user_id, start_time) index narrows
// to them, the sort is in memory), and the bulk edits with the state Undo puts back.
import { and, eq, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { activities, activityBulkEdits, activityMetrics, activityNotes } from '../../db/schema';
import type { BulkEditBefore } from '../../db/schema/activities';
import type { ActivitySource, SortKey, Sport } from './activity.types';

export interface ListFilter {
  q?: string;
  sports?: Sport[];
  from?: string;
  to?: string;
  sources?: ActivitySource[];
  device?: string;
  tags?: string[];
  hidden: 'exclude' | 'only' | 'include';
  sort: SortKey;
  dir: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export interface ListedActivity {
  id: string;
  source: ActivitySource;
  sport: Sport;
  name: string;
  startTime: Date;
  localStartDate: string;
  movingTimeS: number;
  elapsedTimeS: number;
  distanceM: number;
  elevationGainM: number | null;
  avgHr: number | null;
  avgPower: number | null;
  load: number | null;
  intensity: number | null;
  device: string | null;
  tags: string[];
  hidden: boolean;
}

const SORT_SQL: Record<SortKey, SQL> = {
  date: sql`a.start_time`,
  name: sql`lower(a.name)`,
  distance: sql`a.distance_m`,
  time: sql`a.moving_time_s`,
  load: sql`m.load`,
  if: sql`m.intensity`,
  hr: sql`a.avg_hr`,
  power: sql`a.avg_power`,
  elevation: sql`a.elevation_gain_m`,
};

const contains = (s: string) => `%${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** One page of the athlete's activities from `allowed` sources (the data policy's), and how many match. */
export async function searchCanonical(
  db: Executor,
  userId: string,
  allowed: ActivitySource[],
  f: ListFilter,
): Promise<{ rows: ListedActivity[]; total: number }> {
  const where: SQL[] = [
    sql`a.user_id = ${userId}`,
    sql`a.duplicate_of is null`,
    sql`a.deleted_at is null`,
    sql`a.source::text = any(${sql.param(allowed)}::text[])`,
  ];
  if (f.q) {
    const like = contains(f.q);
    where.push(sql`(a.name ilike ${like} or a.extras->>'description' ilike ${like}
      or exists (select 1 from ${activityNotes} n where n.activity_id = a.id and n.user_id = ${userId} and n.note ilike ${like}))`);
  }
  if (f.sports?.length) where.push(sql`a.sport::text = any(${sql.param(f.sports)}::text[])`);
  if (f.sources?.length) where.push(sql`a.source::text = any(${sql.param(f.sources)}::text[])`);
  if (f.from) where.push(sql`a.local_start_date >= ${f.from}`);
  if (f.to) where.push(sql`a.local_start_date <= ${f.to}`);
  if (f.device) where.push(sql`a.extras->>'device' = ${f.device}`);
  if (f.tags?.length) where.push(sql`a.tags @> ${sql.param(f.tags)}::text[]`);
  if (f.hidden !== 'include') where.push(f.hidden === 'only' ? sql`a.hidden` : sql`not a.hidden`);
  const dir = f.dir === 'asc' ? sql`asc` : sql`desc`;
  const { rows } = await db.execute(sql`
    select a.id, a.source, a.sport, a.name, a.start_time as "startTime", a.local_start_date::text as "localStartDate",
      a.moving_time_s as "movingTimeS", a.elapsed_time_s as "elapsedTimeS", a.distance_m as "distanceM",
      a.elevation_gain_m as "elevationGainM", a.avg_hr as "avgHr", a.avg_power as "avgPower", m.load, m.intensity,
      a.extras->>'device' as device, a.tags, a.hidden, count(*) over ()::int as total
    from ${activities} a left join ${activityMetrics} m on m.activity_id = a.id
    where ${sql.join(where, sql` and `)}
    order by ${SORT_SQL[f.sort]} ${dir} nulls last, a.start_time desc, a.id
    limit ${f.limit} offset ${f.offset}`);
  const list = rows as (Omit<ListedActivity, 'startTime'> & { startTime: string | Date; total: number })[];
  // Past the last page the window count has no row to ride on: count separately.
  const total = list[0]?.total ?? (f.offset > 0 ? await countMatching(db, where) : 0);
  return { rows: list.map(({ total: _t, ...r }) => ({ ...r, startTime: new Date(r.startTime) })), total };
}

async function countMatching(db: Executor, where: SQL[]): Promise<number> {
  const { rows } = await db.execute(sql`select count(*)::int as n from ${activities} a where ${sql.join(where, sql` and `)}`);
  return (rows[0] as { n: number } | undefined)?.n ?? 0;
}

/** The devices and tags the athlete's activities carry, for the list's filter choices. */
export async function facets(db: Executor, userId: string): Promise<{ devices: string[]; tags: string[] }> {
  const { rows } = await db.execute(sql`
    select
      coalesce((select array_agg(distinct extras->>'device' order by extras->>'device') from ${activities}
        where user_id = ${userId} and deleted_at is null and extras->>'device' is not null), '{}') as devices,
      coalesce((select array_agg(distinct t order by t) from ${activities}, unnest(tags) t
        where user_id = ${userId} and deleted_at is null), '{}') as tags`);
  const r = rows[0] as { devices: string[]; tags: string[] } | undefined;
  return { devices: r?.devices ?? [], tags: r?.tags ?? [] };
}

/**
 * The editable state of these canonical rows and of the copies linked to them (a bulk edit acts on the
 * effort, every recording of it). Rows deleted already, duplicates asked for directly, or another
 * athlete's ids are left out: the caller compares counts.
 */
export async function editableGroup(
  db: Executor,
  userId: string,
  ids: string[],
  allowed: ActivitySource[],
): Promise<{ found: string[]; rows: (BulkEditBefore & { day: string })[] }> {
  const { rows } = await db.execute(sql`
    with picked as (
      select id from ${activities}
      where user_id = ${userId} and id = any(${sql.param(ids)}::uuid[]) and duplicate_of is null and deleted_at is null
        and source::text = any(${sql.param(allowed)}::text[])
    )
    select a.id, a.sport, a.sport_inferred as "sportInferred", a.tags, a.hidden, a.deleted_at as "deletedAt",
      a.duplicate_of as "duplicateOf", a.local_start_date::text as day, a.id in (select id from picked) as picked
    from ${activities} a
    where a.user_id = ${userId} and (a.id in (select id from picked) or a.duplicate_of in (select id from picked))`);
  const list = rows as unknown as (Omit<BulkEditBefore, 'deletedAt'> & { day: string; picked: boolean; deletedAt: string | Date | null })[];
  return {
    found: list.filter((r) => r.picked).map((r) => r.id),
    rows: list.map(({ picked: _p, ...r }) => ({ ...r, deletedAt: r.deletedAt === null ? null : new Date(r.deletedAt).toISOString() })),
  };
}

export type BulkChange =
  | { kind: 'sport'; sport: Sport }
  | { kind: 'addTags'; tags: string[] }
  | { kind: 'removeTags'; tags: string[] }
  | { kind: 'hide' }
  | { kind: 'unhide' }
  | { kind: 'delete' };

/** Applies one change to these rows (all the athlete's, checked by the caller). */
export async function applyChange(db: Executor, userId: string, ids: string[], change: BulkChange): Promise<void> {
  const set: SQL = {
    sport: sql`sport = ${change.kind === 'sport' ? change.sport : null}, sport_inferred = false`,
    addTags: sql`tags = array(select distinct t from unnest(tags || ${sql.param(change.kind === 'addTags' ? change.tags : [])}::text[]) t order by t)`,
    removeTags: sql`tags = array(select t from unnest(tags) t where t <> all(${sql.param(change.kind === 'removeTags' ? change.tags : [])}::text[]))`,
    hide: sql`hidden = true`,
    unhide: sql`hidden = false`,
    // A deleted row points at itself: every reader that skips duplicates (loads, bests, calendar, coach)
    // skips it at once, with no reader changed; the purge removes it once the undo window passes.
    delete: sql`deleted_at = now(), duplicate_of = coalesce(duplicate_of, id)`,
  }[change.kind];
  await db.execute(sql`update ${activities} set ${set}, updated_at = now()
    where user_id = ${userId} and id = any(${sql.param(ids)}::uuid[])`);
}

/** Puts rows back as they were (Undo); rows purged since are simply not there. Returns the ids restored. */
export async function restore(db: Executor, userId: string, before: BulkEditBefore[]): Promise<string[]> {
  if (before.length === 0) return [];
  const { rows } = await db.execute(sql`
    update ${activities} a set sport = b.sport::sport, sport_inferred = b."sportInferred", tags = b.tags, hidden = b.hidden,
      deleted_at = b."deletedAt", duplicate_of = b."duplicateOf", updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(before)}::jsonb)
      as b(id uuid, sport text, "sportInferred" boolean, tags text[], hidden boolean, "deletedAt" timestamptz, "duplicateOf" uuid)
    where a.user_id = ${userId} and a.id = b.id
    returning a.id`);
  return (rows as { id: string }[]).map((r) => r.id);
}

export async function recordEdit(
  db: Executor,
  userId: string,
  kind: BulkChange['kind'],
  before: BulkEditBefore[],
): Promise<{ id: string; createdAt: Date }> {
  const [row] = await db
    .insert(activityBulkEdits)
    .values({ userId, kind, before })
    .returning({ id: activityBulkEdits.id, createdAt: activityBulkEdits.createdAt });
  return row!;
}

/** The athlete's edit, still undoable: inside the window and not undone. Locks it against a second Undo. */
export async function undoableEdit(db: Executor, userId: string, id: string, since: Date) {
  const [row] = await db
    .select()
    .from(activityBulkEdits)
    .where(and(eq(activityBulkEdits.id, id), eq(activityBulkEdits.userId, userId)))
    .for('update');
  if (!row) return null;
  return { ...row, undoable: row.undoneAt === null && row.createdAt > since };
}

export async function markUndone(db: Executor, id: string): Promise<void> {
  await db.update(activityBulkEdits).set({ undoneAt: sql`now()` }).where(eq(activityBulkEdits.id, id));
}

/** Athletes with deletes whose undo window has passed. */
export async function usersWithDueDeletes(db: Executor, before: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: activities.userId })
    .from(activities)
    .where(and(isNotNull(activities.deletedAt), lt(activities.deletedAt, before)))
    .limit(limit);
  return rows.map((r) => r.userId);
}

/**
 * Deletes for good the athlete's rows whose undo window has passed; with each row's provider key and the Strava id
 * it stands for (a Strava archive row, an upgraded original), which its tombstone keeps (ADR 068).
 */
export function purgeDeleted(
  db: Executor,
  userId: string,
  before: Date,
): Promise<{ id: string; day: string; source: ActivitySource; externalId: string; stravaId: string | null }[]> {
  return db
    .delete(activities)
    .where(and(eq(activities.userId, userId), isNotNull(activities.deletedAt), lt(activities.deletedAt, before)))
    .returning({
      id: activities.id,
      day: activities.localStartDate,
      source: activities.source,
      externalId: activities.externalId,
      stravaId: sql<string | null>`case when ${activities.source} = 'strava_archive' then ${activities.externalId}
        else ${activities.extras}->'upgradedFrom'->>'externalId' end`,
    });
}

/** Undo records older than the window serve nothing: dropped as the purge passes. */
export async function dropOldEdits(db: Executor, before: Date): Promise<void> {
  await db.delete(activityBulkEdits).where(lt(activityBulkEdits.createdAt, before));
}
