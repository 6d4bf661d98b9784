import { Pool, type PoolClient, neon, neonConfig } from '@neondatabase/serverless';
import {
  createTableRelationsHelpers,
  type ExtractTablesWithRelations,
  extractTablesRelationalConfig,
  type RelationalSchemaConfig,
} from 'drizzle-orm';
import { drizzle as drizzleHttp } from 'drizzle-orm/neon-http';
import { type drizzle, NeonDatabase, NeonSession } from 'drizzle-orm/neon-serverless';
import { PgDialect } from 'drizzle-orm/pg-core';
import { withDeadline } from '../lib/concurrency';
import { databaseUnavailable, isDatabaseUnreachable } from '../lib/errors';
import type { Logger } from '../lib/logger';
import * as schema from './schema';

type DbEnv = {
  DATABASE_URL: string;
  DB_WS_PROXY?: string | undefined;
  DB_CONNECT_TIMEOUT_MS?: number | undefined;
  DB_QUERY_TIMEOUT_MS?: number | undefined;
};

/** How long a unit of work waits for its first database answer before it gives up with a 503. */
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/**
 * How long any pooled statement may go unanswered (ADR 090): a socket the server left without a word (Postgres
 * restarting under a job) otherwise held the job, and the queue behind it, for good. Twice the slowest statement
 * we have seen on purpose: an import's batch of streams took 50 s on the soak's overloaded 2-core box.
 */
const DEFAULT_QUERY_TIMEOUT_MS = 120_000;

export type Db = ReturnType<typeof drizzle<typeof schema>>;

export interface DbHandle {
  db: Db;
  /** Ends the pool; call from waitUntil once the response is sent. */
  close: () => Promise<void>;
}

function configureLocalProxy(proxy: string): void {
  // Locally the driver's WebSocket goes to our loopback proxy, in clear, instead of Neon's TLS endpoint.
  // The embedded server uses password auth, so startup and password can still be pipelined (one round trip saved).
  neonConfig.wsProxy = (host, port) => `${proxy}?address=${host}:${port}`;
  neonConfig.useSecureWebSocket = false;
  neonConfig.pipelineConnect = 'password';
  neonConfig.pipelineTLS = false;
  // One-shot queries over HTTP go to the same proxy's emulation of Neon's /sql endpoint.
  neonConfig.fetchEndpoint = () => `http://${proxy.replace(/\/v\d+$/, '')}/sql`;
}

// One HTTP handle per isolate and database: neon() holds no connection (each statement is a fetch made
// by the request that runs it), while drizzle's schema map costs about half a millisecond to build.
const httpDbs = new Map<string, HttpDb>();

/**
 * Single statements over Neon's HTTP endpoint: no WebSocket or Postgres startup, so a request whose only
 * query is the session lookup pays one round trip. No transactions and no session state here.
 */
export function createHttpDb(env: DbEnv): HttpDb {
  if (env.DB_WS_PROXY) configureLocalProxy(env.DB_WS_PROXY);
  const timeoutMs = env.DB_CONNECT_TIMEOUT_MS ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const key = `${timeoutMs} ${env.DATABASE_URL}`;
  let db = httpDbs.get(key);
  if (!db) {
    // The driver spreads these options into every fetch it makes, so the getter hands each statement a fresh
    // deadline; a stuck endpoint then fails in `timeoutMs` (a TimeoutError, answered 503) instead of minutes.
    const fetchOptions = {
      get signal() {
        return AbortSignal.timeout(timeoutMs);
      },
    };
    db = drizzleHttp({ client: neon(env.DATABASE_URL, { fetchOptions }), schema });
    httpDbs.set(key, db);
  }
  return db;
}

export type HttpDb = ReturnType<typeof drizzleHttp<typeof schema>>;

type Relational = RelationalSchemaConfig<ExtractTablesWithRelations<typeof schema>>;
let relational: Relational | undefined;

/**
 * `drizzle({ client: pool, schema })`, with the schema's relational map (plain data, ~1.3 ms of CPU for our 137
 * tables) built once per isolate instead of for every request's pool, as the HTTP handle above is kept.
 */
function poolDb(pool: Pool): Db {
  if (!relational) {
    const tables = extractTablesRelationalConfig<ExtractTablesWithRelations<typeof schema>>(schema, createTableRelationsHelpers);
    relational = { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap };
  }
  const dialect = new PgDialect();
  const db = new NeonDatabase(dialect, new NeonSession(pool, dialect, relational, {}), relational) as Db;
  db.$client = pool;
  return db;
}

