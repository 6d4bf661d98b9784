// The worker killed in the middle of an import, an export and a deletion (issue 43, ADR 089): each fault makes its
// own athlete, starts the job, SIGKILLs wrangler dev's process group when the job's row shows it mid-way, starts it
// again on the same --persist-to state, and waits for the job to finish by itself — then reconciles: every activity
// of the archive stored once, one archive and one "ready" notice, the account gone with one receipt kept and one
// emailed. Locally the queue's messages die with the process (miniflare keeps them in memory), so the resume is the
// minute sweep re-queueing a job whose lease lapsed; in production the queue redelivers and the lease decides.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, strToU8, zipSync, type Zippable } from 'fflate';
import pg from 'pg';
import { activitiesCsv, activityRow, uploadId } from '../../scripts/sandbox/strava-archive.ts';
import { generateHistory } from '../../scripts/sandbox/strava/generator.ts';
import { buildStreams } from '../../scripts/sandbox/strava/streams.ts';
import { fastFit } from '../archive-data.ts';
import { BENCH_PASSWORD, createUsers, login } from '../users.ts';
import { type Fault, type FaultContext, type FaultReport, faultVerdict } from './fault.ts';

/** Activities in the fault's archive: ~30–60 s of import on the shared machine, long enough to be killed mid-way. */
const ARCHIVE_ACTIVITIES = Number(process.env.RESTART_ARCHIVE_ACTIVITIES ?? 400);
/** Activities (with 1,200-sample streams) of the athlete who exports, and of the one who is deleted. */
const EXPORT_ACTIVITIES = Number(process.env.RESTART_EXPORT_ACTIVITIES ?? 3_000);
const DELETION_ACTIVITIES = Number(process.env.RESTART_DELETION_ACTIVITIES ?? 6_000);
const CACHE_DIR = '/tmp/cadence-bench-restart';
/** The job must start, and finish after the kill, within these (the lease is 90 s, the sweep each minute). */
const START_TIMEOUT_MS = 5 * 60_000;
const FINISH_TIMEOUT_MS = 10 * 60_000;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

async function query<T>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Polls `probe` every 100 ms until it answers a value (not undefined), the time is up or the run is aborted. */
async function until<T>(ctx: FaultContext, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs && !ctx.signal.aborted) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await sleep(100, ctx.signal);
  }
  return undefined;
}

/** A Strava archive of `n` activities (FIT originals gzip-compressed, activities.csv), built once and cached. */
export function restartArchive(n = ARCHIVE_ACTIVITIES): string {
  const path = join(CACHE_DIR, `strava-${n}.zip`);
  if (existsSync(path)) return path;
  mkdirSync(CACHE_DIR, { recursive: true });
  const history = generateHistory(4545, { count: n, endDate: new Date('2026-11-01T00:00:00Z') }).sort((x, y) => x.startMs - y.startMs);
  const files: Zippable = {};
  const rows = history.map((a) => {
    const name = `activities/${uploadId(a)}.fit.gz`;
    files[name] = [gzipSync(fastFit(a, buildStreams(a.seed, a.plan)), { level: 6 }), { level: 0 }];
    return { startMs: a.startMs, row: activityRow(a, name) };
  });
  rows.sort((x, y) => y.startMs - x.startMs);
  files['activities.csv'] = strToU8(activitiesCsv(rows.map((r) => r.row)));
  writeFileSync(`${path}.partial`, zipSync(files));
  renameSync(`${path}.partial`, path);
  return path;
}

