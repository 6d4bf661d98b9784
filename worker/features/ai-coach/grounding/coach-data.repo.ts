// The coach's own reads of activities: a window with filters and sorting, its totals, and how many
// activities the data-use policy kept out (by source). Always one athlete, canonical rows only, and the
// sources passed in (the caller passes the policy's sources for 'ai').
import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import type { ActivitySource } from '../../activities';

export type SortBy = 'date' | 'distance' | 'duration' | 'pace' | 'load' | 'elevation';

export interface CoachActivityRow {
  id: string;
  date: string;
  name: string;
  sport: string;
  distanceM: number;
  movingTimeS: number;
  avgHr: number | null;
  elevationGainM: number | null;
  load: number | null;
  /** The athlete's own rating of perceived exertion (1–10) and note, when they wrote one. */
  rpe?: number | null;
  note?: string | null;
}

export interface WindowTotals {
  count: number;
  distanceM: number;
  movingTimeS: number;
  elevationGainM: number;
  load: number;
}

export interface ActivityFilter {
  from: string;
  to: string;
  sports: string[] | null;
  /** Only activities at least this long (metres): "my fastest 40 km ride". */
  minDistanceM?: number | null;
  /** Only activities with one of these names, exactly as stored. */
  names?: string[] | null;
}

// Sorting keys; pace is seconds per metre (lower is faster), and rows without distance have no pace.
const ORDER: Record<SortBy, ReturnType<typeof sql>> = {
  date: sql`a.start_time`,
  distance: sql`a.distance_m`,
  duration: sql`a.moving_time_s`,
  pace: sql`(a.moving_time_s::float8 / nullif(a.distance_m, 0))`,
  load: sql`m.load`,
  elevation: sql`a.elevation_gain_m`,
};

const num = (v: unknown) => Number(v ?? 0);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export function createCoachDataRepo(db: Executor) {
  const where = (userId: string, sources: ActivitySource[], f: ActivityFilter) => sql`
    a.user_id = ${userId} and a.duplicate_of is null and a.source::text = any(${sql.param(sources)}::text[])
    and a.local_start_date between ${f.from} and ${f.to}
    ${f.sports ? sql`and a.sport::text = any(${sql.param(f.sports)}::text[])` : sql``}
    ${f.minDistanceM ? sql`and a.distance_m >= ${f.minDistanceM}` : sql``}
    ${f.names ? sql`and a.name = any(${sql.param(f.names)}::text[])` : sql``}`;

  return {
    async activities(
      userId: string,
      sources: ActivitySource[],
      f: ActivityFilter,
      sort: { by: SortBy; order: 'asc' | 'desc'; limit: number },
    ): Promise<CoachActivityRow[]> {
      const dir = sort.order === 'asc' ? sql`asc` : sql`desc`;
      const res = await db.execute(sql`
        select a.id, a.local_start_date::text as date, a.name, a.sport::text as sport, a.distance_m, a.moving_time_s,
               a.avg_hr, a.elevation_gain_m, m.load, n.rpe, n.note
        from activities a left join activity_metrics m on m.activity_id = a.id
        left join activity_notes n on n.activity_id = a.id
        where ${where(userId, sources, f)} ${sort.by === 'pace' ? sql`and a.distance_m > 0` : sql``}
        order by ${ORDER[sort.by]} ${dir} nulls last, a.start_time ${dir}, a.id
        limit ${sort.limit}`);
      return (res.rows as Record<string, unknown>[]).map((r) => ({
        id: String(r.id),
        date: String(r.date),
        name: String(r.name),
        sport: String(r.sport),
        distanceM: num(r.distance_m),
        movingTimeS: num(r.moving_time_s),
        avgHr: numOrNull(r.avg_hr),
        elevationGainM: numOrNull(r.elevation_gain_m),
        load: numOrNull(r.load),
        rpe: numOrNull(r.rpe),
        note: r.note === null || r.note === undefined ? null : String(r.note),
      }));
    },

    async totals(userId: string, sources: ActivitySource[], f: ActivityFilter): Promise<WindowTotals> {
      const res = await db.execute(sql`
        select count(*)::int as count, coalesce(sum(a.distance_m), 0) as distance_m, coalesce(sum(a.moving_time_s), 0) as moving_time_s,
               coalesce(sum(a.elevation_gain_m), 0) as elevation_gain_m, coalesce(sum(m.load), 0) as load
        from activities a left join activity_metrics m on m.activity_id = a.id
        where ${where(userId, sources, f)}`);
      const r = (res.rows[0] ?? {}) as Record<string, unknown>;
      return {
        count: num(r.count),
        distanceM: num(r.distance_m),
        movingTimeS: num(r.moving_time_s),
        elevationGainM: num(r.elevation_gain_m),
        load: num(r.load),
      };
    },

    /** The distinct names of the window's activities (a name lookup matches them in code, word by word). */
    async names(userId: string, sources: ActivitySource[], f: ActivityFilter): Promise<string[]> {
      const res = await db.execute(sql`
        select distinct a.name from activities a where ${where(userId, sources, f)} limit 2000`);
      return (res.rows as Record<string, unknown>[]).map((r) => String(r.name));
    },

    /** Canonical activities in the window from sources outside `allowed`, counted by source (never their content). */
    async withheld(
      userId: string,
      allowed: ActivitySource[],
      f: { from: string | null; to: string | null; sports: string[] | null },
    ): Promise<{ source: ActivitySource; count: number }[]> {
      const res = await db.execute(sql`
        select a.source::text as source, count(*)::int as count
        from activities a
        where a.user_id = ${userId} and a.duplicate_of is null and not (a.source::text = any(${sql.param(allowed)}::text[]))
          ${f.from ? sql`and a.local_start_date >= ${f.from}` : sql``}
          ${f.to ? sql`and a.local_start_date <= ${f.to}` : sql``}
          ${f.sports ? sql`and a.sport::text = any(${sql.param(f.sports)}::text[])` : sql``}
        group by a.source order by a.source`);
      return (res.rows as Record<string, unknown>[]).map((r) => ({ source: r.source as ActivitySource, count: num(r.count) }));
    },

    /** How much usable history the athlete has: the first date and the count in the last 90 days. */
    async history(userId: string, sources: ActivitySource[], since: string): Promise<{ firstDate: string | null; recent: number }> {
      const res = await db.execute(sql`
        select min(a.local_start_date)::text as first_date, count(*) filter (where a.local_start_date >= ${since})::int as recent
        from activities a
        where a.user_id = ${userId} and a.duplicate_of is null and a.source::text = any(${sql.param(sources)}::text[])`);
      const r = (res.rows[0] ?? {}) as Record<string, unknown>;
      return { firstDate: (r.first_date as string | null) ?? null, recent: num(r.recent) };
    },
  };
}

export type CoachDataRepo = ReturnType<typeof createCoachDataRepo>;
