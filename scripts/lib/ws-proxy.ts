// WebSocket-to-TCP proxy so the Neon serverless driver (which speaks Postgres over a
// WebSocket) reaches a plain local Postgres. Loopback only, and only to one target.
import { createConnection } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { WebSocketServer as WsServer } from 'ws';

// Loaded through require: bundler-style resolvers (vitest with the workers plugin) would pick ws's browser stub.
const { WebSocketServer } = createRequire(import.meta.url)('ws') as { WebSocketServer: typeof WsServer };

export interface RunningProxy {
  port: number;
  /** Value for the worker's DB_WS_PROXY setting. */
  endpoint: string;
  stop: () => Promise<void>;
}

export async function startWsProxy(target: { host: string; port: number }, listenPort = 0): Promise<RunningProxy> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: listenPort, path: '/v1' });
  wss.on('connection', (ws, req) => {
    const address = new URL(req.url ?? '/', 'http://x').searchParams.get('address') ?? '';
    const [, port] = address.split(':');
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
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const port = (wss.address() as AddressInfo).port;
  return {
    port,
    endpoint: `127.0.0.1:${port}/v1`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
