// Stored duration curves: per activity (rewritten with its metrics) and per month (the best of the month's canonical
// activities, rebuilt from the activity rows whenever a day of it changes). Reads merge whole months with edge days.
import { sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../../db/executor';
import { addDays } from '../../../lib/dates';
import type { ActivitySource } from '../../activities';
import { canonical, rowsOf } from '../analytics-shared.repo';
import type { CurveSport, StoredCurve } from './activity-curves.calc';
import type { CurveKind } from './mean-max.calc';
import { emptyRange, mergeRanges, type RangeCurve } from './range-curve.calc';

export interface ActivityCurveWrite extends StoredCurve {
  activityId: string;
  source: ActivitySource;
  localDate: string;
}

/** Replaces the curves of `ids` with `rows` (an activity without streams keeps none). */
export async function replaceActivityCurves(db: Executor, userId: string, ids: string[], rows: ActivityCurveWrite[]): Promise<void> {
  // A bulk import's activities go 200 to a statement, so no one parameter grows with the import.
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = new Set(ids.slice(i, i + 200));
    await replaceChunk(
      db,
      userId,
      [...chunk],
      rows.filter((r) => chunk.has(r.activityId)),
    );
  }
}

async function replaceChunk(db: Executor, userId: string, ids: string[], rows: ActivityCurveWrite[]): Promise<void> {
  const fresh = rows.map((r) => ({
    activity_id: r.activityId,
    kind: r.kind,
    sport: r.sport,
    source: r.source,
    local_date: r.localDate,
    values: r.values,
    starts: r.starts,
    excluded: r.excluded,
  }));
  // JSON arrays become Postgres arrays, nulls kept; the kinds an activity no longer has go in the same statement.
  await db.execute(sql`
    with fresh as (
      select * from jsonb_to_recordset(${JSON.stringify(fresh)}::jsonb)
        as x(activity_id uuid, kind text, sport text, source text, local_date date, "values" float8[], starts int[], excluded jsonb)
    ),
    gone as (
      delete from activity_curves c where c.user_id = ${userId} and c.activity_id = any(${sql.param(ids)}::uuid[])
        and not exists (select 1 from fresh f where f.activity_id = c.activity_id and f.kind = c.kind)
    )
    insert into activity_curves (activity_id, kind, user_id, sport, source, local_date, "values", starts, excluded)
    select f.activity_id, f.kind, ${userId}, f.sport, f.source::activity_source, f.local_date, f."values", f.starts, f.excluded from fresh f
    on conflict (activity_id, kind) do update set sport = excluded.sport, source = excluded.source, local_date = excluded.local_date,
      "values" = excluded."values", starts = excluded.starts, excluded = excluded.excluded`);
}

/** First days of the months holding `days`. */
export const monthsOf = (days: Iterable<string>): string[] => [...new Set([...days].map((d) => `${d.slice(0, 7)}-01`))].sort();

interface CurveRow {
  kind: CurveKind;
  sport: CurveSport;
  source: ActivitySource;
  month: string;
  activity_id: string;
  local_date: string;
  values: (number | null)[];
  starts: (number | null)[];
}

const asRange = (r: Pick<CurveRow, 'activity_id' | 'local_date' | 'values' | 'starts'>): RangeCurve =>
  r.values.map((v, i) => (v === null ? null : { value: v, activityId: r.activity_id, date: r.local_date, startS: r.starts[i] ?? 0 }));

/**
 * Rebuilds the month rows of `months` (all months when null) from the canonical activities' curves: a deleted,
 * moved, re-linked or rewritten activity changes only the months it was and is in.
 */
export async function rebuildMonths(db: Executor, userId: string, months: string[] | null): Promise<void> {
  if (months && months.length === 0) return;
  // The index on (user, day) bounds the read to the months' days; the month test keeps it exact.
  const sorted = months ? [...months].sort() : null;
  const only = sorted
    ? sql`and c.local_date >= ${sorted[0]!} and c.local_date < ${nextMonth(sorted.at(-1)!)}
          and date_trunc('month', c.local_date)::date = any(${sql.param(months)}::date[])`
    : sql``;
  const rows = await rowsOf<CurveRow>(
    db.execute(sql`
      select c.kind, c.sport, c.source, date_trunc('month', c.local_date)::date::text as month, c.activity_id,
             c.local_date::text as local_date, c."values", c.starts
      from activity_curves c join activities a on a.id = c.activity_id
      where c.user_id = ${userId} and a.duplicate_of is null ${only}`),
  );
  const groups = new Map<string, { key: Omit<CurveRow, 'activity_id' | 'local_date' | 'values' | 'starts'>; curve: RangeCurve }>();
  for (const r of rows) {
    const k = `${r.kind}|${r.sport}|${r.source}|${r.month}`;
    const g = groups.get(k) ?? { key: { kind: r.kind, sport: r.sport, source: r.source, month: r.month }, curve: emptyRange() };
    g.curve = mergeRanges(g.curve, asRange(r));
    groups.set(k, g);
  }
  const fresh = [...groups.values()].map(({ key, curve }) => ({
    ...key,
    values: curve.map((p) => p?.value ?? null),
    activity_ids: curve.map((p) => p?.activityId ?? null),
    dates: curve.map((p) => p?.date ?? null),
    starts: curve.map((p) => p?.startS ?? null),
  }));
  const onlyM = months ? sql`and m.month = any(${sql.param(months)}::date[])` : sql``;
  // One statement: the months' rows replaced, those left without an activity removed.
  await db.execute(sql`
    with fresh as (
      select * from jsonb_to_recordset(${JSON.stringify(fresh)}::jsonb)
        as x(kind text, sport text, source text, month date, "values" float8[], activity_ids uuid[], dates date[], starts int[])
    ),
    gone as (
      delete from curve_months m where m.user_id = ${userId} ${onlyM}
        and not exists (select 1 from fresh f where f.kind = m.kind and f.sport = m.sport and f.source = m.source::text and f.month = m.month)
    )
    insert into curve_months (user_id, kind, sport, source, month, "values", activity_ids, dates, starts)
    select ${userId}, f.kind, f.sport, f.source::activity_source, f.month, f."values", f.activity_ids, f.dates, f.starts from fresh f
    on conflict (user_id, kind, sport, source, month) do update set "values" = excluded."values", activity_ids = excluded.activity_ids,
      dates = excluded.dates, starts = excluded.starts`);
}

