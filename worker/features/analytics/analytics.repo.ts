import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { activityEfforts, activityMetrics, analyticsRebuilds, athleteThresholds } from '../../db/schema';
import type { ActivitySource, ActivityStreams, BestEffort, Sport } from '../activities';
import type { ActivityLoad, DerivedFacts, EffortExclusion, ThresholdKind } from './analytics.types';
import { HISTORY_MIN_EFFORTS, HISTORY_SHORT_MAX_KEY, historyTimeFactor } from './calc/plausibility.calc';
import type { ThresholdRow } from './calc/thresholds.calc';

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

export interface ReceiptRow {
  id: string;
  date: string;
  name: string;
  sport: Sport;
  source: ActivitySource;
  distanceM: number;
  movingTimeS: number;
  avgHr: number | null;
  elevationGainM: number | null;
  load: number | null;
  loadMethod: string | null;
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

export interface DayRow {
  day: string;
  sport: Sport;
  load: number;
  movingS: number;
  distanceM: number;
  count: number;
}

const rowsOf = async <T>(p: Promise<{ rows: unknown[] }>): Promise<T[]> => (await p).rows as T[];
const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

// What the bests rules need to know about an activity (plausibility.calc.ts `EffortSource`).
const sourceFlags = sql`a.sport_inferred, (a.data_quality @> '[{"code":"implausible_effort"}]'::jsonb) as implausible_effort`;

// Canonical rows from the sources a data use allows: every read below goes through this filter.
const canonical = (sources: ActivitySource[]) => sql`a.duplicate_of is null and a.source::text = any(${sql.param(sources)}::text[])`;

export function createAnalyticsRepo(db: Executor) {
  return {
    /** The same per-athlete lock the activities service writes under. */
    async lockAthlete(userId: string): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${userId}, 42))`);
    },

    async thresholds(userId: string): Promise<(ThresholdRow & { id: string; activityId: string | null; note: string | null })[]> {
      return db
        .select({
          id: athleteThresholds.id,
          kind: athleteThresholds.kind,
          value: athleteThresholds.value,
          effectiveFrom: athleteThresholds.effectiveFrom,
          source: athleteThresholds.source,
          activityId: athleteThresholds.activityId,
          note: athleteThresholds.note,
        })
        .from(athleteThresholds)
        .where(eq(athleteThresholds.userId, userId));
    },

    async setManualThreshold(userId: string, kind: ThresholdKind, value: number, effectiveFrom: string): Promise<void> {
      await db
        .insert(athleteThresholds)
        .values({ userId, kind, value, effectiveFrom, source: 'manual' })
        .onConflictDoUpdate({
          target: [athleteThresholds.userId, athleteThresholds.kind, athleteThresholds.source, athleteThresholds.effectiveFrom],
          set: { value, createdAt: sql`now()` },
        });
    },

    async deleteManualThreshold(userId: string, id: string): Promise<{ kind: ThresholdKind; effectiveFrom: string } | undefined> {
      const [row] = await db
        .delete(athleteThresholds)
        .where(and(eq(athleteThresholds.userId, userId), eq(athleteThresholds.id, id), eq(athleteThresholds.source, 'manual')))
        .returning({ kind: athleteThresholds.kind, effectiveFrom: athleteThresholds.effectiveFrom });
      return row;
    },

    async replaceEstimates(
      userId: string,
      estimates: { kind: ThresholdKind; value: number; activityId: string; note: string; effectiveFrom: string }[],
    ): Promise<void> {
      await db.delete(athleteThresholds).where(and(eq(athleteThresholds.userId, userId), eq(athleteThresholds.source, 'estimated')));
      if (estimates.length > 0)
        await db.insert(athleteThresholds).values(estimates.map((e) => ({ userId, source: 'estimated' as const, ...e })));
    },

    /** Activities with their streams, for deriving facts (one athlete, a bounded id list). */
    async withStreams(
      userId: string,
      ids: string[],
      includeStreams = true,
    ): Promise<(MetricSourceRow & { streams: ActivityStreams | null })[]> {
      if (ids.length === 0) return [];
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select a.id, a.sport, a.local_start_date::text as local_date, a.moving_time_s, a.distance_m, a.avg_hr, a.max_hr,
                 a.avg_power, a.normalized_power, a.best_efforts, ${sourceFlags}, ${includeStreams ? sql`s.streams` : sql`null as streams`}
          from activities a left join activity_streams s on s.activity_id = a.id
          where a.user_id = ${userId} and a.id = any(${sql.param(ids)}::uuid[])`),
      );
      return rows.map((r) => ({ ...toMetricSource(r), streams: (r.streams as ActivityStreams | null) ?? null }));
    },

    /** Every activity of the athlete with its stored facts: the input of a load recompute (no streams read). */
    async withFacts(userId: string, fromDay?: string, toDay?: string): Promise<(MetricSourceRow & { facts: DerivedFacts | null })[]> {
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
    },

    async upsertMetrics(userId: string, rows: { activityId: string; facts: DerivedFacts; load: ActivityLoad }[]): Promise<void> {
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
    },

    /** New loads for many activities in one statement per 2,000 rows (threshold changes, rebuilds). */
    async updateLoads(userId: string, rows: { activityId: string; load: ActivityLoad }[]): Promise<void> {
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
    },

    /** Makes the stored efforts of `activityIds` exactly `efforts`, in one statement. */
    async replaceEfforts(userId: string, activityIds: string[], efforts: EffortWrite[]): Promise<void> {
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
    },

    /**
     * Applies the history rule (ADR 007, "Implausible bests") to the athlete's run efforts dated `fromDay`
     * or later (all when null): with at least HISTORY_MIN_EFFORTS canonical efforts at the distance on
     * earlier days, one faster than their best × historyTimeFactor is marked 'beyond_history'. Efforts
     * excluded for their own reasons (record, inferred sport...) are neither judged nor history; efforts
     * marked by this rule stay history, which keeps the result a function of the earlier rows alone, so
     * a change re-judges only later days and incremental upkeep equals a rebuild. One statement.
     */
    async judgeHistory(userId: string, fromDay: string | null): Promise<void> {
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
    },

    /**
     * Recomputes the daily totals of the given days (or all days) from the canonical activities and bumps
     * the athlete's analytics version (invalidating cached answers), in one statement.
     */
    async refreshDays(userId: string, days: string[] | null): Promise<void> {
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
    },

    /** Facts of the last year's activities: the inputs of threshold estimates. */
    async estimateCandidates(userId: string, sinceDay: string) {
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select a.id, a.local_start_date::text as local_date, a.sport, a.distance_m, a.moving_time_s, a.max_hr, ${sourceFlags}, m.facts
          from activities a join activity_metrics m on m.activity_id = a.id
          where a.user_id = ${userId} and a.duplicate_of is null and a.local_start_date >= ${sinceDay}`),
      );
      return rows.map((r) => ({
        activityId: String(r.id),
        localDate: String(r.local_date),
        sport: String(r.sport),
        distanceM: num(r.distance_m),
        movingTimeS: num(r.moving_time_s),
        maxHr: numOrNull(r.max_hr),
        sportInferred: r.sport_inferred === true,
        implausibleEffort: r.implausible_effort === true,
        facts: r.facts as DerivedFacts,
      }));
    },

    async requestRebuild(userId: string, reason: string): Promise<void> {
      await db.insert(analyticsRebuilds).values({ userId, reason }).onConflictDoNothing();
    },

    async userExists(userId: string): Promise<boolean> {
      const rows = await rowsOf(db.execute(sql`select 1 from users where id = ${userId}`));
      return rows.length > 0;
    },

    /** Queues a rebuild for every athlete with at least one activity; returns how many were queued. */
    async requestRebuildForAll(reason: string): Promise<number> {
      const rows = await rowsOf<{ user_id: string }>(
        db.execute(sql`
          insert into analytics_rebuilds (user_id, reason)
          select distinct user_id, ${reason} from activities
          on conflict (user_id) do nothing
          returning user_id`),
      );
      return rows.length;
    },

    /** Claims up to `limit` pending rebuilds (the rows are removed; a failed rebuild re-requests itself). */
    async takeRebuilds(limit: number): Promise<{ userId: string; reason: string }[]> {
      return rowsOf<{ userId: string; reason: string }>(
        db.execute(sql`
          delete from analytics_rebuilds where user_id in (
            select user_id from analytics_rebuilds order by requested_at limit ${limit} for update skip locked)
          returning user_id as "userId", reason`),
      );
    },

    // ---- reads (owner-scoped; `sources` from the data-use policy) ----

    async firstDay(userId: string, sources: ActivitySource[]): Promise<string | null> {
      const rows = await rowsOf<{ d: string | null }>(
        db.execute(
          sql`select min(day)::text as d from training_days where user_id = ${userId} and source::text = any(${sql.param(sources)}::text[])`,
        ),
      );
      return rows[0]?.d ?? null;
    },

    async dailyLoads(userId: string, sources: ActivitySource[], toDay: string): Promise<{ day: string; load: number }[]> {
      const rows = await rowsOf<{ day: string; load: unknown }>(
        db.execute(sql`
          select day::text as day, sum(load) as load from training_days
          where user_id = ${userId} and source::text = any(${sql.param(sources)}::text[]) and day <= ${toDay}
          group by day order by day`),
      );
      return rows.map((r) => ({ day: r.day, load: num(r.load) }));
    },

    async days(userId: string, sources: ActivitySource[], fromDay: string, toDay: string): Promise<DayRow[]> {
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select day::text as day, sport, sum(load) as load, sum(moving_s) as moving_s, sum(distance_m) as distance_m, sum(count) as count
          from training_days
          where user_id = ${userId} and source::text = any(${sql.param(sources)}::text[]) and day between ${fromDay} and ${toDay}
          group by day, sport order by day`),
      );
      return rows.map((r) => ({
        day: String(r.day),
        sport: r.sport as Sport,
        load: num(r.load),
        movingS: num(r.moving_s),
        distanceM: num(r.distance_m),
        count: num(r.count),
      }));
    },

    async receiptsBetween(userId: string, sources: ActivitySource[], fromDay: string, toDay: string, sport?: Sport): Promise<ReceiptRow[]> {
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select a.id, a.local_start_date::text as date, a.name, a.sport, a.source, a.distance_m, a.moving_time_s, a.avg_hr, a.elevation_gain_m,
                 m.load, m.load_method
          from activities a left join activity_metrics m on m.activity_id = a.id
          where a.user_id = ${userId} and ${canonical(sources)} and a.local_start_date between ${fromDay} and ${toDay}
            ${sport ? sql`and a.sport = ${sport}` : sql``}
          order by a.start_time`),
      );
      return rows.map(toReceiptRow);
    },

    async receiptsByIds(userId: string, ids: string[]): Promise<ReceiptRow[]> {
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select a.id, a.local_start_date::text as date, a.name, a.sport, a.source, a.distance_m, a.moving_time_s, a.avg_hr, a.elevation_gain_m,
                 m.load, m.load_method
          from activities a left join activity_metrics m on m.activity_id = a.id
          where a.user_id = ${userId} and a.id = any(${sql.param(ids)}::uuid[])`),
      );
      return rows.map(toReceiptRow);
    },

    /** One activity's stored load and facts, owner-scoped. */
    async metricsOf(userId: string, activityId: string) {
      const [row] = await db
        .select()
        .from(activityMetrics)
        .where(and(eq(activityMetrics.userId, userId), eq(activityMetrics.activityId, activityId)));
      return row;
    },

    async effortsOf(userId: string, activityId: string) {
      return db
        .select()
        .from(activityEfforts)
        .where(and(eq(activityEfforts.userId, userId), eq(activityEfforts.activityId, activityId)));
    },

    /** Runs and rides with heart rate in a window, with their facts (efficiency). */
    async hrSessions(userId: string, sources: ActivitySource[], fromDay: string, toDay: string) {
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select a.id, a.local_start_date::text as date, a.name, a.sport, a.source, a.distance_m, a.moving_time_s, a.avg_hr, a.elevation_gain_m,
                 a.avg_power, a.normalized_power, m.load, m.load_method, m.facts
          from activities a left join activity_metrics m on m.activity_id = a.id
          where a.user_id = ${userId} and ${canonical(sources)} and a.local_start_date between ${fromDay} and ${toDay}
            and a.sport in ('run', 'ride') and a.avg_hr > 0 and a.moving_time_s > 0
          order by a.start_time`),
      );
      return rows.map((r) => ({
        ...toReceiptRow(r),
        avgPower: numOrNull(r.avg_power),
        normalizedPower: numOrNull(r.normalized_power),
        facts: (r.facts as DerivedFacts | null) ?? null,
      }));
    },

    /** The best effort per key and calendar year (ties: the earliest). */
    async bestEffortsByYear(userId: string, sources: ActivitySource[], kind: 'run' | 'power'): Promise<(EffortRow & { year: number })[]> {
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
    },

    async bestEffortsSince(userId: string, sources: ActivitySource[], kind: 'run' | 'power', sinceDay: string): Promise<EffortRow[]> {
      const order = kind === 'run' ? sql`e.value asc` : sql`e.value desc`;
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select distinct on (e.key) e.key, e.value, e.local_date::text as date, a.id as activity_id, a.name, a.sport, a.distance_m, a.moving_time_s
          from activity_efforts e join activities a on a.id = e.activity_id
          where e.user_id = ${userId} and e.kind = ${kind} and e.excluded_reason is null and ${canonical(sources)} and e.local_date >= ${sinceDay}
          order by e.key, ${order}, e.local_date`),
      );
      return rows.map(toEffortRow);
    },

    /** Every run effort from `sinceDay` on, date order (PB events). */
    async runEffortsSince(userId: string, sources: ActivitySource[], sinceDay: string): Promise<EffortRow[]> {
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select e.key, e.value, e.local_date::text as date, a.id as activity_id, a.name, a.sport, a.distance_m, a.moving_time_s
          from activity_efforts e join activities a on a.id = e.activity_id
          where e.user_id = ${userId} and e.kind = 'run' and e.excluded_reason is null and ${canonical(sources)} and e.local_date >= ${sinceDay}
          order by e.local_date, a.start_time`),
      );
      return rows.map(toEffortRow);
    },

    /** The best run effort per distance strictly before `beforeDay`. */
    async runBestsBefore(userId: string, sources: ActivitySource[], beforeDay: string): Promise<EffortRow[]> {
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select distinct on (e.key) e.key, e.value, e.local_date::text as date, a.id as activity_id, a.name, a.sport, a.distance_m, a.moving_time_s
          from activity_efforts e join activities a on a.id = e.activity_id
          where e.user_id = ${userId} and e.kind = 'run' and e.excluded_reason is null and ${canonical(sources)} and e.local_date < ${beforeDay}
          order by e.key, e.value asc, e.local_date`),
      );
      return rows.map(toEffortRow);
    },

    /** Activities with load, for the CSV export (oldest first, bounded). */
    async exportRows(userId: string, sources: ActivitySource[], limit: number) {
      const rows = await rowsOf<Record<string, unknown>>(
        db.execute(sql`
          select a.id, a.local_start_date::text as date, a.start_time, a.name, a.sport, a.source, a.distance_m, a.moving_time_s, a.elapsed_time_s,
                 a.elevation_gain_m, a.avg_hr, a.max_hr, a.avg_power, m.load, m.load_method, m.intensity, m.confidence
          from activities a left join activity_metrics m on m.activity_id = a.id
          where a.user_id = ${userId} and ${canonical(sources)}
          order by a.start_time limit ${limit}`),
      );
      return rows;
    },
  };
}

function toMetricSource(r: Record<string, unknown>): MetricSourceRow {
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

function toReceiptRow(r: Record<string, unknown>): ReceiptRow {
  return {
    id: String(r.id),
    date: String(r.date),
    name: String(r.name),
    sport: r.sport as Sport,
    source: r.source as ActivitySource,
    distanceM: num(r.distance_m),
    movingTimeS: num(r.moving_time_s),
    avgHr: numOrNull(r.avg_hr),
    elevationGainM: numOrNull(r.elevation_gain_m),
    load: numOrNull(r.load),
    loadMethod: (r.load_method as string | null) ?? null,
  };
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

export type AnalyticsRepo = ReturnType<typeof createAnalyticsRepo>;
