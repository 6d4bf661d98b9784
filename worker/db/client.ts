import { Pool, neon, neonConfig } from '@neondatabase/serverless';
import { drizzle as drizzleHttp } from 'drizzle-orm/neon-http';
import { drizzle } from 'drizzle-orm/neon-serverless';
import type { Logger } from '../lib/logger';
import * as schema from './schema';

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
export function createHttpDb(env: { DATABASE_URL: string; DB_WS_PROXY?: string | undefined }): HttpDb {
  if (env.DB_WS_PROXY) configureLocalProxy(env.DB_WS_PROXY);
  let db = httpDbs.get(env.DATABASE_URL);
  if (!db) {
    db = drizzleHttp({ client: neon(env.DATABASE_URL), schema });
    httpDbs.set(env.DATABASE_URL, db);
  }
  return db;
}

export type HttpDb = ReturnType<typeof drizzleHttp<typeof schema>>;

/** One pool per request/batch/tick: Workers may not share I/O objects across requests. */
export function createDb(env: { DATABASE_URL: string; DB_WS_PROXY?: string | undefined }, logger: Logger): DbHandle {
  if (env.DB_WS_PROXY) configureLocalProxy(env.DB_WS_PROXY);
  const pool = new Pool({ connectionString: env.DATABASE_URL, max: 5 });
  let closed = false;
  // Sockets torn down by end() report an error afterwards; only errors while in use are news.
  pool.on('error', (err: Error) => {
    if (!closed) logger.warn('db pool error', { errorName: err.name, errorMessage: err.message.slice(0, 120) });
  });
  return {
    db: drizzle({ client: pool, schema }),
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end().catch(() => {});
    },
  };
}