/** An athlete with `n` activities and their streams, straight into Postgres (the jobs are the subject, not the load). */
async function seededAthlete(ctx: FaultContext, tag: string, n: number): Promise<{ email: string; userId: string; cookie: string }> {
  const { stack } = ctx;
  const [email] = await createUsers(stack.databaseUrl, 1, tag);
  const [user] = await query<{ id: string }>(stack.databaseUrl, 'select id from users where email = $1', [email]);
  if (n > 0) {
    await query(
      stack.databaseUrl,
      `insert into activities (user_id, source, external_id, sport, sport_original, name, start_time, local_start_date, moving_time_s,
         elapsed_time_s, distance_m, avg_hr, detail_complete, content_hash)
       select $1, 'garmin_api'::activity_source, 'restart-' || i, 'run', 'Run', 'Run ' || i, now() - make_interval(hours => i * 9),
         (now() - make_interval(hours => i * 9))::date, 3600, 3700, 10000 + i % 500, 150, true, md5(i::text)
       from generate_series(1, $2::int) i`,
      [user!.id, n],
    );
    await query(
      stack.databaseUrl,
      `insert into activity_streams (activity_id, streams)
       select a.id, jsonb_build_object(
         't', (select jsonb_agg(s * 3) from generate_series(0, 1199) s),
         'hr', (select jsonb_agg(120 + (s * 7 + length(a.external_id)) % 60) from generate_series(0, 1199) s))
       from activities a where a.user_id = $1`,
      [user!.id],
    );
  }
  return { email: email!, userId: user!.id, cookie: await login(stack.workerUrl, stack.appUrl, email!) };
}

