// WebSocket-to-TCP proxy so the Neon serverless driver (which speaks Postgres over a
// WebSocket) reaches a plain local Postgres, and Neon's HTTP query endpoint (/sql) for its one-shot
// queries. Loopback only, and only to one target.
import { createServer } from 'node:http';
import { createConnection } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { WebSocketServer as WsServer } from 'ws';
import { neonHttp } from './neon-http.ts';

// Loaded through require: bundler-style resolvers (vitest with the workers plugin) would pick ws's browser stub.
const { WebSocketServer } = createRequire(import.meta.url)('ws') as { WebSocketServer: typeof WsServer };

/**
 * A database host that accepts and never answers: a DATABASE_URL naming it reaches a WebSocket (or /sql request)
 * that stays open and silent, which is what a stuck server looks like to the worker (tests of the 503).
 */
export const SILENT_DATABASE_HOST = 'silent-database.invalid';

const namesSilentHost = (connectionString: string | string[] | undefined) => {
  try {
    return new URL(String(connectionString)).hostname === SILENT_DATABASE_HOST;
  } catch {
    return false;
  }
};

export interface RunningProxy {
  port: number;
  /** Value for the worker's DB_WS_PROXY setting (the HTTP endpoint is the same host's /sql). */
  endpoint: string;
  stop: () => Promise<void>;
}

export async function startWsProxy(target: { host: string; port: number }, listenPort = 0): Promise<RunningProxy> {
  const sql = neonHttp(target);
  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname === '/sql') {
      if (namesSilentHost(req.headers['neon-connection-string'])) return; // held until the caller gives up
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
    // The driver asks for the host named in DATABASE_URL; we always dial the one local server.
    if (Number(port) !== target.port) {
      ws.close(1008, 'unknown target');
      return;
    }
    const socket = createConnection({ host: target.host, port: target.port });
    socket.setNoDelay(true);
    const pending: Buffer[] = [];
    let open = false;
    socket.on('connect', () => {
      open = true;
      for (const chunk of pending) socket.write(chunk);
      pending.length = 0;
    });
    ws.on('message', (data: Buffer) => (open ? socket.write(data) : pending.push(data)));
    socket.on('data', (data) => ws.send(data));
    socket.on('error', () => ws.close());
    socket.on('close', () => ws.close());
    ws.on('close', () => socket.destroy());
    ws.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    endpoint: `127.0.0.1:${port}/v1`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        void sql.stop().then(() => server.close(() => resolve()));
      }),
  };
}
