// Best efforts (`activity_efforts`): storing them, the history rule that judges them, and the reads
// behind personal bests, age grades and PB events.

import { sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import type { ActivitySource, Sport } from '../activities';
import { canonical, num, rowsOf } from './analytics-shared.repo';
import type { EffortExclusion } from './analytics.types';
import { HISTORY_MIN_EFFORTS, HISTORY_SHORT_MAX_KEY, historyTimeFactor } from './calc/plausibility.calc';

/** One stored best effort (see `activity_efforts`). */
export interface EffortWrite {
  activityId: string;
  kind: 'run' | 'power';
  key: number;
  value: number;
  startOffsetS: number | null;
  origin: string;
  localDate: string;
  excludedReason: EffortExclusion | null;
  excludedRef: number | null;
}

export interface EffortRow {
  key: number;
  value: number;
  date: string;
  activityId: string;
  name: string;
  sport: Sport;
  distanceM: number;
  movingTimeS: number;
}

/** Makes the stored efforts of `activityIds` exactly `efforts`, in one statement. */
export async function replaceEfforts(db: Executor, userId: string, activityIds: string[], efforts: EffortWrite[]): Promise<void> {
  if (activityIds.length === 0) return;
  const col = <T>(f: (e: (typeof efforts)[number]) => T) => sql.param(efforts.map(f));
  await db.execute(sql`
    with ins as (
      insert into activity_efforts (activity_id, user_id, kind, key, value, start_offset_s, origin, local_date, excluded_reason, excluded_ref)
      select v.activity_id, ${userId}, v.kind, v.key, v.value, v.start_offset_s, v.origin, v.local_date, v.excluded_reason, v.excluded_ref
      from unnest(${col((e) => e.activityId)}::uuid[], ${col((e) => e.kind)}::text[], ${col((e) => e.key)}::int[], ${col((e) => e.value)}::float8[],
                  ${col((e) => e.startOffsetS)}::int[], ${col((e) => e.origin)}::text[], ${col((e) => e.localDate)}::date[],
                  ${col((e) => e.excludedReason)}::text[], ${col((e) => e.excludedRef)}::float8[])
           as v(activity_id, kind, key, value, start_offset_s, origin, local_date, excluded_reason, excluded_ref)
      on conflict (activity_id, kind, key) do update
        set value = excluded.value, start_offset_s = excluded.start_offset_s, origin = excluded.origin, local_date = excluded.local_date,
            excluded_reason = excluded.excluded_reason, excluded_ref = excluded.excluded_ref
      returning activity_id, kind, key
    )
    delete from activity_efforts e
    where e.user_id = ${userId} and e.activity_id = any(${sql.param(activityIds)}::uuid[])
      and not exists (select 1 from ins where ins.activity_id = e.activity_id and ins.kind = e.kind and ins.key = e.key)`);
}

/**
 * Applies the history rule (ADR 007, "Implausible bests") to the athlete's run efforts dated `fromDay`
 * or later (all when null): with at least HISTORY_MIN_EFFORTS canonical efforts at the distance on
 * earlier days, one faster than their best × historyTimeFactor is marked 'beyond_history'. Efforts
 * excluded for their own reasons (record, inferred sport...) are neither judged nor history; efforts
 * marked by this rule stay history, which keeps the result a function of the earlier rows alone, so
 * a change re-judges only later days and incremental upkeep equals a rebuild. One statement.
 */
export async function judgeHistory(db: Executor, userId: string, fromDay: string | null): Promise<void> {
  const eligible = (e: string) => sql.raw(`(${e}.excluded_reason is null or ${e}.excluded_reason = 'beyond_history')`);
  // History before `fromDay` is summarised per distance by two index probes (the best, and whether
  // there are at least HISTORY_MIN_EFFORTS): adding one new run reads a handful of rows, not ten years.
  const earlier = (what: 'best' | 'count') => {
    const rows = sql`
      from activity_efforts p join activities pa on pa.id = p.activity_id
      where p.user_id = ${userId} and p.kind = 'run' and p.key = k.key and p.local_date < ${fromDay} and ${eligible('p')} and pa.duplicate_of is null`;
    return what === 'best'
      ? sql`(select p.value ${rows} order by p.value limit 1)`
      : sql`(select count(*) from (select 1 ${rows} limit ${HISTORY_MIN_EFFORTS}) x)`;
  };
  await db.execute(sql`
    with base as (
      select e.activity_id, e.key, e.value, e.local_date, a.duplicate_of is null as history
      from activity_efforts e join activities a on a.id = e.activity_id
      where e.user_id = ${userId} and e.kind = 'run' and ${eligible('e')} ${fromDay ? sql`and e.local_date >= ${fromDay}` : sql``}
    ),
    before as (
      ${fromDay ? sql`select k.key, ${earlier('count')} as n0, ${earlier('best')} as best0 from (select distinct key from base) k` : sql`select null::int as key, 0 as n0, null::float8 as best0 where false`}
    ),
    prior as (
      select b.activity_id, b.key, b.value,
             coalesce(f.n0, 0) + count(*) filter (where b.history) over w as n,
             least(f.best0, min(b.value) filter (where b.history) over w) as best
      from base b left join before f on f.key = b.key
      window w as (partition by b.key order by b.local_date range between unbounded preceding and interval '1 day' preceding)
    ),
    verdict as (
      select activity_id, key,
             case when n >= ${HISTORY_MIN_EFFORTS}
                   and value < best * (case when key <= ${HISTORY_SHORT_MAX_KEY} then ${historyTimeFactor(HISTORY_SHORT_MAX_KEY)}::float8 else ${historyTimeFactor(HISTORY_SHORT_MAX_KEY + 1)}::float8 end)
                  then 'beyond_history' end as reason,
             best
      from prior
    )
    update activity_efforts t
    set excluded_reason = v.reason, excluded_ref = case when v.reason is null then null else v.best end
    from verdict v
    where t.activity_id = v.activity_id and t.kind = 'run' and t.key = v.key
      and (t.excluded_reason, t.excluded_ref) is distinct from (v.reason, case when v.reason is null then null else v.best end)`);
}

/** The best effort per key and calendar year (ties: the earliest). */
export async function bestEffortsByYear(
  db: StatementExecutor,
  userId: string,
  sources: ActivitySource[],
  kind: 'run' | 'power',
): Promise<(EffortRow & { year: number })[]> {
  const order = kind === 'run' ? sql`e.value asc` : sql`e.value desc`;
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`
      select distinct on (e.key, extract(year from e.local_date)) e.key, e.value, e.local_date::text as date,
             extract(year from e.local_date)::int as year, a.id as activity_id, a.name, a.sport, a.distance_m, a.moving_time_s
      from activity_efforts e join activities a on a.id = e.activity_id
      where e.user_id = ${userId} and e.kind = ${kind} and e.excluded_reason is null and ${canonical(sources)}
      order by e.key, extract(year from e.local_date), ${order}, e.local_date`),
  );
  return rows.map((r) => ({ ...toEffortRow(r), year: num(r.year) }));
}

