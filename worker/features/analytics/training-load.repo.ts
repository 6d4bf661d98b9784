// The write side of analytics: per-activity metrics, the daily totals and the rebuild queue, all kept
// in step by the training-load service inside the activity write transaction.

import { sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import { activityMetrics, analyticsRebuilds } from '../../db/schema';
import type { ActivitySource, ActivityStreams, BestEffort, Sport } from '../activities';
import { num, numOrNull, rowsOf, sourceFlags } from './analytics-shared.repo';
import type { ActivityLoad, DerivedFacts } from './analytics.types';

/** An activity with what load and facts are computed from. */
export interface MetricSourceRow {
  id: string;
  sport: Sport;
  localDate: string;
  movingTimeS: number;
  distanceM: number;
  avgHr: number | null;
  maxHr: number | null;
  avgPower: number | null;
  normalizedPower: number | null;
  bestEfforts: BestEffort[];
  /** The sport was inferred, not named by the source: no sport-specific bests. */
  sportInferred: boolean;
  /** A data-quality note 'implausible_effort' is on the activity: no sport-specific bests. */
  implausibleEffort: boolean;
}

/** The same per-athlete lock the activities service writes under. */
export async function lockAthlete(db: Executor, userId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${userId}, 42))`);
}

/** Activities with their streams, for deriving facts (one athlete, a bounded id list). */
export async function withStreams(
  db: StatementExecutor,
  userId: string,
  ids: string[],
  includeStreams = true,
): Promise<(MetricSourceRow & { source: ActivitySource; streams: ActivityStreams | null })[]> {
  if (ids.length === 0) return [];
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`
      select a.id, a.sport, a.source, a.local_start_date::text as local_date, a.moving_time_s, a.distance_m, a.avg_hr, a.max_hr,
             a.avg_power, a.normalized_power, a.best_efforts, ${sourceFlags}, ${includeStreams ? sql`s.streams` : sql`null as streams`}
      from activities a left join activity_streams s on s.activity_id = a.id
      where a.user_id = ${userId} and a.id = any(${sql.param(ids)}::uuid[])`),
  );
  return rows.map((r) => ({
    ...toMetricSource(r),
    source: r.source as ActivitySource,
    streams: (r.streams as ActivityStreams | null) ?? null,
  }));
}

/** Every activity of the athlete with its stored facts: the input of a load recompute (no streams read). */
export async function withFacts(
  db: Executor,
  userId: string,
  fromDay?: string,
  toDay?: string,
): Promise<(MetricSourceRow & { facts: DerivedFacts | null })[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db.execute(sql`
      select a.id, a.sport, a.local_start_date::text as local_date, a.moving_time_s, a.distance_m, a.avg_hr, a.max_hr,
             a.avg_power, a.normalized_power, a.best_efforts, ${sourceFlags}, m.facts
      from activities a left join activity_metrics m on m.activity_id = a.id
      where a.user_id = ${userId}
        ${fromDay ? sql`and a.local_start_date >= ${fromDay}` : sql``}
        ${toDay ? sql`and a.local_start_date < ${toDay}` : sql``}`),
  );
  return rows.map((r) => ({ ...toMetricSource(r), facts: (r.facts as DerivedFacts | null) ?? null }));
}

export async function upsertMetrics(
  db: Executor,
  userId: string,
  rows: { activityId: string; facts: DerivedFacts; load: ActivityLoad }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db
      .insert(activityMetrics)
      .values(
        chunk.map((r) => ({
          activityId: r.activityId,
          userId,
          facts: r.facts,
          load: r.load.load,
          loadMethod: r.load.method,
          intensity: r.load.intensity,
          confidence: r.load.confidence,
        })),
      )
      .onConflictDoUpdate({
        target: activityMetrics.activityId,
        set: {
          facts: sql`excluded.facts`,
          load: sql`excluded.load`,
          loadMethod: sql`excluded.load_method`,
          intensity: sql`excluded.intensity`,
          confidence: sql`excluded.confidence`,
        },
      });
  }
}

/** New loads for many activities in one statement per 2,000 rows (threshold changes, rebuilds). */
export async function updateLoads(db: Executor, userId: string, rows: { activityId: string; load: ActivityLoad }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000);
    await db.execute(sql`
      update activity_metrics m set load = v.load, load_method = v.method::load_method, intensity = v.intensity, confidence = v.confidence
      from unnest(${sql.param(chunk.map((r) => r.activityId))}::uuid[], ${sql.param(chunk.map((r) => r.load.load))}::float8[],
                  ${sql.param(chunk.map((r) => r.load.method))}::text[], ${sql.param(chunk.map((r) => r.load.intensity))}::float8[],
                  ${sql.param(chunk.map((r) => r.load.confidence))}::text[]) as v(id, load, method, intensity, confidence)
      where m.activity_id = v.id and m.user_id = ${userId}
        and (m.load, m.load_method::text, m.intensity, m.confidence) is distinct from (v.load, v.method, v.intensity, v.confidence)`);
  }
}

/**
 * Recomputes the daily totals of the given days (or all days) from the canonical activities and bumps
 * the athlete's analytics version (invalidating cached answers), in one statement.
 */
export async function refreshDays(db: Executor, userId: string, days: string[] | null): Promise<void> {
  const only = days ? sql`and t.day = any(${sql.param(days)}::date[])` : sql``;
  const onlyA = days ? sql`and a.local_start_date = any(${sql.param(days)}::date[])` : sql``;
  await db.execute(sql`
    with fresh as (
      select a.user_id, a.local_start_date as day, a.sport, a.source, coalesce(sum(m.load), 0) as load, sum(a.moving_time_s)::int as moving_s,
             sum(a.distance_m) as distance_m, coalesce(sum(a.elevation_gain_m), 0) as elevation_m, count(*)::int as count
      from activities a left join activity_metrics m on m.activity_id = a.id
      where a.user_id = ${userId} and a.duplicate_of is null ${onlyA}
      group by a.user_id, a.local_start_date, a.sport, a.source
    ),
    gone as (
      delete from training_days t where t.user_id = ${userId} ${only}
        and not exists (select 1 from fresh f where f.day = t.day and f.sport = t.sport and f.source = t.source)
    ),
    bump as (update users set analytics_version = analytics_version + 1 where id = ${userId})
    insert into training_days (user_id, day, sport, source, load, moving_s, distance_m, elevation_m, count)
    select * from fresh
    on conflict (user_id, day, sport, source) do update
      set load = excluded.load, moving_s = excluded.moving_s, distance_m = excluded.distance_m, elevation_m = excluded.elevation_m, count = excluded.count`);
}

export async function requestRebuild(db: Executor, userId: string, reason: string): Promise<void> {
  await db.insert(analyticsRebuilds).values({ userId, reason }).onConflictDoNothing();
}

export async function userExists(db: Executor, userId: string): Promise<boolean> {
  const rows = await rowsOf(db.execute(sql`select 1 from users where id = ${userId}`));
  return rows.length > 0;
}

/** Queues a rebuild for every athlete with at least one activity; returns how many were queued. */
export async function requestRebuildForAll(db: Executor, reason: string): Promise<number> {
  const rows = await rowsOf<{ user_id: string }>(
    db.execute(sql`
      insert into analytics_rebuilds (user_id, reason)
      select distinct user_id, ${reason} from activities
      on conflict (user_id) do nothing
      returning user_id`),
  );
  return rows.length;
}

/** Claims this athlete's pending rebuild, if any (removed like takeRebuilds'). */
export async function takeRebuildOf(db: Executor, userId: string): Promise<{ reason: string } | null> {
  const rows = await rowsOf<{ reason: string }>(db.execute(sql`delete from analytics_rebuilds where user_id = ${userId} returning reason`));
  return rows[0] ?? null;
}

/** Claims up to `limit` pending rebuilds (the rows are removed; a failed rebuild re-requests itself). */
export async function takeRebuilds(db: Executor, limit: number): Promise<{ userId: string; reason: string }[]> {
  return rowsOf<{ userId: string; reason: string }>(
    db.execute(sql`
      delete from analytics_rebuilds where user_id in (
        select user_id from analytics_rebuilds order by requested_at limit ${limit} for update skip locked)
      returning user_id as "userId", reason`),
  );
}

export function toMetricSource(r: Record<string, unknown>): MetricSourceRow {
  return {
    id: String(r.id),
    sport: r.sport as Sport,
    localDate: String(r.local_date),
    movingTimeS: num(r.moving_time_s),
    distanceM: num(r.distance_m),
    avgHr: numOrNull(r.avg_hr),
    maxHr: numOrNull(r.max_hr),
    avgPower: numOrNull(r.avg_power),
    normalizedPower: numOrNull(r.normalized_power),
    bestEfforts: (r.best_efforts as BestEffort[] | null) ?? [],
    sportInferred: r.sport_inferred === true,
    implausibleEffort: r.implausible_effort === true,
  };
}
