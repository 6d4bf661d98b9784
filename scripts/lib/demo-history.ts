// `npm run dev`: the demo athlete's training history, split by source the way a real athlete's is.
// Everything older than two weeks comes from her own files — a generated Garmin "export your data"
// archive with the original FIT files (scripts/sandbox/garmin-export.ts) — uploaded through the real
// import path (POST /api/v1/imports as her, then the imports queue consumer). Only the recent weeks
// come from the Strava sandbox. Files may reach the AI coach and her coach; Strava data may not
// (activities/data-use.policy.ts), so with an all-Strava history those features had nothing to show.
//
// Both halves are cut from ONE generated history (same athlete, count and end), at `filesBefore`:
// the export holds the activities starting before it and the Strava sandbox serves only those from it
// on (its `historyStart`), so no session is in both and duplicate linking is never needed for them.
//
// The window is chosen on the first start and kept in <dataDir>/demo/history.json, with the import
// job's id: later starts use the same window (a Strava reconnect then gives the same sessions) and
// skip the import once that job is done. The import itself is idempotent (Garmin activity ids are the
// external ids), so re-sending after an interrupted start converges.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ATHLETE_ID, demoLogin } from './demo-strava.ts';
import type { Stack } from './stack.ts';
import { ROOT } from './stack.ts';

const DAY_MS = 86_400_000;
/** The whole generated history: about 21 months at the demo athlete's ~5 sessions a week. */
export const DEMO_HISTORY_COUNT = 450;
/** The recent days that stay with Strava: short, so her coach and the AI coach (which may not see Strava data) see nearly all of her training. */
export const STRAVA_RECENT_DAYS = 14;
// An import of ~420 activities takes about half a minute (measured on a loaded 2-core machine), so a job
// still unfinished after this is taken for one whose consumer died without a reload being seen.
const STALL_MS = 6 * 60_000;
const MAX_ATTEMPTS = 4;
// Every poll is an access-log line in the dev console: not more often than this.
const POLL_MS = 2000;

export interface ImportOptions {
  /** Stops the export generator and the polling with the stack. */
  signal?: AbortSignal;
  /** How many times wrangler dev has reloaded the worker so far (from its output), to notice an interrupted import at once. */
  reloads?: () => number;
  log?: (line: string) => void;
}

export interface DemoWindow {
  athleteId: number;
  count: number;
  /** ISO; the history ends the day before (the Strava sandbox's historyEnd). */
  historyEnd: string;
  /** ISO; activities starting before it are in the files, the rest on Strava. */
  filesBefore: string;
  /** The import job of the export, once uploaded. */
  importId?: string;
}

const markerPath = (dataDir: string) => join(dataDir, 'demo', 'history.json');

/** The window of an earlier start, or a new one ending today (UTC midnight, so yesterday is the last day). */
export function demoWindow(dataDir: string, now = new Date()): DemoWindow & { saved: boolean } {
  try {
    const saved = JSON.parse(readFileSync(markerPath(dataDir), 'utf8')) as DemoWindow;
    if (saved.historyEnd && saved.filesBefore) return { ...saved, saved: true };
  } catch {
    // No marker yet (a fresh .data), or an unreadable one: start over with a new window.
  }
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return {
    athleteId: DEMO_ATHLETE_ID,
    count: DEMO_HISTORY_COUNT,
    historyEnd: new Date(end).toISOString(),
    filesBefore: new Date(end - STRAVA_RECENT_DAYS * DAY_MS).toISOString(),
    saved: false,
  };
}

function saveWindow(dataDir: string, w: DemoWindow): void {
  mkdirSync(join(dataDir, 'demo'), { recursive: true });
  const { athleteId, count, historyEnd, filesBefore, importId } = w;
  writeFileSync(markerPath(dataDir), `${JSON.stringify({ athleteId, count, historyEnd, filesBefore, importId }, null, 2)}\n`);
}

type Job = {
  id: string;
  status: string;
  found: number;
  imported: number;
  duplicates: number;
  skipped: unknown[];
  error: string | null;
  /** Her year of wellness in the export (ADR 073): days stored (or already there) per file kind. */
  summary?: { garminWellness?: { kinds: Record<string, { stored: number; alreadyHad: number } | undefined> } };
};

export type DemoHistoryOutcome =
  /** The import is under way in the background; `done` settles with a one-line report. */
  | { state: 'importing'; done: Promise<string> }
  | { state: 'already' }
  /** A .data from before file-based demo history: Strava already holds all of it, so no files are added. */
  | { state: 'strava-only' };

/**
 * Decides what the demo history still needs and starts it. Call before connecting the demo athlete
 * to Strava: a fresh start's marker must exist first, so an interrupted start is not taken for an
 * old all-Strava one.
 */
export async function startDemoHistory(
  stack: Stack,
  login: { email: string; password: string },
  opts: ImportOptions & { dataDir: string; window: DemoWindow & { saved: boolean } },
): Promise<DemoHistoryOutcome> {
  const base = stack.workerUrl;
  const cookie = await demoLogin(stack, login);
  const w = opts.window;
  if (w.importId) {
    const res = await fetch(`${base}/api/v1/imports/${w.importId}`, { headers: { cookie } });
    const job = res.ok ? ((await res.json()) as Job) : null;
    if (job?.status === 'done') return { state: 'already' };
    // Missing (another database), failed, or cut off by a stop (local queues do not outlive
    // wrangler): send it again; what an earlier run imported is recognised by its Garmin ids.
  }
  if (!w.saved) {
    const status = (await (await fetch(`${base}/api/v1/ingestion`, { headers: { cookie } })).json()) as {
      connections: { strava: { connected: boolean } };
    };
    if (status.connections.strava.connected) {
      // Its Strava history was fetched without a cut; files of other dates would double it up.
      stack.sandbox.strava.configure({ historyStart: null });
      return { state: 'strava-only' };
    }
  }
  saveWindow(opts.dataDir, w);
  return { state: 'importing', done: importFiles(stack, cookie, opts.dataDir, w, opts) };
}