/** The best effort per key from `sinceDay` on (and up to `untilDay` when given; ties: the earliest). */
export async function bestEffortsSince(
  db: StatementExecutor,
  userId: string,
  sources: ActivitySource[],
  kind: 'run' | 'power',
  sinceDay: string,
  untilDay?: string,
): Promise<EffortRow[]> {
  const order = kind === 'run' ? sql`e.value asc` : sql`e.value desc`;
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`
      select distinct on (e.key) e.key, e.value, e.local_date::text as date, a.id as activity_id, a.name, a.sport, a.distance_m, a.moving_time_s
      from activity_efforts e join activities a on a.id = e.activity_id
      where e.user_id = ${userId} and e.kind = ${kind} and e.excluded_reason is null and ${canonical(sources)} and e.local_date >= ${sinceDay}
        ${untilDay ? sql`and e.local_date <= ${untilDay}` : sql``}
      order by e.key, ${order}, e.local_date`),
  );
  return rows.map(toEffortRow);
}

/** Every run effort from `sinceDay` on, date order (PB events). */
export async function runEffortsSince(
  db: StatementExecutor,
  userId: string,
  sources: ActivitySource[],
  sinceDay: string,
): Promise<EffortRow[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`
      select e.key, e.value, e.local_date::text as date, a.id as activity_id, a.name, a.sport, a.distance_m, a.moving_time_s
      from activity_efforts e join activities a on a.id = e.activity_id
      where e.user_id = ${userId} and e.kind = 'run' and e.excluded_reason is null and ${canonical(sources)} and e.local_date >= ${sinceDay}
      order by e.local_date, a.start_time`),
  );
  return rows.map(toEffortRow);
}

/** The best run effort per distance strictly before `beforeDay`, with how many efforts it was the best of. */
export async function runBestsBefore(
  db: StatementExecutor,
  userId: string,
  sources: ActivitySource[],
  beforeDay: string,
): Promise<(EffortRow & { count: number })[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`
      select distinct on (e.key) e.key, e.value, e.local_date::text as date, a.id as activity_id, a.name, a.sport, a.distance_m, a.moving_time_s,
        count(*) over (partition by e.key) as n
      from activity_efforts e join activities a on a.id = e.activity_id
      where e.user_id = ${userId} and e.kind = 'run' and e.excluded_reason is null and ${canonical(sources)} and e.local_date < ${beforeDay}
      order by e.key, e.value asc, e.local_date`),
  );
  return rows.map((r) => ({ ...toEffortRow(r), count: num(r.n) }));
}

function toEffortRow(r: Record<string, unknown>): EffortRow {
  return {
    key: num(r.key),
    value: num(r.value),
    date: String(r.date),
    activityId: String(r.activity_id),
    name: String(r.name),
    sport: r.sport as Sport,
    distanceM: num(r.distance_m),
    movingTimeS: num(r.moving_time_s),
  };
}
