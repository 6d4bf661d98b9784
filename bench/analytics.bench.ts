// Analytics benchmark: an athlete with ten years of sandbox history (~5,500 activities).
// Figures: full rebuild time (target ≤ 2 s), the incremental update after one new activity (≤ 20 ms),
// and the dashboard API p95 at 20 concurrent clients (≤ 50 ms, and ≤ 3× the health route's p95 in the
// same run). The worker's analytics code is bundled for Node to time rebuild and incremental directly.
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { assertLoopback, fmt, load, percentile, summarize, type Sample, loadEntry } from './lib.ts';
import { createUsers, login } from './users.ts';

const ACTIVITIES = 5500;
const WITH_STREAMS = 1000; // the newest 1,000 carry full streams; older ones their detail and best efforts
const REBUILD_RUNS = 5;
const INCREMENTAL_RUNS = 30;
const CLIENTS = 20;
const ROUNDS = 2;
const SECONDS = 8;

type Harness = typeof import('./analytics.entry.ts');

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const p95 = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    95,
  );

export async function analyticsBench(stack: Stack): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  if (!stack.dbWsProxy) throw new Error('the analytics bench needs the local WebSocket proxy');
  const { mod, cleanup } = await loadEntry<Harness>(new URL('./analytics.entry.ts', import.meta.url));
  const h = mod.connect(stack.databaseUrl, stack.dbWsProxy);
  try {
    const [email] = await createUsers(stack.databaseUrl, 1, 'analytics');
    const client = new pg.Client({ connectionString: stack.databaseUrl });
    await client.connect();
    const userId = (await client.query<{ id: string }>('select id from users where email = $1', [email])).rows[0]!.id;
    await client.query("update users set birth_date = '1978-03-02', sex = 'male' where id = $1", [userId]);
    await client.end();

    // Load ten years through the production write path (dedup, facts, efforts, daily totals), 100 at a time.
    const end = new Date(new Date().setUTCHours(0, 0, 0, 0));
    const t0 = performance.now();
    let batch = [];
    let n = 0;
    for (const input of mod.history(4242, ACTIVITIES, end, ACTIVITIES - WITH_STREAMS)) {
      batch.push(input);
      if (batch.length === 100) {
        await h.activities.ingestMany(userId, batch);
        n += batch.length;
        batch = [];
      }
    }
    if (batch.length) await h.activities.ingestMany(userId, batch);
    n += batch.length;
    console.log(`loaded ${n} activities (${WITH_STREAMS} with streams) in ${fmt((performance.now() - t0) / 1000)} s`);

    // Production tables are analyzed by autovacuum; after a bulk load of this size, do it now as it would.
    const analyze = new pg.Client({ connectionString: stack.databaseUrl });
    await analyze.connect();
    await analyze.query('analyze');
    await analyze.end();

    // Full rebuild: estimates, every load, every daily total. First run warms up.
    const rebuilds: number[] = [];
    for (let i = 0; i <= REBUILD_RUNS; i++) {
      const r = await h.trainingLoad.rebuild(userId);
      if (i > 0) rebuilds.push(r.durationMs);
      console.log(`rebuild ${i === 0 ? 'warm-up' : i}: ${r.activities} activities in ${r.durationMs} ms`);
    }

    // Incremental: one new 1-hour run with streams (today), then its deletion; the maintenance step is timed alone.
    const bare: number[] = [];
    const inserts: number[] = [];
    const totals: number[] = [];
    const sample = [...mod.history(4242, ACTIVITIES, end, ACTIVITIES - 1)].at(-1)!;
    for (let i = 0; i < INCREMENTAL_RUNS; i++) {
      const q0 = performance.now();
      await h.db.execute('select 1' as never);
      bare.push(performance.now() - q0);
      const input = {
        ...sample,
        externalId: `bench-new-${i}`,
        startTime: new Date(),
        localStartDate: new Date().toISOString().slice(0, 10),
      };
      const before = h.changeTimes.length;
      const w0 = performance.now();
      await h.activities.ingest(userId, input);
      totals.push(performance.now() - w0);
      inserts.push(h.changeTimes[before]!);
      await h.activities.removeOne(userId, 'strava', input.externalId);
    }
    console.log(
      `incremental: maintenance p50=${fmt(median(inserts))} ms p95=${fmt(p95(inserts))} ms; whole ingest p50=${fmt(median(totals))} ms; bare query p50=${fmt(median(bare))} ms`,
    );

    // The uncached cost of each dashboard answer (what the first request after a change pays), called directly.
    const athlete = { id: userId, units: 'km' as const, timeZone: 'UTC', birthDate: '1978-03-02', sex: 'male' as const, version: 0 };
    const direct: Record<string, () => Promise<unknown>> = {
      fitness: () => h.analytics.fitnessTimeline(athlete, 90),
      weekly: () => h.analytics.weeks(athlete, 12),
      pbs: () => h.analytics.personalBests(athlete),
      insights: () => h.analytics.insights(athlete),
    };
    const cold: Record<string, number> = {};
    for (const [name, f] of Object.entries(direct)) {
      await f();
      const ts: number[] = [];
      for (let i = 0; i < 10; i++) {
        const c0 = performance.now();
        await f();
        ts.push(performance.now() - c0);
      }
      cold[name] = median(ts);
      console.log(`uncached ${name}: p50=${fmt(cold[name])} ms (10 calls)`);
    }

    // Dashboard API under 20 concurrent clients, interleaved with the health route (answers are cached per data version).
    const cookie = await login(base, stack.appUrl, email!);
    const endpoints: Record<string, () => Promise<Response>> = {
      health: () => fetch(`${base}/api/health`),
      fitness: () => fetch(`${base}/api/v1/analytics/fitness?days=90`, { headers: { cookie } }),
      weekly: () => fetch(`${base}/api/v1/analytics/weekly-volume?weeks=12`, { headers: { cookie } }),
      pbs: () => fetch(`${base}/api/v1/analytics/personal-bests`, { headers: { cookie } }),
      insights: () => fetch(`${base}/api/v1/analytics/insights`, { headers: { cookie } }),
    };
    for (const req of Object.values(endpoints)) await load(CLIENTS, 2, req);
    const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(endpoints).map((k) => [k, []]));
    for (let round = 1; round <= ROUNDS; round++)
      for (const [name, req] of Object.entries(endpoints)) {
        const s = await load(CLIENTS, SECONDS, req);
        samples[name]!.push(s);
        const x = summarize(s);
        console.log(`round ${round} ${name.padEnd(8)} n=${x.n} p50=${fmt(x.p50)}ms p95=${fmt(x.p95)}ms errors=${x.errors}`);
      }
    const merged = (name: string) =>
      summarize({
        latenciesMs: samples[name]!.flatMap((s) => s.latenciesMs),
        errors: samples[name]!.reduce((a, s) => a + s.errors, 0),
        seconds: samples[name]!.reduce((a, s) => a + s.seconds, 0),
      });
    const health = merged('health');
    const api = Object.keys(endpoints)
      .filter((k) => k !== 'health')
      .map((k) => [k, merged(k)] as const);
    const worst = api.reduce((a, b) => (b[1].p95 > a[1].p95 ? b : a));
    console.log(
      `\n${n} activities; rebuild ${REBUILD_RUNS} runs after a warm-up; incremental ${INCREMENTAL_RUNS} inserts; API ${CLIENTS} clients, ${ROUNDS} interleaved rounds × ${SECONDS}s per endpoint`,
    );
    return [
      'bench=analytics',
      `activities=${n} rebuild_p50_ms=${fmt(median(rebuilds), 0)} rebuild_max_ms=${fmt(Math.max(...rebuilds), 0)}`,
      `incremental_p50_ms=${fmt(median(inserts))} incremental_p95_ms=${fmt(p95(inserts))} bare_query_p50_ms=${fmt(median(bare))}`,
      ...Object.entries(cold).map(([k, v]) => `uncached_${k}_p50_ms=${fmt(v)}`),
      `health_p95_ms=${fmt(health.p95)}`,
      ...api.map(([k, s]) => `${k}_p95_ms=${fmt(s.p95)}`),
      `worst_api_to_health_p95_ratio=${fmt(worst[1].p95 / health.p95, 2)} errors=${health.errors + api.reduce((a, [, s]) => a + s.errors, 0)}`,
    ].join(' ');
  } finally {
    await h.close();
    cleanup();
  }
}
