// Node, a process of its own: the WebSocket proxy to the test Postgres (and its /sql endpoint) and the
// provider sandbox. Every database query and provider call of the tests passes through here, so they are
// kept off vitest's main process, whose event loop also serves both workers' module loads.
//   node worker/testing/services.ts <postgres host> <postgres port>
// Prints one JSON line with their addresses; stops on SIGTERM or when its parent goes (stdin closes).
import { startWsProxy } from '../../scripts/lib/ws-proxy.ts';
import { startSandbox } from '../../scripts/sandbox/server.ts';

const [host = '127.0.0.1', port = ''] = process.argv.slice(2);
const proxy = await startWsProxy({ host, port: Number(port) });
const sandbox = await startSandbox({ port: 0 });
process.stdout.write(`${JSON.stringify({ dbWsProxy: proxy.endpoint, sandboxUrl: sandbox.url })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled([sandbox.stop(), proxy.stop()]);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
