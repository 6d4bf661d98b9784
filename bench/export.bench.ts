// Export: "Download my data" for a ten-year athlete through the real job on the privacy queue (ADR 041).
// 10,000 activities with per-second-like streams (1,200 samples of time, heart rate, speed and altitude each),
// written straight into Postgres, and 2,000 original FIT files uploaded through the imports API (stored in R2
// as the athlete's originals; they also import). Measured: wall time from the request to the archive being
// ready, its size and file count, and the worker isolate's V8 heap read through the inspector (the archive
// bench's sampler): live growth after full collections and the in-use peak. Target: ≤ 64 MiB live growth.
import pg from 'pg';
import type { Stack } from '../scripts/lib/stack.ts';
import { activityFit } from '../scripts/sandbox/garmin-fit.ts';
import { generateHistory } from '../scripts/sandbox/strava/generator.ts';
import { sampleIsolateHeap } from './archive.bench.ts';
import { assertLoopback, fmt } from './lib.ts';
import { createUsers, login } from './users.ts';

const ACTIVITIES = 10_000;
const ORIGINALS = 2_000;
const SAMPLES = 1_200;
const MAX_WAIT_MS = 30 * 60_000;

type Export = { id: string; status: string; result: { bytes: number; files: number } | null; progress: { files: number } };

async function seedActivities(databaseUrl: string, email: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(
      `insert into activities (user_id, source, external_id, sport, sport_original, name, start_time, local_start_date, moving_time_s,
         elapsed_time_s, distance_m, avg_hr, detail_complete, content_hash)
       select u.id, (case when i % 3 = 0 then 'strava' else 'garmin_api' end)::activity_source, 'bench-' || i, 'run', 'Run', 'Run ' || i,
         now() - make_interval(hours => i * 9), (now() - make_interval(hours => i * 9))::date, 3600, 3700, 10000 + i % 500, 150, true, md5(i::text)
       from users u, generate_series(1, $2::int) i where lower(u.email) = lower($1)`,
      [email, ACTIVITIES],
    );
    // Streams built in SQL: one JSON document per activity (about 30 KB each).
    await client.query(
      `insert into activity_streams (activity_id, streams)
       select a.id, jsonb_build_object(
         't', (select jsonb_agg(s * 3) from generate_series(0, $2::int - 1) s),
         'hr', (select jsonb_agg(120 + (s * 7 + length(a.external_id)) % 60) from generate_series(0, $2::int - 1) s),
         'speedCms', (select jsonb_agg(250 + (s * 13) % 150) from generate_series(0, $2::int - 1) s),
         'altitudeDm', (select jsonb_agg(1000 + (s % 200)) from generate_series(0, $2::int - 1) s))
       from activities a join users u on u.id = a.user_id where lower(u.email) = lower($1)`,
      [email, SAMPLES],
    );
  } finally {
    await client.end();
  }
}

async function uploadOriginals(stack: Stack, cookie: string): Promise<void> {
  // The sandbox's generated history: realistic recordings with their own streams.
  const history = generateHistory(4343, { count: ORIGINALS });
  const queue = history.map((_, i) => i);
  const worker = async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const bytes = activityFit(history[i]!);
      const res = await fetch(`${stack.workerUrl}/api/v1/imports?filename=ride-${i}.fit`, {
        method: 'POST',
        headers: { cookie, origin: stack.appUrl, 'content-type': 'application/octet-stream' },
        body: new Blob([new Uint8Array(bytes)]),
      });
      if (res.status !== 202) throw new Error(`upload ${i} refused: ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

export async function exportBench(stack: Stack): Promise<string> {
  assertLoopback(stack.workerUrl);
  const [email] = await createUsers(stack.databaseUrl, 1, 'export');
  const cookie = await login(stack.workerUrl, stack.appUrl, email!);
  let t = performance.now();
  await seedActivities(stack.databaseUrl, email!);
  console.log(`${ACTIVITIES} activities with ${SAMPLES}-sample streams in ${fmt((performance.now() - t) / 1000, 0)} s`);
  t = performance.now();
  await uploadOriginals(stack, cookie);
  console.log(`${ORIGINALS} original FIT files uploaded in ${fmt((performance.now() - t) / 1000, 0)} s`);
  // Let the imports of those files settle, so the export measures itself.
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  client.on('error', () => {});
  await client.connect();
  for (let i = 0; i < 600; i++) {
    const { rows } = await client.query(`select count(*)::int as n from import_jobs where status in ('queued', 'running')`);
    if (rows[0].n === 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  await client.end();

  const sampled = await sampleIsolateHeap();
  const { liveBefore } = sampled;
  const t0 = Date.now();
  const res = await fetch(`${stack.workerUrl}/api/v1/privacy/exports`, { method: 'POST', headers: { cookie, origin: stack.appUrl } });
  const asked = (await res.json()) as Export;
  if (res.status !== 202) throw new Error(`export refused: ${res.status} ${JSON.stringify(asked)}`);
  let job = asked;
  while (!['ready', 'failed'].includes(job.status) && Date.now() - t0 < MAX_WAIT_MS) {
    await new Promise((r) => setTimeout(r, 1000));
    const list = (await (await fetch(`${stack.workerUrl}/api/v1/privacy/exports`, { headers: { cookie } })).json()) as {
      exports: Export[];
    };
    job = list.exports.find((e) => e.id === asked.id) ?? job;
  }
  const wallS = (Date.now() - t0) / 1000;
  const { heapPeak, livePeak } = await sampled.stop();
  const mib = (b: number) => b / 1024 / 1024;
  const line = `export: ${job.status} in ${fmt(wallS, 1)} s — ${job.result?.files ?? job.progress.files} files, ${fmt(mib(job.result?.bytes ?? 0))} MiB; isolate heap ${fmt(mib(liveBefore))} MiB live before, live peak +${fmt(mib(livePeak - liveBefore))} MiB, in use up to ${fmt(mib(heapPeak))} MiB`;
  console.log(line);
  return [
    'bench=export',
    `activities=${ACTIVITIES} originals=${ORIGINALS} status=${job.status} wall_s=${fmt(wallS, 1)} archive_mib=${fmt(mib(job.result?.bytes ?? 0))} files=${job.result?.files ?? 0}`,
    `isolate_live_before_mib=${fmt(mib(liveBefore))} isolate_live_growth_mib=${fmt(mib(livePeak - liveBefore))} isolate_heap_peak_mib=${fmt(mib(heapPeak))}`,
  ].join(' ');
}
