// Notifications benchmark: the weekly summary for 10,000 athletes across 5 zones.
// (a) One Monday tick preparing every athlete's outbox row (one set-based pass), and the due sweep handing
//     the 10,000 rows to the queue: wall time inside the worker, and the memory of the workerd process
//     running it (peak RSS growth, /proc). Same-run reference: a bare select of the rows the tick reads.
// (b) The notify queue's consumer delivering weekly rows: `handleQueue` given batches of 10 (the queue's
//     max_batch_size) as the Queues runtime would, one invocation at a time and four at once; each delivery
//     builds the summary from the analytics and plans reads, writes the in-app row, renders with what
//     worker/wiring/ wires and sends to the sandbox over HTTP. Deliveries/s and per-delivery p50/p95; same-run
//     reference: bare sends of the production email client to the same sandbox.
// Everything runs inside workerd in a bench worker (bench/notifications/) on the production code.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { post, startBenchWorker } from './bench-worker.ts';
import { fmt, percentile } from './lib.ts';

const ATHLETES = 10_000;
// UTC+0 … +4: every athlete's Monday send time (06:30–08:00 local) falls in one hourly tick's window, the
// worst case for a single tick (athletes spread round the globe are split over many ticks).
const ZONES = ['Europe/London', 'Europe/Berlin', 'Europe/Athens', 'Europe/Moscow', 'Asia/Dubai'];
const ROUNDS = 5;
const HISTORY = 1_200; // athletes with 8 weeks of activities (the consumer's rows)
const PLANS = 200; // of those, with a plan covering the summarised week
const CONSUME_ROUNDS = 3;
const PER_ROUND = 150;
const BATCH = 10;
const SINGLES = 50;

interface Tick {
  ms: number;
  groups: number;
  dueGroups: number;
  prepared: number;
}
interface Consumed {
  wallMs: number;
  latencies: number[];
  acked: number;
  retried: number;
}

const day = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const med = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const p95 = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    95,
  );

/** The last Monday at least a week back (UTC), so every row the tick prepares is due by the wall clock. */
function benchMonday(now: Date): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const back = (d.getUTCDay() + 6) % 7;
  return isoDay(new Date(d.getTime() - (back + 7) * day));
}

async function withDb<T>(databaseUrl: string, f: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: databaseUrl });
  db.on('error', () => {});
  await db.connect();
  try {
    return await f(db);
  } finally {
    await db.end();
  }
}

/**
 * 10,000 athletes in 5 zones (a quarter with saved preferences: send times 06:30 / 07:00 / 08:00 and every
 * email mode), the first 1,000 with 8 weeks of runs and rides (activities, their loads, the daily totals).
 */
