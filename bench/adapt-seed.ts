// The nightly pass's athletes for adapt.bench.ts, cloned in SQL from one template athlete made through the services:
// every column copied as the template has it (read from the catalogue, so a new column is copied too), ids remapped.
import type pg from 'pg';
import { addDays } from '../worker/lib/dates.ts';

/** A uuid made from `expr` (md5 with the version and variant digits set, so the app's uuid checks accept it). */
const uuidOf = (expr: string) => `overlay(overlay(md5(${expr}) placing '4' from 13) placing '8' from 17)::uuid`;

/** `insert into table select …` copying the template's rows once per bench athlete; `id` remapped, `over` replaces columns. */
async function clone(sql: pg.Client, table: string, over: Record<string, string>, from: string): Promise<number> {
  const cols = (
    await sql.query<{ column_name: string }>(
      `select column_name from information_schema.columns
        where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' and is_identity = 'NO' order by ordinal_position`,
      [table],
    )
  ).rows.map((r) => r.column_name);
  const exprs = cols.map((c) => over[c] ?? (c === 'id' ? uuidOf('t.id::text || b.id::text') : c === 'user_id' ? 'b.id' : `t.${c}`));
  const r = await sql.query(`insert into ${table} (${cols.join(', ')}) select ${exprs.join(', ')} ${from}`);
  return r.rowCount ?? 0;
}

/**
 * `athletes` bench athletes cloned from `template` (plan, workouts, the calendar window's activities and their loads,
 * training days, thresholds), `missedTenths` in ten without the activity of `lastDay`'s session; all read yesterday.
 */
export async function seedNight(
  sql: pg.Client,
  o: { template: string; today: string; lastDay: string; athletes: number; missedTenths: number },
): Promise<Record<string, number>> {
  const { template, today, lastDay } = o;
  const yesterday = addDays(today, -1);
  const since = addDays(today, -14);
  const missed = `(b.g % 10 < ${o.missedTenths})`;
  await sql.query('begin');
  await sql.query(`create temp table adapt_bench_users on commit drop as
    select ${uuidOf(`'adapt-night-' || g`)} as id, g from generate_series(1, ${o.athletes}) g`);
  const n: Record<string, number> = {};
  const t = `'${template}'::uuid`;
  n.users = await clone(
    sql,
    'users',
    { email: `'adapt-night-' || b.g || '@bench.cadence.test'`, display_name: `'Night ' || b.g`, id: 'b.id' },
    `from users t cross join adapt_bench_users b where t.id = ${t}`,
  );
  n.plans = await clone(sql, 'plans', {}, `from plans t cross join adapt_bench_users b where t.user_id = ${t} and t.status = 'active'`);
  n.planned_workouts = await clone(
    sql,
    'planned_workouts',
    { plan_id: uuidOf('t.plan_id::text || b.id::text'), linked_activity_id: 'null::uuid' },
    `from planned_workouts t join plans x on x.id = t.plan_id and x.status = 'active' cross join adapt_bench_users b where t.user_id = ${t}`,
  );
  const window = `a.user_id = ${t} and a.start_time >= '${since}'::date and not (${missed} and a.local_start_date = '${lastDay}'::date)`;
  n.activities = await clone(
    sql,
    'activities',
    { duplicate_of: 'null::uuid' },
    `from activities t join activities a on a.id = t.id cross join adapt_bench_users b where ${window}`,
  );
  n.activity_metrics = await clone(
    sql,
    'activity_metrics',
    { activity_id: uuidOf('t.activity_id::text || b.id::text') },
    `from activity_metrics t join activities a on a.id = t.activity_id cross join adapt_bench_users b where ${window}`,
  );
  n.training_days = await clone(
    sql,
    'training_days',
    {},
    `from training_days t cross join adapt_bench_users b where t.user_id = ${t} and not (${missed} and t.day = '${lastDay}'::date)`,
  );
  n.athlete_thresholds = await clone(
    sql,
    'athlete_thresholds',
    {},
    `from athlete_thresholds t cross join adapt_bench_users b where t.user_id = ${t}`,
  );
  // Read yesterday by the last night's pass: everyone is due today, the longest unread first.
  n.plan_adapt_states = (
    await sql.query(
      `insert into plan_adapt_states (user_id, day, analytics_version, thresholds, checked_at)
       select b.id, '${yesterday}'::date, u.analytics_version, null, now() - interval '1 day' + b.g * interval '1 second'
       from adapt_bench_users b join users u on u.id = b.id`,
    )
  ).rowCount!;
  await sql.query('commit');
  await sql.query('vacuum analyze users, plans, planned_workouts, activities, activity_metrics, training_days, plan_adapt_states');
  return n;
}