async function importFiles(stack: Stack, cookie: string, dataDir: string, w: DemoWindow, opts: ImportOptions): Promise<string> {
  const t0 = performance.now();
  const zipPath = join(dataDir, 'demo', `garmin-export-${w.historyEnd.slice(0, 10)}.zip`);
  let generatedMs = 0;
  // The export is kept: a start interrupted after generating it does not pay for it again.
  if (!existsSync(zipPath)) {
    await generateExport(zipPath, w, opts.signal);
    generatedMs = performance.now() - t0;
  }
  const zip: Uint8Array<ArrayBuffer> = new Uint8Array(readFileSync(zipPath));
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  for (let attempt = 1; ; attempt++) {
    const t1 = performance.now();
    const reloads = opts.reloads?.() ?? 0;
    const id = await upload(stack, cookie, zip, opts.signal);
    saveWindow(dataDir, { ...w, importId: id });
    const job = await settle(stack, cookie, id, reloads, opts);
    if (job === 'interrupted') {
      // wrangler dev restarts the worker when a source file changes, which ends a running consumer
      // and leaves its job `running`; the upload is idempotent, so it is simply sent again.
      if (attempt >= MAX_ATTEMPTS) throw new Error(`the import was interrupted ${attempt} times (the worker kept reloading)`);
      opts.log?.(`  Demo history: the import was interrupted (the worker reloaded); sending it again.`);
      continue;
    }
    if (job.status === 'error') throw new Error(`the import failed: ${job.error ?? 'unknown error'}`);
    const parts = [
      generatedMs ? `export generated in ${s(generatedMs)}` : 'export reused',
      `${(zip.length / 1024 / 1024).toFixed(1)} MiB imported in ${s(performance.now() - t1)}`,
    ];
    // After an interrupted attempt part of it is already there: those count as duplicates.
    const counts = job.duplicates ? `${job.found} activities (${job.imported} new)` : `${job.imported} activities`;
    const daily = job.summary?.garminWellness?.kinds.daily;
    const wellness = daily ? ` and ${daily.stored + daily.alreadyHad} days of wellness` : '';
    return `${counts}${wellness} from her Garmin export (before ${w.filesBefore.slice(0, 10)}) in ${s(performance.now() - t0)}: ${parts.join(', ')}${job.skipped.length ? `; ${job.skipped.length} entries skipped` : ''}.`;
  }
}

/** POST /api/v1/imports as the raw body; retried while the worker is restarting. Answers the job id. */
async function upload(stack: Stack, cookie: string, zip: Uint8Array<ArrayBuffer>, signal?: AbortSignal): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${stack.workerUrl}/api/v1/imports?filename=${encodeURIComponent('garmin-export-demo.zip')}`, {
        method: 'POST',
        headers: { cookie, origin: stack.appUrl, 'content-type': 'application/octet-stream' },
        body: new Blob([zip]),
        signal,
      });
      const body = (await res.json().catch(() => ({}))) as Partial<Job>;
      if (res.status === 202 && body.id) return body.id;
      if (res.status < 500 || attempt >= 5) throw new Error(`the import was refused (${res.status})`);
    } catch (err) {
      if (signal?.aborted || attempt >= 5 || (err instanceof Error && err.message.startsWith('the import was refused'))) throw err;
    }
    await sleep(2000, signal);
  }
}

/** Polls the job until it is done or failed, or until it was interrupted by a worker reload (or stalled). */
async function settle(stack: Stack, cookie: string, id: string, reloadsBefore: number, opts: ImportOptions): Promise<Job | 'interrupted'> {
  const started = performance.now();
  for (;;) {
    await sleep(POLL_MS, opts.signal);
    const res = await fetch(`${stack.workerUrl}/api/v1/imports/${id}`, { headers: { cookie }, signal: opts.signal }).catch(() => null);
    const job = res?.ok ? ((await res.json()) as Job) : null;
    if (job && (job.status === 'done' || job.status === 'error')) return job;
    if ((opts.reloads?.() ?? 0) > reloadsBefore || performance.now() - started > STALL_MS) {
      // Give a reload time to finish before the upload is sent again.
      await sleep(3000, opts.signal);
      return 'interrupted';
    }
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });

/** Runs the generator CLI in a child process: FIT encoding is CPU-bound, and the sandbox shares our event loop. */
function generateExport(out: string, w: DemoWindow, signal?: AbortSignal): Promise<void> {
  const args = [
    join(ROOT, 'scripts/sandbox/garmin-export-cli.ts'),
    '--out',
    out,
    '--athlete',
    String(w.athleteId),
    '--count',
    String(w.count),
    '--end',
    w.historyEnd,
    '--before',
    w.filesBefore,
    '--user',
    'athlete',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], signal });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code, sig) =>
      code === 0
        ? resolve()
        : reject(new Error(`the export generator stopped (${sig ?? `exit code ${code}`}): ${stderr.trim().split('\n').at(-1) ?? ''}`)),
    );
  });
}