export async function seed(databaseUrl: string, monday: string): Promise<{ history: string[] }> {
  return withDb(databaseUrl, async (c) => {
    await c.query('begin');
    await c.query(
      `insert into users (email, password_hash, role, display_name, time_zone, units, created_at)
       select 'notify-bench-' || g || '@bench.cadence.test', 'x', 'athlete', 'Athlete ' || g,
              ($2::text[])[1 + g % 5], case when g % 7 = 0 then 'mi'::unit_system else 'km'::unit_system end, '2026-01-01'
       from generate_series(1, $1) g`,
      [ATHLETES, ZONES],
    );
    await c.query(`create temporary table bench_athletes on commit drop as
      select id, time_zone, substring(email from 'notify-bench-(\\d+)@')::int as n from users where email like 'notify-bench-%'`);
    await c.query(
      `insert into notification_preferences (user_id, email_mode, send_minute, channels, dnd, updated_at)
       select id, (array['daily','weekly','alerts','off'])[1 + (n / 4) % 4]::email_mode, (array[390, 420, 480])[1 + (n / 4) % 3],
              '{}'::jsonb, '[]'::jsonb, now()
       from bench_athletes where n % 4 = 0`,
    );
    await c.query(
      `insert into activities (user_id, source, external_id, sport, sport_original, name, start_time, local_start_date, timezone,
                               moving_time_s, elapsed_time_s, distance_m, content_hash)
       select b.id, 'strava', 'nb-' || b.n || '-' || k, (case when k % 4 = 3 then 'ride' else 'run' end)::sport,
              case when k % 4 = 3 then 'Ride' else 'Run' end, case when k % 4 = 3 then 'Ride ' else 'Run ' end || k,
              (($2::date - (2 * k + 1)) + time '07:00') at time zone b.time_zone, $2::date - (2 * k + 1), b.time_zone,
              2400 + (k * 97 + b.n) % 1800, 2460 + (k * 97 + b.n) % 1800,
              case when k % 4 = 3 then 8.0 else 2.9 end * (2400 + (k * 97 + b.n) % 1800), md5(b.n || '-' || k)
       from bench_athletes b cross join generate_series(0, 27) k where b.n <= $1`,
      [HISTORY, monday],
    );
    await c.query(
      `insert into activity_metrics (activity_id, user_id, facts, load, load_method, intensity, confidence)
       select a.id, a.user_id, '{}'::jsonb, a.moving_time_s / 36.0, 'duration_estimate', null, 'low'
       from activities a join bench_athletes b on b.id = a.user_id`,
    );
    await c.query(
      `insert into training_days (user_id, day, sport, source, load, moving_s, distance_m, elevation_m, count)
       select a.user_id, a.local_start_date, a.sport, a.source, sum(m.load), sum(a.moving_time_s), sum(a.distance_m), 0, count(*)
       from activities a join activity_metrics m on m.activity_id = a.id join bench_athletes b on b.id = a.user_id
       group by 1, 2, 3, 4`,
    );
    const history = (await c.query<{ id: string }>('select id from bench_athletes where n <= $1 order by n', [HISTORY])).rows.map(
      (r) => r.id,
    );
    await c.query('commit');
    await c.query('analyze');
    return { history };
  });
}

