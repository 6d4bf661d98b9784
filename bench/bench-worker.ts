// `wrangler dev` of a bench-only worker (bench/<name>/wrangler.toml), pointed at the stack's database.
// Bench workers drive production code from inside workerd, so their figures are the code's, not the
// HTTP path's of `wrangler dev`.
import { join } from 'node:path';
import { freePort } from '../scripts/lib/ports.ts';
import { pipeLines, spawnGroup, stopGroup, Tail, waitForOk } from '../scripts/lib/processes.ts';
import { ROOT, type Stack } from '../scripts/lib/stack.ts';

export interface BenchWorker {
  url: string;
  /** The wrangler process's id (workerd runs beneath it). */
  pid: number;
  stop: () => Promise<void>;
}

/**
 * Starts the worker configured by `config` (relative to `root`, the repo root unless another checkout is
 * named) and waits for it to answer `health`. `vars` adds worker vars (e.g. the stack's sandbox address); `env`
 * adds to wrangler's process environment (e.g. SSL_CERT_FILE with the push sandbox's CA).
 */
export async function startBenchWorker(
  stack: Stack,
  config: string,
  vars: Record<string, string> = {},
  { root = ROOT, health = '/health', env = {} }: { root?: string; health?: string; env?: Record<string, string> } = {},
): Promise<BenchWorker> {
  const port = await freePort();
  const tail = new Tail();
  const args = [
    join(root, 'node_modules/wrangler/bin/wrangler.js'),
    'dev',
    '-c',
    join(root, config),
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--inspector-port',
    String(await freePort()),
    '--show-interactive-dev-session=false',
    '--var',
    `DATABASE_URL:${stack.databaseUrl}`,
  ];
  if (stack.dbWsProxy) args.push('--var', `DB_WS_PROXY:${stack.dbWsProxy}`);
  for (const [key, value] of Object.entries(vars)) args.push('--var', `${key}:${value}`);
  const child = spawnGroup(process.execPath, args, {
    cwd: root,
    env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false', ...env },
  });
  let alive = true;
  child.once('exit', () => (alive = false));
  pipeLines(child.stdout, '[bench-worker] ', tail, null);
  pipeLines(child.stderr, '[bench-worker] ', tail, null);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(`${url}${health}`, { timeoutMs: 60_000, alive: () => alive });
  } catch (err) {
    await stopGroup(child);
    throw new Error(`bench worker did not start: ${err instanceof Error ? err.message : err}\n${tail}`);
  }
  return { url, pid: child.pid ?? 0, stop: () => stopGroup(child) };
}

/** POSTs JSON to the bench worker and answers its JSON (a non-2xx answer throws with the body). */
export async function post<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
