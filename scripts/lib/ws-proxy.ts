// WebSocket-to-TCP proxy so the Neon serverless driver (which speaks Postgres over a
// WebSocket) reaches a plain local Postgres, and Neon's HTTP query endpoint (/sql) for its one-shot
// queries. Loopback only, and only to one target.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { WebSocketServer as WsServer } from 'ws';
import { COMPUTE_UNREACHABLE, neonHttp } from './neon-http.ts';
import { SessionPool } from './pg-sessions.ts';

// Loaded through require: bundler-style resolvers (vitest with the workers plugin) would pick ws's browser stub.
const { WebSocketServer } = createRequire(import.meta.url)('ws') as { WebSocketServer: typeof WsServer };

/**
 * A database host that accepts and never answers: a DATABASE_URL naming it reaches a WebSocket (or /sql request)
 * that stays open and silent, which is what a stuck server looks like to the worker (tests of the 503).
 */
export const SILENT_DATABASE_HOST = 'silent-database.invalid';

/**
 * A database host that is down (stopped, restarting): its WebSocket is accepted and closed at once, as the proxy does
 * when the TCP connection to Postgres is refused, and its /sql requests get what Neon's endpoint answers when it
 * cannot reach the compute (HTTP 500, "Couldn't connect to compute node"). Tests of the 503 for a stopped database.
 */
export const REFUSING_DATABASE_HOST = 'refusing-database.invalid';

const hostOf = (connectionString: string | string[] | undefined) => {
  try {
    return new URL(String(connectionString)).hostname;
  } catch {
    return '';
  }
};

export interface RunningProxy {
  port: number;
  /** Value for the worker's DB_WS_PROXY setting (the HTTP endpoint is the same host's /sql). */
  endpoint: string;
  /** Ends the kept sessions of a database about to be dropped (the test files' reset). */
  dropIdleSessions: (database: string) => void;
  stop: () => Promise<void>;
}

export async function startWsProxy(target: { host: string; port: number }, listenPort = 0): Promise<RunningProxy> {
  const sql = neonHttp(target);
  const sessions = new SessionPool(target);
  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname === '/sql') {
      const host = hostOf(req.headers['neon-connection-string']);
      if (host === SILENT_DATABASE_HOST) return; // held until the caller gives up
      if (host === REFUSING_DATABASE_HOST) {
        res.writeHead(COMPUTE_UNREACHABLE.status, { 'content-type': 'application/json' }).end(JSON.stringify(COMPUTE_UNREACHABLE.json));
        return;
      }
      return sql.handle(req, res);
    }
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 60_000;
  const wss = new WebSocketServer({ server, path: '/v1' });
  wss.on('connection', (ws, req) => {
    const address = new URL(req.url ?? '/', 'http://x').searchParams.get('address') ?? '';
    const [host, port] = address.split(':');
    if (host === SILENT_DATABASE_HOST) return; // open, and never a byte back
    if (host === REFUSING_DATABASE_HOST) {
      ws.close(); // what the session pool does when Postgres refuses the connection (pg-sessions.ts)
      return;
    }
    // The driver asks for the host named in DATABASE_URL; we always dial the one local server.
    if (Number(port) !== target.port) {
      ws.close(1008, 'unknown target');
      return;
    }
    // Each WebSocket gets a Postgres session of its own, a kept one when one is idle (pg-sessions.ts).
    sessions.attach({
      send: (data) => {
        if (ws.readyState === ws.OPEN) ws.send(data);
      },
      close: () => ws.close(),
      onMessage: (fn) => ws.on('message', (data: Buffer) => fn(data)),
      onClose: (fn) => {
        ws.on('close', fn);
        ws.on('error', fn);
      },
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    endpoint: `127.0.0.1:${port}/v1`,
    dropIdleSessions: (database) => sessions.dropIdle(database),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        sessions.closeAll();
        wss.close();
        server.closeAllConnections();
        void sql.stop().then(() => server.close(() => resolve()));
      }),
  };
}
