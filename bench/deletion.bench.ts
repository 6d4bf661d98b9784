// Deletion: the wall time of erasing a 10-year athlete — 10,000 activities (the newest 2,000 from their own FIT
// files, with streams) and those 2,000 files in R2 — through the real
// path: the request (password + DELETE), the grace period ended in the database, the hourly cron handing it to the
// privacy queue, the job to `done`. Same-run reference: the deletion of an empty account (the fixed cost: every
// data-map table counted, providers, Stripe, the bucket's areas listed, the audit rewrite, the receipt email).
import pg from 'pg';
import { generateHistory } from '../scripts/sandbox/strava/generator.ts';
import { buildStreams } from '../scripts/sandbox/strava/streams.ts';
import type { Stack } from '../scripts/lib/stack.ts';
import { fastFit } from './archive-data.ts';
import { assertLoopback, fmt } from './lib.ts';
import { BENCH_PASSWORD, createUsers, login } from './users.ts';

const ACTIVITIES = Number(process.env.DELETION_BENCH_ACTIVITIES ?? 10_000);
const FILES = Number(process.env.DELETION_BENCH_FILES ?? 2_000);
const UPLOAD_CONCURRENCY = 6;

async function sql<T>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function upload(stack: Stack, cookie: string, filename: string, body: Uint8Array): Promise<void> {
  const res = await fetch(`${stack.workerUrl}/api/v1/imports?filename=${encodeURIComponent(filename)}`, {
    method: 'POST',
    headers: { cookie, origin: stack.appUrl, 'content-type': 'application/octet-stream' },
    body: new Blob([new Uint8Array(body)]),
  });
  if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${await res.text()}`);
}

async function waitImports(stack: Stack, email: string, timeoutMs = 30 * 60_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    const [row] = await sql<{ open: string }>(
      stack.databaseUrl,
      `select count(*)::text as open from import_jobs where user_id = (select id from users where email = $1) and status not in ('done', 'error')`,
      [email],
    );
    if (Number(row?.open) === 0) return;
    if (Date.now() - t0 > timeoutMs) throw new Error('imports did not finish');
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Requests, ends the grace period, fires the hourly cron until done; answers the job's own duration and the result. */
async function deleteAccount(stack: Stack, email: string): Promise<{ wallS: number; jobS: number; result: Record<string, unknown> }> {
  const cookie = await login(stack.workerUrl, stack.appUrl, email);
  const res = await fetch(`${stack.workerUrl}/api/v1/me/deletion`, {
    method: 'POST',
    headers: { cookie, origin: stack.appUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ password: BENCH_PASSWORD, confirm: 'DELETE' }),
  });
  const body = (await res.json()) as { requestId: string };
  if (res.status !== 202) throw new Error(`deletion refused: ${res.status} ${JSON.stringify(body)}`);
  await sql(stack.databaseUrl, `update privacy_requests set run_after = now() where id = $1`, [body.requestId]);
  const t0 = Date.now();
  const fire = async () =>
    (await fetch(`${stack.workerUrl}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('0 * * * *')}`)).body?.cancel();
  await fire();
  for (;;) {
    const [row] = await sql<{ status: string; job_s: string; result: Record<string, unknown> | null; error: string | null }>(
      stack.databaseUrl,
      `select status, extract(epoch from completed_at - started_at)::text as job_s, result, error from privacy_requests where id = $1`,
      [body.requestId],
    );
    if (row?.status === 'done') return { wallS: (Date.now() - t0) / 1000, jobS: Number(row.job_s), result: row.result ?? {} };
    if (row?.status === 'failed') throw new Error(`deletion failed: ${row.error}`);
    if (Date.now() - t0 > 20 * 60_000) throw new Error('deletion did not finish');
    // A run that stalled (a crashed consumer) is handed out again by the same cron after an hour; here we only wait.
    await new Promise((r) => setTimeout(r, 250));
  }
}

const rowsOf = (result: Record<string, unknown>) =>
  ((result.tables ?? []) as { fate: string; rows: number }[]).filter((t) => t.fate === 'deleted').reduce((s, t) => s + t.rows, 0);

export async function deletionBench(stack: Stack): Promise<string> {
  assertLoopback(stack.workerUrl);
  const [athlete, empty] = await createUsers(stack.databaseUrl, 2, 'deletion');
  const cookie = await login(stack.workerUrl, stack.appUrl, athlete!);

  // Ten years of the sandbox athlete. Rows straight into Postgres (the subject is the erasure, not the import; the
  // import path is its own bench): every activity, and for the FILES newest their 1 Hz streams (every 5th point
  // kept, as phones record). The files themselves go through the upload API, so R2 holds them as in production.
  const t0 = Date.now();
  const history = generateHistory(4242, { count: ACTIVITIES, endDate: new Date('2026-11-01T00:00:00Z') }).sort(
    (a, b) => a.startMs - b.startMs,
  );
  const userId = (await sql<{ id: string }>(stack.databaseUrl, 'select id from users where email = $1', [athlete]))[0]?.id;
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    for (let i = 0; i < history.length; i += 1000) {
      const chunk = history.slice(i, i + 1000);
      await client.query(
        `insert into activities (user_id, source, external_id, sport, sport_original, name, start_time, local_start_date,
                                 moving_time_s, elapsed_time_s, distance_m, content_hash)
         select $1, case when n > $7 then 'fit_upload' else 'garmin_export' end::activity_source, 'bench-' || ext, 'run', 'running', 'Run',
                to_timestamp(ms / 1000.0), to_timestamp(ms / 1000.0)::date, mt, mt + 60, d, md5(ext)
           from unnest($2::text[], $3::float8[], $4::int[], $5::float8[], $6::int[]) as t(ext, ms, mt, d, n)`,
        [
          userId,
          chunk.map((a) => String(a.id)),
          chunk.map((a) => a.startMs),
          chunk.map((a) => Math.round(a.movingTime)),
          chunk.map((a) => a.distance),
          chunk.map((_, k) => i + k),
          ACTIVITIES - FILES - 1,
        ],
      );
    }
    const files = history.slice(ACTIVITIES - FILES);
    for (let i = 0; i < files.length; i += 100) {
      const chunk = files.slice(i, i + 100);
      const streams = chunk.map((a) => {
        const st = buildStreams(a.seed, a.plan) as unknown as Record<string, unknown>;
        const every5 = (v: unknown) =>
          ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>).filter((_, j) => j % 5 === 0) : v;
        return JSON.stringify(Object.fromEntries(Object.entries(st).map(([k, v]) => [k, every5(v)])));
      });
      await client.query(
        `insert into activity_streams (activity_id, streams)
         select a.id, t.s::jsonb from unnest($2::text[], $3::text[]) as t(ext, s) join activities a on a.user_id = $1 and a.external_id = 'bench-' || t.ext`,
        [userId, chunk.map((a) => String(a.id)), streams],
      );
    }
  } finally {
    await client.end();
  }
  let next = 0;
  const files = history.slice(ACTIVITIES - FILES);
  await Promise.all(
    Array.from({ length: UPLOAD_CONCURRENCY }, async () => {
      while (next < files.length) {
        const a = files[next++]!;
        await upload(stack, cookie, `run-${a.id}.fit`, fastFit(a, buildStreams(a.seed, a.plan)));
      }
    }),
  );
  // The uploads' import jobs find their activities already there; let them settle so the erasure runs alone.
  await waitImports(stack, athlete!, 10 * 60_000).catch(() => console.log('imports still running after 10 min; deleting anyway'));
  const [loaded] = await sql<{ activities: string; streams: string; objects: string }>(
    stack.databaseUrl,
    `select (select count(*) from activities where user_id = u.id)::text as activities,
            (select count(*) from activity_streams s join activities a on a.id = s.activity_id where a.user_id = u.id)::text as streams,
            (select count(*) from import_jobs where user_id = u.id)::text as objects
       from users u where email = $1`,
    [athlete],
  );
  console.log(
    `loaded in ${fmt((Date.now() - t0) / 1000)} s: ${loaded?.activities} activities, ${loaded?.streams} stream rows, ${loaded?.objects} uploads in R2`,
  );

  // Reference first (same run, same stack), then the athlete.
  const ref = await deleteAccount(stack, empty!);
  console.log(`empty account: job ${fmt(ref.jobS, 2)} s, observed ${fmt(ref.wallS, 2)} s`);
  const big = await deleteAccount(stack, athlete!);
  const objects = (big.result.files as { objects: number } | undefined)?.objects ?? 0;
  const rows = rowsOf(big.result);
  console.log(`10-year athlete: job ${fmt(big.jobS, 2)} s, observed ${fmt(big.wallS, 2)} s; ${rows} rows deleted, ${objects} R2 objects`);
  const [left] = await sql<{ n: string }>(stack.databaseUrl, `select count(*)::text as n from users where email = $1`, [athlete]);
  if (Number(left?.n) !== 0) throw new Error('the account is still there');
  return [
    'bench=deletion',
    `activities=${loaded?.activities} stream_rows=${loaded?.streams} r2_objects=${objects} rows_deleted=${rows}`,
    `job_s=${fmt(big.jobS, 2)} wall_s=${fmt(big.wallS, 2)} empty_job_s=${fmt(ref.jobS, 2)} ratio_to_empty=${fmt(big.jobS / Math.max(ref.jobS, 0.001), 1)}`,
    `rows_per_s=${fmt(rows / Math.max(big.jobS, 0.001), 0)}`,
  ].join(' ');
}