const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
};

/**
 * The range curve of [from, to] (local days, inclusive) from the sources a use allows: the months wholly inside from
 * curve_months, the days at either edge from the activities' own curves. Each row carries its activities' names, so
 * a point's receipt needs no second round trip (`names`: activity id → name).
 */
export async function rangeCurve(
  db: StatementExecutor,
  userId: string,
  q: { kind: CurveKind; sport: CurveSport; sources: ActivitySource[]; from: string; to: string },
): Promise<{ curve: RangeCurve; names: Map<string, string> }> {
  const firstWhole = q.from.endsWith('-01') ? q.from : nextMonth(`${q.from.slice(0, 8)}01`);
  // The last month whose last day is on or before `to`.
  let lastWhole = `${q.to.slice(0, 8)}01`;
  if (nextMonth(lastWhole) > addDays(q.to, 1)) lastWhole = prevMonth(lastWhole);
  const hasWhole = firstWhole <= lastWhole;
  const edges = hasWhole
    ? sql`(c.local_date between ${q.from} and ${addDays(firstWhole, -1)} or c.local_date between ${nextMonth(lastWhole)} and ${q.to})`
    : sql`c.local_date between ${q.from} and ${q.to}`;
  const [months, days] = await Promise.all([
    hasWhole
      ? rowsOf<{
          values: (number | null)[];
          activity_ids: (string | null)[];
          dates: (string | null)[];
          starts: (number | null)[];
          names: (string | null)[];
        }>(
          db.execute(sql`
            select m."values", m.activity_ids::text[] as activity_ids, m.dates::text[] as dates, m.starts,
                   array(select a.name from unnest(m.activity_ids) with ordinality u(id, i)
                         left join activities a on a.id = u.id and a.user_id = m.user_id order by u.i) as names
            from curve_months m
            where m.user_id = ${userId} and m.kind = ${q.kind} and m.sport = ${q.sport} and m.source::text = any(${sql.param(q.sources)}::text[])
              and m.month between ${firstWhole} and ${lastWhole}`),
        )
      : Promise.resolve([]),
    rowsOf<CurveRow & { name: string }>(
      db.execute(sql`
        select c.activity_id, c.local_date::text as local_date, c."values", c.starts, a.name
        from activity_curves c join activities a on a.id = c.activity_id
        where c.user_id = ${userId} and c.kind = ${q.kind} and c.sport = ${q.sport} and ${canonical(q.sources)} and ${edges}`),
    ),
  ]);
  let curve = emptyRange();
  const names = new Map<string, string>();
  for (const m of months) {
    m.activity_ids.forEach((id, i) => {
      const name = m.names[i];
      if (id && name != null) names.set(id, name);
    });
    curve = mergeRanges(
      curve,
      m.values.map((v, i) =>
        v === null ? null : { value: v, activityId: m.activity_ids[i]!, date: m.dates[i]!, startS: m.starts[i] ?? 0 },
      ),
    );
  }
  for (const d of days) {
    names.set(d.activity_id, d.name);
    curve = mergeRanges(curve, asRange(d));
  }
  return { curve, names };
}

/**
 * The sources with a canonical activity's curve in [from, to] that `sources` leaves out (e.g. Strava for a coach),
 * so a reader can say what the curve does not show.
 */
export async function withheldSources(
  db: StatementExecutor,
  userId: string,
  q: { kind: CurveKind; sport: CurveSport; sources: ActivitySource[]; from: string; to: string },
): Promise<ActivitySource[]> {
  const rows = await rowsOf<{ source: ActivitySource }>(
    db.execute(sql`
      select distinct c.source::text as source from activity_curves c join activities a on a.id = c.activity_id
      where c.user_id = ${userId} and c.kind = ${q.kind} and c.sport = ${q.sport} and a.duplicate_of is null
        and c.local_date between ${q.from} and ${q.to} and not (c.source::text = any(${sql.param(q.sources)}::text[]))
      order by 1`),
  );
  return rows.map((r) => r.source);
}

/** The athlete's first day with a stored curve of this kind and sport (the start of "all time"). */
export async function firstCurveDay(db: StatementExecutor, userId: string, kind: CurveKind, sport: CurveSport): Promise<string | null> {
  const rows = await rowsOf<{ d: string | null }>(
    db.execute(sql`select min(month)::text as d from curve_months where user_id = ${userId} and kind = ${kind} and sport = ${sport}`),
  );
  return rows[0]?.d ?? null;
}

const prevMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12-01` : `${y}-${String(mo - 1).padStart(2, '0')}-01`;
};
