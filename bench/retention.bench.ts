// The nightly retention job (privacy.retention, ADR 043) through the worker's own cron handler on the dev
// stack: 200,000 webhook events (10% past 30 days), 200,000 notifications (10% past 180 days) and 50,000
// sessions (10% expired). Reported: each night's wall time until the table is clean (a night removes at most
// 10,000 rows per rule, so the backlog takes two), the counts from the run's audit row, then the steady-state
// night with nothing due, with and without the sweep indexes of migration 0035 (interleaved, 3 rounds each;
// the same-run ratio is what the indexes buy), and Postgres's plan for the webhook count both ways.
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { fmt } from './lib.ts';

const DAILY = '30 3 * * *';
const INDEXES = {
  webhook_events_payload_retention_idx: `create index webhook_events_payload_retention_idx on webhook_events (received_at) where payload <> '{}'::jsonb`,
  notifications_created_idx: 'create index notifications_created_idx on notifications (created_at)',
};

async function withDb<T>(url: string, f: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: url });
  db.on('error', () => {});
  await db.connect();
  try {
    return await f(db);
  } finally {
    await db.end();
  }
}

async function seed(db: pg.Client): Promise<void> {
  const tag = Date.now().toString(36);
  await db.query(
    `insert into users (email, password_hash, display_name)
     select 'ret-' || g || '-' || $1 || '@bench.cadence.test', 'x', 'Retention' from generate_series(1, 1000) g`,
    [tag],
  );
  await db.query(
    `insert into webhook_events (provider, dedupe_key, payload, received_at, processed_at, outcome)
     select 'strava', 'ret-' || $1 || '-' || g, jsonb_build_object('owner_id', g, 'object_id', g * 7, 'aspect_type', 'create'),
            now() - case when g % 10 = 0 then interval '35 days' else (g % 29) * interval '1 day' end,
            now() - case when g % 10 = 0 then interval '35 days' else (g % 29) * interval '1 day' end, 'processed'
       from generate_series(1, 200000) g`,
    [tag],
  );
  await db.query(
    `insert into notifications (user_id, dedupe_key, kind, category, title, created_at)
     select u.id, 'ret-' || $1 || '-' || u.n || '-' || g, 'plan.created', 'plan', 'Bench',
            now() - case when g % 10 = 0 then interval '200 days' else (g % 170) * interval '1 day' end
       from (select id, row_number() over () as n from users where email like 'ret-%-' || $1 || '@bench.cadence.test') u
       cross join generate_series(1, 200) g`,
    [tag],
  );
  await db.query(
    `insert into sessions (token_hash, user_id, auth_version, expires_at)
     select 'ret-' || $1 || '-' || u.n || '-' || g, u.id, 1,
            now() + case when g % 10 = 0 then interval '-1 day' else interval '20 days' end
       from (select id, row_number() over () as n from users where email like 'ret-%-' || $1 || '@bench.cadence.test') u
       cross join generate_series(1, 50) g`,
    [tag],
  );
  await db.query('vacuum analyze webhook_events, notifications, sessions');
}

type RuleRun = { matched: number; deleted: number; more: boolean };

/** One night: the daily cron through the worker, timed until its audit row is there. */
async function night(stack: Stack, db: pg.Client): Promise<{ ms: number; rules: Record<string, RuleRun> }> {
  const before = Number(
    (await db.query(`select coalesce(max(id), 0) as id from audit_log where action = 'privacy.retention_run'`)).rows[0].id,
  );
  const t0 = performance.now();
  const status = await stack.fireCron(DAILY);
  if (status !== 200) throw new Error(`cron answered ${status}`);
  for (;;) {
    const { rows } = await db.query(
      `select payload from audit_log where action = 'privacy.retention_run' and id > $1 order by id limit 1`,
      [before],
    );
    if (rows[0]) return { ms: performance.now() - t0, rules: rows[0].payload.rules as Record<string, RuleRun> };
    await new Promise((r) => setTimeout(r, 20));
  }
}

const short = (rules: Record<string, RuleRun>) =>
  ['webhook-payloads', 'notifications', 'sessions']
    .map((id) => `${id} ${rules[id]?.deleted}/${rules[id]?.matched}${rules[id]?.more ? '+' : ''}`)
    .join(', ');

async function plan(db: pg.Client): Promise<string> {
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(
    `explain (analyze) select count(*)::int as n from webhook_events
      where processed_at is not null and received_at < now() - interval '30 days' and payload <> '{}'::jsonb`,
  );
  return rows.map((r) => r['QUERY PLAN']).join('\n    ');
}

export async function retentionBench(stack: Stack): Promise<string> {
  return withDb(stack.databaseUrl, async (db) => {
    const s0 = performance.now();
    await seed(db);
    console.log(`seeded 200,000 webhook events, 200,000 notifications, 50,000 sessions in ${fmt((performance.now() - s0) / 1000)} s`);

    const backlog: number[] = [];
    for (let i = 1; i <= 3; i++) {
      const n = await night(stack, db);
      backlog.push(n.ms);
      console.log(`night ${i}: ${fmt(n.ms)} ms — removed/matched ${short(n.rules)}`);
      if (!Object.values(n.rules).some((r) => r.matched > 0)) break;
    }

    // Steady state: nothing due. Interleaved with and without the sweep indexes.
    const withIdx: number[] = [];
    const without: number[] = [];
    let planWith = '';
    let planWithout = '';
    for (let round = 0; round < 3; round++) {
      withIdx.push((await night(stack, db)).ms);
      if (round === 0) planWith = await plan(db);
      for (const name of Object.keys(INDEXES)) await db.query(`drop index ${name}`);
      without.push((await night(stack, db)).ms);
      if (round === 0) planWithout = await plan(db);
      for (const ddl of Object.values(INDEXES)) await db.query(ddl);
      await db.query('analyze webhook_events, notifications');
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
    const mWith = median(withIdx);
    const mWithout = median(without);
    console.log(
      `idle night with indexes: ${withIdx.map((x) => fmt(x)).join(', ')} ms; without: ${without.map((x) => fmt(x)).join(', ')} ms`,
    );
    console.log(`webhook count, with the index:\n    ${planWith}\nwithout:\n    ${planWithout}`);
    return [
      'bench=retention',
      `backlog_nights=${backlog.length} backlog_night_ms=${backlog.map((x) => fmt(x, 0)).join('/')}`,
      `idle_night_ms=${fmt(mWith)} idle_night_no_index_ms=${fmt(mWithout)} idle_ratio=${fmt(mWith / mWithout, 2)}`,
    ].join(' ');
  });
}
