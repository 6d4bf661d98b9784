// What the restart faults (restart.ts) share: their data (a cached Strava archive, athletes seeded in SQL), polling
// the stack's Postgres, and the kill itself.
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, strToU8, zipSync, type Zippable } from 'fflate';
import pg from 'pg';
import { activitiesCsv, activityRow, uploadId } from '../../scripts/sandbox/strava-archive.ts';
import { generateHistory } from '../../scripts/sandbox/strava/generator.ts';
import { buildStreams } from '../../scripts/sandbox/strava/streams.ts';
import { fastFit } from '../archive-data.ts';
import { createUsers, login } from '../users.ts';
import type { FaultContext, FaultReport } from './fault.ts';
import { sleep } from '../lib.ts';

/** Activities in the fault's archive: ~30–60 s of import on the shared machine, long enough to be killed mid-way. */
export const ARCHIVE_ACTIVITIES = Number(process.env.RESTART_ARCHIVE_ACTIVITIES ?? 400);
/** Activities (with 1,200-sample streams) of the athlete who exports, and of the one who is deleted. */
export const EXPORT_ACTIVITIES = Number(process.env.RESTART_EXPORT_ACTIVITIES ?? 3_000);
export const DELETION_ACTIVITIES = Number(process.env.RESTART_DELETION_ACTIVITIES ?? 6_000);
const CACHE_DIR = '/tmp/cadence-bench-restart';
/** The job must start, and finish after the kill, within these (the lease is 90 s, the sweep each minute). */
export const START_TIMEOUT_MS = 5 * 60_000;
export const FINISH_TIMEOUT_MS = 10 * 60_000;

export { sleep };

export async function query<T>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
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
export async function until<T>(ctx: FaultContext, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T | undefined> {
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
export async function seededAthlete(ctx: FaultContext, tag: string, n: number): Promise<{ email: string; userId: string; cookie: string }> {
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

export interface Kill {
  killedAt: number;
  downS: number;
}

/** Kills the worker hard and starts it again; answers when it was killed and how long it was away. */
export async function killWorker(ctx: FaultContext): Promise<Kill> {
  const killedAt = Date.now();
  await ctx.stack.restartWorker({ hard: true });
  return { killedAt, downS: (Date.now() - killedAt) / 1000 };
}

export const seconds = (ms: number) => Math.round(ms / 100) / 10;

export function report(name: string, startedAt: Date, parts: Omit<FaultReport, 'name' | 'startedAt'>): FaultReport {
  return { name, startedAt: startedAt.toISOString(), ...parts };
}

/**
 * One job started on the stack: `midway()` answers what it is doing once it is mid-way (undefined before), `queued()`
 * whether it is accepted and not finished yet; `finish()` waits after the kill for it to end by itself and reconciles.
 */
export interface StartedJob {
  name: string;
  midway(): Promise<string | undefined>;
  queued(): Promise<boolean>;
  finish(kill: Kill): Promise<FaultReport>;
}