/** One pool per request/batch/tick: Workers may not share I/O objects across requests. */
export function createDb(env: DbEnv, logger: Logger): DbHandle {
  if (env.DB_WS_PROXY) configureLocalProxy(env.DB_WS_PROXY);
  // query_timeout is node-postgres's own client-side deadline: the statement fails with "Query read timeout".
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 5, query_timeout: env.DB_QUERY_TIMEOUT_MS ?? DEFAULT_QUERY_TIMEOUT_MS });
  const answered = boundFirstAnswer(pool, env.DB_CONNECT_TIMEOUT_MS ?? DEFAULT_CONNECT_TIMEOUT_MS);
  let closed = false;
  // Sockets torn down by end() report an error afterwards; only errors while in use are news. A database that went
  // away is said once by whoever was using it (ADR 086), not again per socket here.
  pool.on('error', (err: Error) => {
    if (!closed && !isDatabaseUnreachable(err))
      logger.warn('db pool error', { errorName: err.name, errorMessage: err.message.slice(0, 120) });
  });
  const held = heldClients(pool);
  return {
    db: poolDb(pool),
    close: async () => {
      if (closed) return;
      closed = true;
      // Nothing of the unit of work runs past its close, so a client still out belongs to work given up at its
      // deadline (ADR 090). pg-pool's end waits for its release for good — that held a whole local queue after a
      // restart — so its connection is ended instead (the server rolls its transaction back; a statement in flight
      // fails, and its holder's own release then finds the client released once, not twice) and not waited for.
      const abandoned = [...held];
      for (const client of abandoned) (client as unknown as { end: () => Promise<void> }).end().catch(() => {});
      if (abandoned.length) logger.warn('db pool closed with clients still out', { count: abandoned.length });
      const ended = pool.end().catch(() => {});
      // A pool whose server never answered never finishes ending either (pg-pool waits for the client still
      // connecting), so only a pool that had an answer and no client out is awaited; the runtime cancels the stray
      // sockets when the unit of work ends.
      if (answered() && abandoned.length === 0) await ended;
    },
  };
}

/** The pool's clients handed out and not yet handed back, from pg-pool's own acquire/release/remove events. */
function heldClients(pool: Pool): ReadonlySet<PoolClient> {
  const held = new Set<PoolClient>();
  pool.on('acquire', (client: PoolClient) => held.add(client));
  pool.on('release', (_err: Error | undefined, client: PoolClient) => held.delete(client));
  pool.on('remove', (client: PoolClient) => held.delete(client));
  return held;
}

/**
 * Bounds the wait for the database's first answer: until the pool has had one, each promise-form `query` and
 * `connect` first gets a client whose `select 1` must answer within `timeoutMs`, else the 503 AppError. The
 * connection alone proves nothing: with pipelined startup the driver's connect resolves once the WebSocket
 * opens, before the server has said a word, so a stuck server left the first query (and pg-pool's
 * connectionTimeoutMillis, which never fired) waiting for minutes. Returns whether the pool has had an answer
 * (then `close()` may await its end).
 */
function boundFirstAnswer(pool: Pool, timeoutMs: number): () => boolean {
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => Promise<PoolClient>;
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  let answered = false;
  const withinBound = (work: Promise<PoolClient>): Promise<PoolClient> => {
    if (answered) return work;
    // A client whose answer comes after the deadline has no caller left: it goes back, closed, as it arrives.
    let late = false;
    work.then(
      (client) => late && client.release(true),
      () => {},
    );
    const bound = withDeadline(work, timeoutMs, () => {
      late = true;
      return databaseUnavailable();
    });
    return bound.then((client) => {
      answered = true;
      return client;
    });
  };
  const firstClient = async (): Promise<PoolClient> => {
    const client = await connect();
    try {
      await client.query('select 1');
      return client;
    } catch (err) {
      client.release(true);
      throw err;
    }
  };
  // Callback forms are pg-pool's own internal calls (query → connect); only promise callers are bounded.
  const bounded = pool as unknown as { connect: (...args: unknown[]) => unknown; query: (...args: unknown[]) => unknown };
  bounded.connect = (...args) => {
    if (typeof args[0] === 'function') return connect(...args);
    return (answered ? connect() : withinBound(firstClient())).then(checkedOut);
  };
  // Only the wait for an answer is bounded, never the query itself: before the first answer a query runs on a
  // client whose `select 1` answered in time, so a job whose first statement is long (a retention batch) still runs.
  bounded.query = (...args) => {
    if (typeof args[args.length - 1] === 'function' || answered) return query(...args);
    return withinBound(firstClient())
      .then(checkedOut)
      .then((client) => {
        const run = client.query as (...a: unknown[]) => Promise<unknown>;
        return run.apply(client, args).finally(() => client.release());
      });
  };
  return () => answered;
}

/** Clients that already carry checkedOut's error listener (pg-pool hands the same client out many times). */
const listening = new WeakSet<PoolClient>();

/**
 * A client as a caller holds it. Handed back while a statement is still out on it (one that timed out; drizzle's
 * transaction releases without the error), it is ended, not pooled: the next caller would queue behind an answer
 * that never comes (pg-pool's own `query` already releases with the error). And its connection dying while held
 * is not an uncaught error: pg-pool listens only to idle clients, and the statement in flight rejects by itself.
 * `activeQuery`/`queryQueue` are node-postgres's fields.
 */
function checkedOut(client: PoolClient): PoolClient {
  if (!listening.has(client)) {
    listening.add(client);
    client.on('error', () => {});
  }
  const release = client.release.bind(client);
  const busy = client as unknown as { activeQuery?: unknown; queryQueue?: unknown[] };
  client.release = (err?: Error | boolean) => release(err || (busy.activeQuery || busy.queryQueue?.length ? true : undefined));
  return client;
}
