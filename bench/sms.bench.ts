// SMS scheduler benchmark: one tick *preparing* 10,000 due reminders across 200 orgs (finding the
// missing reminder rows, wording each with its org's template and zone, applying quiet hours,
// inserting them idempotently). Runs the worker's planner bundled for Node (the same code the
// per-minute cron runs in workerd) against the stack's Postgres, and measures wall time and the Node
// process's heap and RSS while it runs. Reference in the same run: a bare select of the same bookings.
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { percentile, loadEntry } from './lib.ts';

const ORGS = 200;
const BOOKINGS_PER_ORG = 50;
const ROUNDS = 3;
const ZONES = ['America/Denver', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata'];

type Entry = typeof import('./sms.entry.ts');

/** 200 orgs (5 zones, half with quiet hours, a quarter with their own reminder wording), 50 clients and bookings each. */
async function seed(databaseUrl: string, now: Date): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query('begin');
    await c.query(
      `insert into users (email, password_hash, role, display_name)
                   select 'sms-bench-' || g || '@bench.test', 'x', 'coach', 'Coach ' || g from generate_series(1, $1) g`,
      [ORGS],
    );
    await c.query(
      `insert into orgs (name, time_zone, quiet_start, quiet_end, reminder_offsets, created_by)
       select 'Org ' || g, ($2::text[])[1 + g % array_length($2::text[], 1)],
              case when g % 2 = 0 then '21:00'::time end, case when g % 2 = 0 then '08:00'::time end, '[1440]'::jsonb, u.id
       from generate_series(1, $1) g join users u on u.email = 'sms-bench-' || g || '@bench.test'`,
      [ORGS, ZONES],
    );
    await c.query(
      `insert into org_members (org_id, user_id, role) select o.id, o.created_by, 'owner' from orgs o where o.name like 'Org %'`,
    );
    await c.query(
      `insert into sms_templates (org_id, kind, body) select id, 'reminder', 'See you {{session_date}} at {{session_time}}, {{client_first_name}}! {{location}} – {{coach_name}}' from orgs where name like 'Org %' and substr(name, 5)::int % 4 = 0`,
    );
    await c.query(
      `insert into clients (org_id, name, phone)
       select o.id, 'Client ' || g || ' Bench', '+1555' || lpad((row_number() over ())::text, 7, '0')
       from orgs o cross join generate_series(1, $1) g where o.name like 'Org %'`,
      [BOOKINGS_PER_ORG],
    );
    // Sessions 25–34 h ahead: every 24 h reminder falls due within the tick's planning horizon, some at night.
    await c.query(
      `insert into bookings (org_id, client_id, coach_id, starts_at, ends_at, location)
       select c.org_id, c.id, o.created_by, $1::timestamptz + ((25 * 60 + (row_number() over (partition by c.org_id order by c.id)) * 11) * interval '1 minute'),
              $1::timestamptz + ((26 * 60 + (row_number() over (partition by c.org_id order by c.id)) * 11) * interval '1 minute'), 'Studio'
       from clients c join orgs o on o.id = c.org_id where o.name like 'Org %'`,
      [now.toISOString()],
    );
    await c.query('commit');
    await c.query('analyze');
  } finally {
    await c.end();
  }
}

export async function smsBench(stack: Stack): Promise<string> {
  if (!stack.dbWsProxy) throw new Error('the sms bench needs the local WebSocket proxy');
  const now = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  await seed(stack.databaseUrl, now);
  const { mod, cleanup } = await loadEntry<Entry>(new URL('./sms.entry.ts', import.meta.url));
  const h = mod.connect(stack.databaseUrl, stack.dbWsProxy, now);
  const planMs: number[] = [];
  const selectMs: number[] = [];
  const queryMs: number[] = [];
  const heapPeakMb: number[] = [];
  const rssPeakMb: number[] = [];
  try {
    // Warm-up: connections, JIT, Intl formatters.
    await h.bareSelect();
    await h.plan();
    await h.reset();
    for (let round = 1; round <= ROUNDS; round++) {
      let t0 = performance.now();
      const rows = await h.bareSelect();
      selectMs.push(performance.now() - t0);
      t0 = performance.now();
      await h.query();
      queryMs.push(performance.now() - t0);
      global.gc?.();
      const base = process.memoryUsage();
      let heapPeak = base.heapUsed;
      let rssPeak = base.rss;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        heapPeak = Math.max(heapPeak, m.heapUsed);
        rssPeak = Math.max(rssPeak, m.rss);
      }, 5);
      t0 = performance.now();
      const planned = await h.plan();
      planMs.push(performance.now() - t0);
      clearInterval(sampler);
      heapPeakMb.push((heapPeak - base.heapUsed) / 2 ** 20);
      rssPeakMb.push((rssPeak - base.rss) / 2 ** 20);
      if (planned !== ORGS * BOOKINGS_PER_ORG || rows !== ORGS * BOOKINGS_PER_ORG)
        throw new Error(`planned ${planned}, selected ${rows}; expected ${ORGS * BOOKINGS_PER_ORG}`);
      // A second tick right after plans nothing: the keys already exist.
      if ((await h.plan()) !== 0) throw new Error('a second tick planned again');
      console.log(
        `round ${round}: planned ${planned} reminders in ${planMs.at(-1)!.toFixed(0)} ms (bare select ${selectMs.at(-1)!.toFixed(0)} ms, the planner's query alone ${queryMs.at(-1)!.toFixed(0)} ms), heap +${heapPeakMb.at(-1)!.toFixed(1)} MiB, rss +${rssPeakMb.at(-1)!.toFixed(1)} MiB`,
      );
      await h.reset();
    }
  } finally {
    await h.close();
    cleanup();
  }
  const med = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  const ratio = med(planMs) / med(selectMs);
  return `bench=sms reminders=${ORGS * BOOKINGS_PER_ORG} orgs=${ORGS} plan_ms_p50=${med(planMs).toFixed(0)} bare_select_ms_p50=${med(selectMs).toFixed(0)} plan_query_ms_p50=${med(queryMs).toFixed(0)} plan_to_select_ratio=${ratio.toFixed(1)} heap_peak_mib=${Math.max(...heapPeakMb).toFixed(1)} rss_peak_mib=${Math.max(...rssPeakMb).toFixed(1)} per_reminder_us=${((med(planMs) * 1000) / (ORGS * BOOKINGS_PER_ORG)).toFixed(0)}`;
}
