// The whole local stack in one call: Postgres (+ WebSocket proxy), migrations, demo seed, provider
// sandbox, app build, `wrangler dev` and a cron ticker. Used by `npm run dev`, the e2e runner and benchmarks.
import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../sandbox/server.ts';
import type { RunningSandbox } from '../sandbox/server.ts';
import { seedDemo } from '../seed.ts';
import type { SeedResult } from '../seed.ts';
import { readWranglerCrons, startCronTicker } from './cron.ts';
import { applyMigrations } from './migrate.ts';
import { freePort, portOr } from './ports.ts';
import { startPostgres } from './postgres.ts';
import type { RunningPostgres } from './postgres.ts';
import { pipeLines, run, spawnGroup, stopGroup, Tail, waitForOk, within } from './processes.ts';
import { redactUrl } from './redact.ts';
import { startWsProxy } from './ws-proxy.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WRANGLER_JS = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface StackOptions {
  /** Root for local state (Postgres data, wrangler state), kept between runs. Omit for a throwaway tmp dir, deleted on stop. */
  dataDir?: string;
  /** Use this Postgres instead of the embedded one. */
  databaseUrl?: string;
  /** Preferred ports (taken if free, else any free one); 0 means any. Defaults: 54320/54321/8790/8787 with a dataDir, any without. */
  ports?: { postgres?: number; proxy?: number; sandbox?: number; app?: number };
  /** Insert the demo users and invite (default true). */
  seed?: boolean;
  /** `npm run build` before starting: always (default), only when no build exists, or never. */
  build?: 'always' | 'if-missing' | 'never';
  /** Fire wrangler.toml's crons each minute (default true); tests may prefer `fireCron`. */
  cronTicker?: boolean;
  /** Only errors and cron lines; child output is kept and shown if a step fails. */
  quiet?: boolean;
  log?: (line: string) => void;
  healthTimeoutMs?: number;
  /** Aborting cancels a start in progress (the partial stack is stopped). */
  signal?: AbortSignal;
}

export interface Stack {
  /** Public origin (APP_ORIGIN), what a browser opens. */
  appUrl: string;
  /** Same server by IP, for scripts (skips localhost resolution). */
  workerUrl: string;
  apiDocsUrl: string;
  sandboxUrl: string;
  outboxUrl: string;
  databaseUrl: string;
  /** databaseUrl with any password of a user-supplied URL masked. */
  databaseUrlForDisplay: string;
  dbWsProxy: string | null;
  seed: SeedResult | null;
  inviteUrl: string | null;
  sandbox: RunningSandbox;
  crons: string[];
  /** Fires one scheduled event now (or as of `at`); resolves with the HTTP status. */
  fireCron: (expr: string, at?: Date) => Promise<number>;
  /** Settles when wrangler exits, whatever the reason. */
  exited: Promise<string>;
  stop: () => Promise<void>;
}

/** Stops embedded Postgres; also done when its pid file is gone (a terminal Ctrl-C may have stopped it already). */
async function stopPostgres(db: RunningPostgres, dir: string): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  const gone = (async () => {
    while (existsSync(pidFile)) await new Promise((r) => setTimeout(r, 100));
  })();
  await within(Promise.race([db.stop(), gone]), 15_000);
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const log = opts.log ?? ((line: string) => console log(line));
  return log as never;
}