/** Kills the worker hard and starts it again; answers when it was killed and how long it was away. */
async function killWorker(ctx: FaultContext): Promise<{ killedAt: number; downS: number }> {
  const killedAt = Date.now();
  await ctx.stack.restartWorker({ hard: true });
  return { killedAt, downS: (Date.now() - killedAt) / 1000 };
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

function report(name: string, startedAt: Date, parts: Omit<FaultReport, 'name' | 'startedAt'>): FaultReport {
  return { name, startedAt: startedAt.toISOString(), ...parts };
}

/** An archive import killed mid-way: every activity once, the job done with all of them counted. */
export const restartMidImport: Fault = async (ctx) => {
  const { stack, log } = ctx;
  const startedAt = new Date();
  const problems: string[] = [];
  const archive = readFileSync(restartArchive());
  const athlete = await seededAthlete(ctx, 'restart-import', 0);
  const res = await fetch(`${stack.workerUrl}/api/v1/imports?filename=export_restart.zip`, {
    method: 'POST',
    headers: { cookie: athlete.cookie, origin: stack.appUrl, 'content-type': 'application/octet-stream' },
    body: new Blob([new Uint8Array(archive)]),
  });
  const job = (await res.json()) as { id: string };
  if (res.status !== 202) throw new Error(`restart-mid-import: upload refused: ${res.status} ${JSON.stringify(job)}`);
  const stored = async () =>
    Number(
      (await query<{ n: string }>(stack.databaseUrl, 'select count(*)::text as n from activities where user_id = $1', [athlete.userId]))[0]
        ?.n,
    );
  const row = async () =>
    (
      await query<{ status: string; attempts: number; imported: number; duplicates: number; found: number; skipped: unknown[] }>(
        stack.databaseUrl,
        'select status, attempts, imported, duplicates, found, skipped from import_jobs where id = $1',
        [job.id],
      )
    )[0];
  // Mid-way: running, a quarter of the archive stored.
  const mid = await until(ctx, START_TIMEOUT_MS, async () => {
    const r = await row();
    const n = await stored();
    return r?.status === 'running' && n >= ARCHIVE_ACTIVITIES / 4 ? { n, attempts: r.attempts } : undefined;
  });
  if (!mid) {
    const r = await row();
    problems.push(`the import was not caught mid-way (status ${r?.status}, ${await stored()} stored)`);
  }
  log(`restart-mid-import: killing the worker with ${mid?.n ?? '?'} of ${ARCHIVE_ACTIVITIES} activities stored`);
  const { killedAt, downS } = await killWorker(ctx);
  let resumedAt: number | null = null;
  const done = await until(ctx, FINISH_TIMEOUT_MS, async () => {
    const r = await row();
    if (resumedAt === null && r && r.attempts > (mid?.attempts ?? 1)) resumedAt = Date.now();
    return r && (r.status === 'done' || r.status === 'error') ? r : undefined;
  });
  const finishedAt = Date.now();
  const [counts] = await query<{ n: string; distinct: string }>(
    stack.databaseUrl,
    `select count(*)::text as n, count(distinct (source, external_id))::text as distinct from activities where user_id = $1`,
    [athlete.userId],
  );
  const n = Number(counts?.n);
  const duplicated = n - Number(counts?.distinct);
  const expected = done ? done.found - done.skipped.length : ARCHIVE_ACTIVITIES;
  if (!done) problems.push(`the import did not finish within ${FINISH_TIMEOUT_MS / 60_000} min of the restart`);
  else if (done.status !== 'done') problems.push(`the import ended '${done.status}'`);
  if (done && done.imported !== expected) problems.push(`the job says ${done.imported} imported of ${expected}`);
  if (n < expected) problems.push(`${expected - n} activities missing`);
  return report('restart-mid-import', startedAt, {
    faultSeconds: downS,
    userSaw: [
      `the API was away ${seconds(downS * 1000)} s (the restart); the import showed 'running' throughout and 'done' ${seconds(finishedAt - killedAt)} s after the kill`,
      `the job's counts: found ${done?.found ?? '?'}, imported ${done?.imported ?? '?'}, already there ${done?.duplicates ?? '?'}`,
    ],
    retried: [
      `the import ran again from the start (attempt ${mid?.attempts ?? '?'} → ${(await row())?.attempts ?? '?'}), picked up ${resumedAt ? seconds(resumedAt - killedAt) : '?'} s after the kill by the minute sweep (lease lapsed); the ${mid?.n ?? '?'} activities stored before the kill were upserted, not added`,
    ],
    recoverySeconds: resumedAt ? seconds(resumedAt - killedAt) : null,
    reconciliation: {
      accepted: expected,
      done: Math.min(n - duplicated, expected),
      lost: Math.max(0, expected - (n - duplicated)),
      duplicated,
      detail: `${n} activity rows, ${n - duplicated} distinct; job found ${done?.found ?? '?'}, skipped ${done?.skipped.length ?? '?'}; finished ${seconds(finishedAt - killedAt)} s after the kill`,
    },
    problems,
  });
};

/** An export killed mid-slice: one archive, downloadable, announced once. */
export const restartMidExport: Fault = async (ctx) => {
  const { stack, log } = ctx;
  const startedAt = new Date();
  const problems: string[] = [];
  const athlete = await seededAthlete(ctx, 'restart-export', EXPORT_ACTIVITIES);
  const res = await fetch(`${stack.workerUrl}/api/v1/privacy/exports`, {
    method: 'POST',
    headers: { cookie: athlete.cookie, origin: stack.appUrl },
  });
  const asked = (await res.json()) as { id: string };
  if (![200, 202].includes(res.status)) throw new Error(`restart-mid-export: refused: ${res.status} ${JSON.stringify(asked)}`);
  type Row = { status: string; step: number | null; lease: Date | null; updated: Date };
  const row = async () =>
    (
      await query<Row>(
        stack.databaseUrl,
        `select status, (progress->>'step')::int as step, lease_until as lease, updated_at as updated from privacy_requests where id = $1`,
        [asked.id],
      )
    )[0];
  // Mid-way: running under a lease, some steps written (the activities are the long one).
  const mid = await until(ctx, START_TIMEOUT_MS, async () => {
    const r = await row();
    return r?.status === 'running' && r.lease ? r : undefined;
  });
  if (!mid) problems.push(`the export was not caught running (status ${(await row())?.status})`);
  await sleep(3_000, ctx.signal);
  const before = await row();
  if (before?.status !== 'running') problems.push(`the export ended before the kill (status ${before?.status})`);
  log(`restart-mid-export: killing the worker at step ${before?.step ?? 0} of the export`);
  const { killedAt, downS } = await killWorker(ctx);
  let resumedAt: number | null = null;
  const done = await until(ctx, FINISH_TIMEOUT_MS, async () => {
    const r = await row();
    if (resumedAt === null && r && (r.status !== 'running' || (r.lease && r.updated.getTime() > killedAt))) resumedAt = Date.now();
    return r && ['ready', 'failed'].includes(r.status) ? r : undefined;
  });
  const finishedAt = Date.now();
  const [counts] = await query<{ ready: string; notices: string }>(
    stack.databaseUrl,
    `select (select count(*) from privacy_requests where user_id = $1 and kind = 'export' and status = 'ready')::text as ready,
            (select count(*) from notifications where user_id = $1 and kind = 'privacy.export_ready')::text as notices`,
    [athlete.userId],
  );
  // The notice is written by the notify queue's consumer: give it a moment before counting it missing.
  let notices = Number(counts?.notices);
  if (done && notices === 0) {
    await sleep(5_000, ctx.signal);
    notices = Number(
      (
        await query<{ n: string }>(
          stack.databaseUrl,
          `select count(*)::text as n from notifications where user_id = $1 and kind = 'privacy.export_ready'`,
          [athlete.userId],
        )
      )[0]?.n,
    );
  }
  let bytes = 0;
  if (done?.status === 'ready') {
    const dl = await fetch(`${stack.workerUrl}/api/v1/privacy/exports/${asked.id}/download`, { headers: { cookie: athlete.cookie } });
    bytes = dl.ok ? (await dl.arrayBuffer()).byteLength : 0;
    if (!dl.ok) problems.push(`the archive did not download: ${dl.status}`);
  }
  if (!done) problems.push(`the export did not finish within ${FINISH_TIMEOUT_MS / 60_000} min of the restart`);
  else if (done.status !== 'ready') problems.push(`the export ended '${done.status}'`);
  if (notices > 1) problems.push(`${notices} "export ready" notices`);
  if (done?.status === 'ready' && notices === 0) problems.push('no "export ready" notice');
  return report('restart-mid-export', startedAt, {
    faultSeconds: downS,
    userSaw: [
      `the API was away ${seconds(downS * 1000)} s (the restart); the export showed 'running' throughout and 'ready' ${seconds(finishedAt - killedAt)} s after the kill`,
      `one archive of ${(bytes / 1024 / 1024).toFixed(1)} MiB downloaded; ${notices} "ready" notice`,
    ],
    retried: [
      `the slice in flight was written again from its last checkpoint, picked up ${resumedAt ? seconds(resumedAt - killedAt) : '?'} s after the kill by the minute sweep (lease lapsed)`,
    ],
    recoverySeconds: resumedAt ? seconds(resumedAt - killedAt) : null,
    reconciliation: {
      accepted: 1,
      done: Number(counts?.ready) === 1 ? 1 : 0,
      lost: done?.status === 'ready' ? 0 : 1,
      duplicated: Math.max(0, Number(counts?.ready) - 1) + Math.max(0, notices - 1),
      detail: `${EXPORT_ACTIVITIES} activities with streams; ${counts?.ready} ready export(s), ${notices} notice(s), ${bytes} bytes; finished ${seconds(finishedAt - killedAt)} s after the kill`,
    },
    problems,
  });
};

/** A deletion killed mid-way: the account gone, one receipt kept, one receipt emailed. */
export const restartMidDeletion: Fault = async (ctx) => {
  const { stack, log } = ctx;
  const startedAt = new Date();
  const problems: string[] = [];
  const athlete = await seededAthlete(ctx, 'restart-deletion', DELETION_ACTIVITIES);
  const res = await fetch(`${stack.workerUrl}/api/v1/me/deletion`, {
    method: 'POST',
    headers: { cookie: athlete.cookie, origin: stack.appUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ password: BENCH_PASSWORD, confirm: 'DELETE' }),
  });
  const asked = (await res.json()) as { requestId: string };
  if (res.status !== 202) throw new Error(`restart-mid-deletion: refused: ${res.status} ${JSON.stringify(asked)}`);
  // The grace period ended now; the hourly cron hands it to the privacy queue.
  await query(stack.databaseUrl, 'update privacy_requests set run_after = now() where id = $1', [asked.requestId]);
  await stack.fireCron('0 * * * *');
  type Row = { status: string; done: string[] | null; lease: Date | null; updated: Date };
  const row = async () =>
    (
      await query<Row>(
        stack.databaseUrl,
        `select status, array(select jsonb_array_elements_text(progress->'done')) as done, lease_until as lease, updated_at as updated
           from privacy_requests where id = $1`,
        [asked.requestId],
      )
    )[0];
  // Mid-way: its sessions revoked, plan counted, providers told, files erased; its rows being erased.
  const mid = await until(ctx, START_TIMEOUT_MS, async () => {
    const r = await row();
    return r?.status === 'running' && r.done?.includes('files') ? r : r?.status === 'done' ? r : undefined;
  });
  if (mid?.status !== 'running') problems.push(`the deletion was not caught mid-way (status ${mid?.status ?? (await row())?.status})`);
  log(`restart-mid-deletion: killing the worker after steps ${JSON.stringify(mid?.done ?? [])}`);
  const { killedAt, downS } = await killWorker(ctx);
  let resumedAt: number | null = null;
  const done = await until(ctx, FINISH_TIMEOUT_MS, async () => {
    const r = await row();
    if (resumedAt === null && r && (r.status !== 'running' || (r.lease && r.updated.getTime() > killedAt))) resumedAt = Date.now();
    return r && ['done', 'failed'].includes(r.status) ? r : undefined;
  });
  const finishedAt = Date.now();
  const [counts] = await query<{ users: string; receipts: string }>(
    stack.databaseUrl,
    `select (select count(*) from users where id = $1)::text as users,
            (select count(*) from deletion_receipts where request_id = $2)::text as receipts`,
    [athlete.userId, asked.requestId],
  );
  const outbox = async () =>
    (
      (await (await fetch(`${stack.sandboxUrl}/email/outbox.json?to=${encodeURIComponent(athlete.email)}`)).json()) as {
        messages: { subject: string }[];
      }
    ).messages.filter((m) => m.subject.toLowerCase().includes('receipt')).length;
  let mails = await outbox();
  if (done && mails === 0) {
    await sleep(5_000, ctx.signal);
    mails = await outbox();
  }
  const receipts = Number(counts?.receipts);
  const left = Number(counts?.users);
  if (!done) problems.push(`the deletion did not finish within ${FINISH_TIMEOUT_MS / 60_000} min of the restart`);
  else if (done.status !== 'done') problems.push(`the deletion ended '${done.status}'`);
  if (left) problems.push('the account is still there (half-deleted)');
  if (receipts !== 1) problems.push(`${receipts} receipts kept`);
  if (mails !== 1) problems.push(`${mails} receipt emails`);
  return report('restart-mid-deletion', startedAt, {
    faultSeconds: downS,
    userSaw: [
      `the API was away ${seconds(downS * 1000)} s (the restart); the request showed 'running' and was 'done' ${seconds(finishedAt - killedAt)} s after the kill`,
      `${mails} receipt email, ${receipts} receipt kept, account ${left ? 'still there' : 'gone'}`,
    ],
    retried: [
      `resumed after its last finished step (${JSON.stringify(mid?.done ?? [])} were not run again), picked up ${resumedAt ? seconds(resumedAt - killedAt) : '?'} s after the kill by the minute sweep (lease lapsed)`,
    ],
    recoverySeconds: resumedAt ? seconds(resumedAt - killedAt) : null,
    reconciliation: {
      accepted: 1,
      done: done?.status === 'done' && !left ? 1 : 0,
      lost: done?.status === 'done' && !left ? 0 : 1,
      duplicated: Math.max(0, receipts - 1) + Math.max(0, mails - 1),
      detail: `${DELETION_ACTIVITIES} activities with streams; ${receipts} receipt(s), ${mails} email(s); finished ${seconds(finishedAt - killedAt)} s after the kill`,
    },
    problems,
  });
};

/** The three, one after another (each with its own hard restart): what the standalone bench runs. */
export const restartFaults: Fault[] = [restartMidImport, restartMidExport, restartMidDeletion];

/** `npm run bench -- fault-restart`: the three faults against the bench's stack, reports printed. */
export async function restartFaultBench(stack: FaultContext['stack']): Promise<string> {
  const reports: FaultReport[] = [];
  const signal = new AbortController().signal;
  restartArchive();
  for (const fault of restartFaults) {
    const r = await fault({ stack, log: (l) => console.log(l), signal });
    console.log(JSON.stringify(r, null, 2));
    console.log(faultVerdict(r));
    reports.push(r);
  }
  return [
    'bench=fault-restart',
    ...reports.map(
      (r) =>
        `${r.name.replace(/-/g, '_')}_recovery_s=${r.recoverySeconds ?? 'never'} ${r.name.replace(/-/g, '_')}_ok=${r.problems.length === 0 && r.reconciliation.lost === 0 && r.reconciliation.duplicated === 0}`,
    ),
  ].join(' ');
}
