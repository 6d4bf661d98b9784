// Duration curves benchmark (issue 39): a 10-year athlete (5,500 activities, the newest 1,000 with streams from the
// Strava sandbox's generator) loaded through the production write path, then
// 1. the first full build of every stored curve (`rebuild({ derive: true })`: every stream read again) — target ≤ 60 s;
// 2. one new 4-hour ride at 1 Hz: the curve step of its write (compute, replace its rows, rebuild its month),
//    timed alone, and the whole analytics step of the write for context — target ≤ 50 ms;
// 3. the season power curve API under 20 clients, interleaved with the health route — target p95 ÷ health p95 ≤ 2
//    (answers are cached per data version, as every analytics answer), and an uncached custom range on every call.
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { addDays } from '../worker/lib/dates.ts';
import { assertLoopback, fmt, load, loadEntry, percentile, summarize, type Sample } from './lib.ts';
import { createUsers, login } from './users.ts';

const ACTIVITIES = 5500;
const WITH_STREAMS = 1000;
const STEP_RUNS = 20;
const CLIENTS = 20;
const ROUNDS = 2;
const SECONDS = 8;

type Entry = typeof import('./curves.entry.ts');
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

export async function curvesBench(stack: Stack): Promise<string> {
  const base = stack.workerUrl;
  assertLoopback(base);
  if (!stack.dbWsProxy) throw new Error('the curves bench needs the local WebSocket proxy');
  const { mod, cleanup } = await loadEntry<Entry>(new URL('./curves.entry.ts', import.meta.url));
  const h = mod.connect(stack.databaseUrl, stack.dbWsProxy);
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  await client.connect();
  try {
    const [email] = await createUsers(stack.databaseUrl, 1, 'curves');
    const userId = (await client.query<{ id: string }>('select id from users where email = $1', [email])).rows[0]!.id;

    const end = new Date(new Date().setUTCHours(0, 0, 0, 0));
    const t0 = performance.now();
    let batch = [];
    for (const input of mod.history(4242, ACTIVITIES, end, ACTIVITIES - WITH_STREAMS)) {
      batch.push(input);
      if (batch.length === 100) {
        await h.activities.ingestMany(userId, batch);
        batch = [];
      }
    }
    if (batch.length) await h.activities.ingestMany(userId, batch);
    console.log(`loaded ${ACTIVITIES} activities (${WITH_STREAMS} with streams) in ${fmt((performance.now() - t0) / 1000)} s`);
    await client.query('analyze');
    const counts = (
      await client.query<{ acts: number; months: number }>(
        `select (select count(*)::int from activity_curves where user_id = $1) as acts,
                (select count(*)::int from curve_months where user_id = $1) as months`,
        [userId],
      )
    ).rows[0]!;

    // 1. First full build: every curve from every stream (with the facts the same pass derives).
    await client.query('delete from curve_months where user_id = $1', [userId]);
    await client.query('delete from activity_curves where user_id = $1', [userId]);
    const build = await h.trainingLoad.rebuild(userId, { derive: true });
    console.log(
      `full build: ${build.activities} activities, ${counts.acts} activity curves, ${counts.months} month rows in ${build.durationMs} ms`,
    );

    // 2. One new 4-hour ride: stored once, then its curve step timed alone (rolled back each run).
    const day = addDays(end.toISOString().slice(0, 10), -1);
    const before = h.changeTimes.length;
    const { id } = await h.activities.ingest(userId, mod.fourHourRide(day));
    const wholeStep = h.changeTimes[before]!;
    const steps: number[] = [];
    for (let i = 0; i < STEP_RUNS; i++) steps.push(await h.curveStep(userId, id));
    const step50 = percentile(sorted(steps), 50);
    const step95 = percentile(sorted(steps), 95);
    console.log(
      `4-hour ride: curve step p50=${fmt(step50)} ms p95=${fmt(step95)} ms (${STEP_RUNS} runs); whole analytics step of its write ${fmt(wholeStep)} ms`,
    );

    // 3. The curve API under load.
    const cookie = await login(base, stack.appUrl, email!);
    const headers = { cookie };
    let k = 0;
    const endpoints: Record<string, () => Promise<Response>> = {
      health: () => fetch(`${base}/api/health`),
      season: () => fetch(`${base}/api/v1/analytics/curves?kind=power&sport=ride&range=season`, { headers }),
      custom: () => {
        // A range of its own every call (never a cached answer): 30–400 days somewhere in the last three years.
        const to = addDays(end.toISOString().slice(0, 10), -((k * 37) % 700));
        const from = addDays(to, -(30 + ((k++ * 53) % 370)));
        return fetch(`${base}/api/v1/analytics/curves?kind=power&sport=ride&from=${from}&to=${to}`, { headers });
      },
    };
    const first = await endpoints.season!();
    const body = (await first.json()) as { curve: { points: unknown[] } };
    if (!first.ok) throw new Error(`curves answered ${first.status}`);
    for (const req of Object.values(endpoints)) await load(CLIENTS, 2, req);
    const samples: Record<string, Sample[]> = { health: [], season: [], custom: [] };
    for (let round = 1; round <= ROUNDS; round++)
      for (const [name, req] of Object.entries(endpoints)) {
        const s = await load(CLIENTS, SECONDS, req);
        samples[name]!.push(s);
        const x = summarize(s);
        console.log(`round ${round} ${name.padEnd(7)} n=${x.n} p50=${fmt(x.p50)}ms p95=${fmt(x.p95)}ms errors=${x.errors}`);
      }
    const merged = (name: string) =>
      summarize({
        latenciesMs: samples[name]!.flatMap((s) => s.latenciesMs),
        errors: samples[name]!.reduce((n, s) => n + s.errors, 0),
        seconds: samples[name]!.reduce((n, s) => n + s.seconds, 0),
      });
    const health = merged('health');
    const season = merged('season');
    const custom = merged('custom');
    return [
      'bench=curves',
      `activities=${ACTIVITIES} with_streams=${WITH_STREAMS} activity_curves=${counts.acts} month_rows=${counts.months} season_points=${body.curve.points.length}`,
      `full_build_ms=${build.durationMs}`,
      `ride4h_curve_step_p50_ms=${fmt(step50)} ride4h_curve_step_p95_ms=${fmt(step95)} ride4h_whole_write_step_ms=${fmt(wholeStep)}`,
      `health_p95_ms=${fmt(health.p95)} season_p95_ms=${fmt(season.p95)} custom_p95_ms=${fmt(custom.p95)}`,
      `season_to_health_p95_ratio=${fmt(season.p95 / health.p95, 2)} custom_to_health_p95_ratio=${fmt(custom.p95 / health.p95, 2)}`,
      `errors=${health.errors + season.errors + custom.errors}`,
    ].join(' ');
  } finally {
    await client.end();
    await h.close();
    cleanup();
  }
}