/** workerd processes beneath the bench worker's wrangler (the runtime running our code). */
export function workerdUnder(root: number): number[] {
  const parent = new Map<number, number>();
  const name = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      name.set(Number(entry), stat.slice(stat.indexOf('(') + 1, close));
      parent.set(Number(entry), Number(stat.slice(close + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const under = (pid: number): boolean => {
    for (let p = parent.get(pid), hops = 0; p && hops < 10; p = parent.get(p), hops++) if (p === root) return true;
    return false;
  };
  return [...name.entries()].filter(([pid, n]) => n === 'workerd' && under(pid)).map(([pid]) => pid);
}

const kib = (pid: number, key: string) =>
  Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

/** Runs `f` with workerd's peak-RSS mark reset first; answers its RSS before and its peak during, in MiB. */
async function measured<T>(pid: number, f: () => Promise<T>): Promise<{ value: T; baseMib: number; peakMib: number; wallMs: number }> {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
  const base = kib(pid, 'VmRSS');
  const t0 = performance.now();
  const value = await f();
  const wallMs = performance.now() - t0;
  return { value, baseMib: base / 1024, peakMib: kib(pid, 'VmHWM') / 1024, wallMs };
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

export async function notificationsBench(stack: Stack): Promise<string> {
  const monday = benchMonday(new Date());
  const tickAt = `${monday}T07:00:00Z`;
  const weekStart = isoDay(new Date(new Date(`${monday}T00:00:00Z`).getTime() - 7 * day));
  console.log(`load average at start: ${loadAverage()}`);
  let t0 = performance.now();
  const { history } = await seed(stack.databaseUrl, monday);
  console.log(
    `seeded ${ATHLETES} athletes in ${ZONES.length} zones (${HISTORY} with 8 weeks of history) in ${fmt((performance.now() - t0) / 1000)} s; the bench Monday is ${monday}, the tick at ${tickAt}`,
  );

  const worker = await startBenchWorker(stack, 'bench/notifications/wrangler.toml', { EMAIL_API_URL: `${stack.sandboxUrl}/email/` });
  try {
    // The workerd running the bench worker's code: the largest of those under its wrangler.
    const pids = workerdUnder(worker.pid).sort((a, b) => kib(b, 'VmRSS') - kib(a, 'VmRSS'));
    const pid = pids[0];
    if (!pid) throw new Error('no workerd process found under the bench worker');
    console.log(`workerd processes under the bench worker: ${pids.map((p) => `${p} (${fmt(kib(p, 'VmRSS') / 1024)} MiB)`).join(', ')}`);
    t0 = performance.now();
    const planned = await post<{ created: number }>(`${worker.url}/plans`, {
      userIds: history.slice(0, PLANS),
      clockAt: `${isoDay(new Date(new Date(`${weekStart}T00:00:00Z`).getTime() - day))}T12:00:00Z`,
      startDate: weekStart,
      eventDate: isoDay(new Date(new Date(`${weekStart}T00:00:00Z`).getTime() + 84 * day)),
    });
    console.log(`${planned.created} plans made through the plans service in ${fmt((performance.now() - t0) / 1000)} s`);

    // (a) The tick. Warm-up first (connections, JIT, Intl formatters), checked.
    await post(`${worker.url}/reset`, {});
    const warm = await post<Tick>(`${worker.url}/tick`, { at: tickAt });
    if (warm.prepared !== ATHLETES) throw new Error(`warm-up tick prepared ${warm.prepared}, expected ${ATHLETES}`);
    await post(`${worker.url}/reset`, {});
    const tickMs: number[] = [];
    const tickWall: number[] = [];
    const sweepMs: number[] = [];
    const refMs: number[] = [];
    const quietMs: number[] = [];
    const growth: number[] = [];
    const sweepGrowth: number[] = [];
    let base = 0;
    let last: { ids: string[] } = { ids: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      const ref = await post<{ ms: number; rows: number }>(`${worker.url}/reference`, {});
      refMs.push(ref.ms);
      const t = await measured(pid, () => post<Tick>(`${worker.url}/tick`, { at: tickAt }));
      if (t.value.prepared !== ATHLETES) throw new Error(`round ${round}: prepared ${t.value.prepared}, expected ${ATHLETES}`);
      tickMs.push(t.value.ms);
      tickWall.push(t.wallMs);
      growth.push(t.peakMib - t.baseMib);
      base = t.baseMib;
      // Idempotent: the same tick again, and the next hour's, prepare nothing.
      const again = await post<Tick>(`${worker.url}/tick`, { at: tickAt });
      const nextHour = await post<Tick>(`${worker.url}/tick`, { at: new Date(new Date(tickAt).getTime() + 3600_000).toISOString() });
      if (again.prepared !== 0 || nextHour.prepared !== 0)
        throw new Error(`round ${round}: a second tick prepared ${again.prepared + nextHour.prepared}`);
      // A tick with nothing due (Thursday): the cost of the other 167 hours of the week.
      quietMs.push((await post<Tick>(`${worker.url}/tick`, { at: new Date(new Date(tickAt).getTime() + 3 * day).toISOString() })).ms);
      // Enqueue: the due sweep hands the 10,000 due rows to the (stub) queue, 100 per sendBatch.
      const s = await measured(pid, () =>
        post<{ ms: number; count: number; ids: string[] }>(`${worker.url}/sweep`, { at: new Date().toISOString(), limit: ATHLETES }),
      );
      if (s.value.count !== ATHLETES) throw new Error(`round ${round}: swept ${s.value.count}, expected ${ATHLETES}`);
      sweepMs.push(s.value.ms);
      sweepGrowth.push(s.peakMib - s.baseMib);
      last = s.value;
      console.log(
        `round ${round}: tick prepared ${t.value.prepared} rows (${t.value.dueGroups} of ${t.value.groups} groups due) in ${t.value.ms} ms (HTTP round trip ${fmt(t.wallMs, 0)} ms), workerd RSS ${fmt(t.baseMib)} MiB, peak +${fmt(t.peakMib - t.baseMib)} MiB; bare select of the ${ref.rows} rows ${ref.ms} ms; quiet tick ${quietMs.at(-1)} ms; sweep enqueued ${s.value.count} in ${s.value.ms} ms (peak +${fmt(s.peakMib - s.baseMib)} MiB)`,
      );
      if (round < ROUNDS) await post(`${worker.url}/reset`, {});
    }
    if (last.ids.length !== ATHLETES) throw new Error('the last sweep did not hand over every row');

    // (b) The consumer, on the rows of the athletes with history (200 of them with a plan).
    const ids = await withDb(stack.databaseUrl, async (c) =>
      (
        await c.query<{ id: string }>(
          `select d.id from notification_deliveries d where d.kind = 'weekly' and d.user_id = any($1::uuid[]) order by array_position($1::uuid[], d.user_id)`,
          [history],
        )
      ).rows.map((r) => r.id),
    );
    // Mixed so every round has athletes with and without a plan.
    const order = ids
      .map((id, i) => ({ id, k: (i * 7919) % ids.length }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.id);
    let next = 0;
    const take = (n: number) => {
      const slice = order.slice(next, next + n);
      next += n;
      return slice;
    };
    await post<Consumed>(`${worker.url}/consume`, { ids: take(40), batchSize: BATCH, concurrency: 1 });
    await post(`${worker.url}/sends`, { n: 40, concurrency: BATCH, to: 'reference@bench.cadence.test' });
    // Unloaded: the summary alone for 50 athletes (rows then left aside: a delivery would find their
    // analytics answers cached), then one delivery at a time (batches of one) for 50 others.
    const asideUsers = await withDb(stack.databaseUrl, async (c) =>
      (
        await c.query<{ user_id: string }>('select user_id from notification_deliveries where id = any($1::uuid[])', [take(SINGLES)])
      ).rows.map((r) => r.user_id),
    );
    const alone = await post<{ latencies: number[] }>(`${worker.url}/summaries`, { userIds: asideUsers, weekStart });
    const singles = await post<Consumed>(`${worker.url}/consume`, { ids: take(SINGLES), batchSize: 1, concurrency: 1 });
    const aside = SINGLES;
    console.log(
      `one delivery at a time: p50 ${med(singles.latencies)} ms, p95 ${p95(singles.latencies)} ms (${fmt((SINGLES / singles.wallMs) * 1000)}/s); the summary alone (other athletes, uncached): p50 ${med(alone.latencies)} ms, p95 ${p95(alone.latencies)} ms`,
    );
    const seq: Consumed[] = [];
    const par: Consumed[] = [];
    const ref: { wallMs: number; latencies: number[] }[] = [];
    let rssPeak = 0;
    for (let round = 1; round <= CONSUME_ROUNDS; round++) {
      const a = await measured(pid, () =>
        post<Consumed>(`${worker.url}/consume`, { ids: take(PER_ROUND), batchSize: BATCH, concurrency: 1 }),
      );
      seq.push(a.value);
      const r = await post<{ wallMs: number; latencies: number[] }>(`${worker.url}/sends`, {
        n: PER_ROUND,
        concurrency: BATCH,
        to: 'reference@bench.cadence.test',
      });
      ref.push(r);
      const b = await measured(pid, () =>
        post<Consumed>(`${worker.url}/consume`, { ids: take(PER_ROUND), batchSize: BATCH, concurrency: 4 }),
      );
      par.push(b.value);
      rssPeak = Math.max(rssPeak, a.peakMib - a.baseMib, b.peakMib - b.baseMib);
      for (const [label, c] of [
        ['1 invocation at a time', a.value],
        ['4 invocations at once', b.value],
      ] as const) {
        if (c.acked !== PER_ROUND || c.retried !== 0) throw new Error(`round ${round} (${label}): ${c.acked} acked, ${c.retried} retried`);
      }
      console.log(
        `consumer round ${round}: ${PER_ROUND} deliveries, 1 invocation at a time ${fmt((PER_ROUND / a.value.wallMs) * 1000)}/s (p50 ${med(a.value.latencies)} ms, p95 ${p95(a.value.latencies)} ms); 4 at once ${fmt((PER_ROUND / b.value.wallMs) * 1000)}/s (p50 ${med(b.value.latencies)} ms, p95 ${p95(b.value.latencies)} ms); bare sends, 10 at once ${fmt((PER_ROUND / r.wallMs) * 1000)}/s (p50 ${med(r.latencies)} ms, p95 ${p95(r.latencies)} ms)`,
      );
    }
    // What happened to the delivered rows: each sent or skipped by the athlete's mode, none stuck, none twice.
    const outcome = await withDb(
      stack.databaseUrl,
      async (c) =>
        (
          await c.query<{ status: string; reason: string | null; n: number; attempts: number }>(
            `select status, coalesce(reason, '') as reason, count(*)::int as n, max(attempts) as attempts from notification_deliveries
           where id = any($1::uuid[]) group by 1, 2 order by 1, 2`,
            [[...order.slice(0, 40), ...order.slice(40 + aside, next)]],
          )
        ).rows,
    );
    const inApp = await withDb(stack.databaseUrl, async (c) =>
      Number((await c.query(`select count(*) from notifications where kind = 'weekly.summary'`)).rows[0].count),
    );
    const processed = outcome.reduce((s, r) => s + r.n, 0);
    const sent = outcome.filter((r) => r.status === 'sent').reduce((s, r) => s + r.n, 0);
    const bad = outcome.filter((r) => r.status !== 'sent' && r.status !== 'skipped');
    console.log(
      `delivered rows: ${outcome.map((r) => `${r.status}${r.reason ? `/${r.reason}` : ''} ${r.n}`).join(', ')}; in-app rows ${inApp}; max attempts ${Math.max(...outcome.map((r) => r.attempts))}`,
    );
    if (bad.length || processed !== next - aside || inApp !== next - aside || outcome.some((r) => r.attempts !== 1))
      throw new Error('MISMATCH in the delivered rows');
    console.log(`load average at the end: ${loadAverage()}`);

    const all = (xs: Consumed[]) => xs.flatMap((c) => c.latencies);
    const rate = (xs: { wallMs: number }[], n: number) => (n * xs.length * 1000) / xs.reduce((s, c) => s + c.wallMs, 0);
    const refLat = ref.flatMap((r) => r.latencies);
    console.log(
      `\n| figure | value |\n| --- | --- |\n` +
        `| weekly tick, 10,000 rows prepared in one pass, p50 / max of ${ROUNDS} (inside workerd) | ${med(tickMs)} / ${Math.max(...tickMs)} ms |\n` +
        `| same, HTTP round trip to the bench worker, p50 | ${fmt(med(tickWall), 0)} ms |\n` +
        `| reference: bare select of the rows the tick reads, p50 | ${med(refMs)} ms (ratio ${fmt(med(tickMs) / med(refMs))}) |\n` +
        `| a tick with nothing due (the other hours), p50 | ${med(quietMs)} ms |\n` +
        `| due sweep enqueueing the 10,000 rows (500 per statement, 100 per sendBatch), p50 / max | ${med(sweepMs)} / ${Math.max(...sweepMs)} ms |\n` +
        `| workerd RSS before the tick; peak growth during tick / sweep (max of ${ROUNDS}) | ${fmt(base)} MiB; +${fmt(Math.max(...growth))} / +${fmt(Math.max(...sweepGrowth))} MiB |\n` +
        `| one delivery at a time (batches of one), p50 / p95; the summary build alone (other athletes), p50 / p95 | ${med(singles.latencies)} / ${p95(singles.latencies)} ms; ${med(alone.latencies)} / ${p95(alone.latencies)} ms |\n` +
        `| consumer, 1 invocation at a time (batches of 10): deliveries/s; per delivery p50 / p95 | ${fmt(rate(seq, PER_ROUND))}/s; ${med(all(seq))} / ${p95(all(seq))} ms |\n` +
        `| consumer, 4 invocations at once: deliveries/s; per delivery p50 / p95 | ${fmt(rate(par, PER_ROUND))}/s; ${med(all(par))} / ${p95(all(par))} ms |\n` +
        `| reference: bare sends to the sandbox, 10 at once: sends/s; p50 / p95 | ${fmt(rate(ref, PER_ROUND))}/s; ${med(refLat)} / ${p95(refLat)} ms |\n` +
        `| workerd peak RSS growth during the consumer rounds | +${fmt(rssPeak)} MiB |`,
    );
    return `bench=notifications athletes=${ATHLETES} zones=${ZONES.length} tick_ms_p50=${med(tickMs)} tick_to_select_ratio=${fmt(med(tickMs) / med(refMs))} quiet_tick_ms_p50=${med(quietMs)} sweep_ms_p50=${med(sweepMs)} workerd_rss_growth_tick_mib=${fmt(Math.max(...growth))} consumer_per_s=${fmt(rate(seq, PER_ROUND))} consumer_4x_per_s=${fmt(rate(par, PER_ROUND))} delivery_p50_ms=${med(all(seq))} delivery_p95_ms=${p95(all(seq))} bare_send_p50_ms=${med(refLat)} sent=${sent} processed=${processed}`;
  } finally {
    await worker.stop();
  }
}
