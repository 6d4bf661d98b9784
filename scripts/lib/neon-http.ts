// Neon's HTTP query endpoint (POST /sql) for the local Postgres, so the worker's one-shot queries take the
// same driver path as in production (`neon()` over fetch: no WebSocket and no Postgres startup per request).
// Wire format as the @neondatabase/serverless driver speaks it: headers Neon-Connection-String,
// Neon-Raw-Text-Output and Neon-Array-Mode; body { query, params } or { queries: [...] } (one transaction);
// answer { command, rowCount, fields, rows } with rows as arrays of text, or { results: [...] }; a Postgres
// error is a 400 whose JSON carries the message and the error fields (code, detail, constraint, ...).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { FieldDef, Pool as PgPool, PoolClient, QueryArrayResult } from 'pg';

const { Pool } = createRequire(import.meta.url)('pg') as { Pool: typeof PgPool };

type Query = { query: string; params?: unknown[] };
const ERROR_FIELDS = [
  'severity',
  'code',
  'detail',
  'hint',
  'position',
  'internalPosition',
  'internalQuery',
  'where',
  'schema',
  'table',
  'column',
  'dataType',
  'constraint',
  'file',
  'line',
  'routine',
] as const;
const ISOLATION: Record<string, string> = {
  ReadUncommitted: 'READ UNCOMMITTED',
  ReadCommitted: 'READ COMMITTED',
  RepeatableRead: 'REPEATABLE READ',
  Serializable: 'SERIALIZABLE',
};
// Text out, as Neon answers with Neon-Raw-Text-Output: the driver parses by dataTypeID itself.
const raw = { getTypeParser: () => (value: string) => value };
const MAX_BODY = 8 * 1024 * 1024;
/** Neon's cap on one answer (its proxy's ResponseTooLarge: HTTP 507), kept here so a read that outgrows it fails locally too. */
export const MAX_RESPONSE = 64 * 1024 * 1024;

/** Neon's /sql answer when the compute cannot be reached (its proxy's ConnectCompute error: 500, no SQLSTATE). */
export const COMPUTE_UNREACHABLE = { status: 500, json: { message: "Couldn't connect to compute node", code: '' } };

export interface NeonHttp {
  handle(req: IncomingMessage, res: ServerResponse): void;
  stop(): Promise<void>;
}

/**
 * A connection that dies while its client is checked out (Postgres stopped mid-statement) fails the statement in
 * flight, and node-postgres also emits it as an 'error' event, which pg-pool listens to on idle clients only: unheard,
 * it ended the process serving /sql (and the stack with it) in the soak's database fault. The client is then
 * not queryable, so its release drops it from the pool.
 */
const heard = new WeakSet<PoolClient>();
function hearErrors(client: PoolClient) {
  if (heard.has(client)) return;
  heard.add(client);
  client.on('error', () => {});
}

/** Serves /sql for the one local server at `target`; a connection string naming another port is refused. */
export function neonHttp(target: { host: string; port: number }): NeonHttp {
  const pools = new Map<string, PgPool>();
  const poolFor = (connectionString: string): PgPool => {
    let pool = pools.get(connectionString);
    if (!pool) {
      const url = new URL(connectionString);
      pool = new Pool({
        host: target.host,
        port: target.port,
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: url.pathname.slice(1),
        max: 20,
        idleTimeoutMillis: 30_000,
      });
      pool.on('error', () => {});
      pools.set(connectionString, pool);
    }
    return pool;
  };

  const run = async (client: PoolClient, q: Query) => {
    const r: QueryArrayResult = await client.query({ text: q.query, values: q.params ?? [], rowMode: 'array', types: raw });
    return {
      command: r.command,
      rowCount: r.rowCount,
      fields: r.fields.map((f: FieldDef) => ({ ...f, format: 'text' })),
      rows: r.rows,
      rowAsArray: true,
    };
  };

  async function answer(req: IncomingMessage, body: string) {
    const connectionString = String(req.headers['neon-connection-string'] ?? '');
    const url = new URL(connectionString);
    if (Number(url.port || 5432) !== target.port) return { status: 400, json: { message: 'unknown target' } };
    const parsed = JSON.parse(body) as Query | { queries: Query[] };
    let client: PoolClient;
    try {
      client = await poolFor(connectionString).connect();
    } catch (err) {
      // Neon's proxy answers a compute it cannot reach (down, restarting: 57P03) with 500, never 400 (its ConnectCompute error).
      const code = (err as { code?: unknown }).code;
      return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)
        ? { status: 500, json: { message: (err as Error).message, code } }
        : COMPUTE_UNREACHABLE;
    }
    hearErrors(client);
    let broken = false;
    try {
      if (!('queries' in parsed)) return { status: 200, json: await run(client, parsed) };
      const level = ISOLATION[String(req.headers['neon-batch-isolation-level'] ?? '')];
      const readOnly = req.headers['neon-batch-read-only'] === 'true';
      await client.query(`BEGIN${level ? ` ISOLATION LEVEL ${level}` : ''}${readOnly ? ' READ ONLY' : ''}`);
      try {
        const results = [];
        for (const q of parsed.queries) results.push(await run(client, q));
        await client.query('COMMIT');
        return { status: 200, json: { results } };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw err;
      }
    } catch (err) {
      const e = err as Record<string, unknown> & { message?: string };
      // An error without a SQLSTATE is the connection's own, and a FATAL one ends its backend (terminated, shut down):
      // either way the client goes, or the next request is handed a dead connection. Neon never reuses one.
      if (typeof e.code !== 'string') {
        broken = true;
        throw err;
      }
      if (e.severity === 'FATAL' || e.severity === 'PANIC') broken = true;
      const json: Record<string, unknown> = { message: e.message ?? 'query failed' };
      for (const f of ERROR_FIELDS) if (e[f] !== undefined) json[f] = e[f];
      return { status: 400, json };
    } finally {
      client.release(broken);
    }
  }

  return {
    handle(req, res) {
      const send = (status: number, json: unknown) => {
        let body = JSON.stringify(json);
        if (Buffer.byteLength(body) > MAX_RESPONSE) {
          status = 507;
          body = JSON.stringify({ message: `response is too large (max is ${MAX_RESPONSE} bytes)`, code: '' });
        }
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body);
      };
      if (req.method !== 'POST') return send(405, { message: 'POST only' });
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) req.destroy();
        else chunks.push(c);
      });
      req.on('end', () => {
        answer(req, Buffer.concat(chunks).toString('utf8')).then(
          (r) => send(r.status, r.json),
          (err: unknown) => send(500, { message: err instanceof Error ? err.message : 'proxy error' }),
        );
      });
    },
    stop: async () => {
      await Promise.all([...pools.values()].map((p) => p.end().catch(() => {})));
    },
  };
}
