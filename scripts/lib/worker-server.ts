// How the stack serves the worker (ADR 094 "Sixth slice"): `wrangler dev`, which rebuilds on every change (what a
// person at `npm run dev` wants), or the deploy bundle built once and served by Miniflare (what the tests and
// benchmarks want: the artifact that ships, without wrangler's proxy worker and its bundler watching the tree).
import { join } from 'node:path';
import { putLocalBasemap } from '../basemap/local-r2.ts';
import { freePort } from './ports.ts';
import { run } from './processes.ts';
import type { BundleServerSettings } from './serve-bundle.ts';

export type WorkerServer = 'watch' | 'bundle';

export interface WorkerServerInput {
  root: string;
  port: number;
  /** Durable Objects, queues and R2 state, kept across restarts. */
  persistTo: string;
  vars: Record<string, string>;
  env: NodeJS.ProcessEnv;
  quiet: boolean;
  signal?: AbortSignal;
}

/**
 * The arguments for `node …` that serve the worker on 127.0.0.1:port (the bundle is built first, once). Either way the
 * offline basemap is put into the local TILES bucket first (ADR 097), before the worker opens that state.
 */
export async function workerServerArgs(kind: WorkerServer, input: WorkerServerInput): Promise<string[]> {
  await putLocalBasemap({ root: input.root, persistTo: input.persistTo, env: input.env, quiet: true, signal: input.signal });
  const wranglerJs = join(input.root, 'node_modules/wrangler/bin/wrangler.js');
  if (kind === 'watch') {
    const args = [wranglerJs, 'dev', '--port', String(input.port), '--ip', '127.0.0.1', '--inspector-port', String(await freePort())];
    args.push('--persist-to', input.persistTo, '--show-interactive-dev-session=false');
    for (const [key, value] of Object.entries(input.vars)) args.push('--var', `${key}:${value}`);
    return args;
  }
  const bundleDir = join(input.persistTo, '..', 'bundle');
  await run(process.execPath, [wranglerJs, 'deploy', '--dry-run', '--outdir', bundleDir], {
    cwd: input.root,
    env: input.env,
    quiet: input.quiet,
    signal: input.signal,
  });
  const settings: BundleServerSettings = {
    config: join(input.root, 'wrangler.toml'),
    bundleDir,
    host: '127.0.0.1',
    port: input.port,
    persistTo: input.persistTo,
    vars: input.vars,
  };
  return [join(input.root, 'scripts/lib/serve-bundle.ts'), JSON.stringify(settings)];
}
