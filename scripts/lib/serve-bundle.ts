// Serves the deploy bundle (`wrangler deploy --dry-run --outdir`) through Miniflare, with wrangler.toml's bindings,
// queues, Durable Objects, assets and crons: what the tests and benchmarks run (ADR 094 "Sixth slice"). Compared with
// `wrangler dev` there is no proxy worker in front of the app and no bundler watching the tree, and the code served is
// the artifact that ships. Run as its own process (stack.ts spawns it) so a hard restart can kill it like a crash, and
// so workerd starts outside libfaketime (ADR 094). Settings come as one JSON argument (BundleServerSettings).
import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare, type V4WorkerOptions } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';

export interface BundleServerSettings {
  /** wrangler.toml: its bindings, queues, Durable Objects, assets and crons. */
  config: string;
  /** The dry run's output directory (index.js and the modules beside it). */
  bundleDir: string;
  host: string;
  port: number;
  /** Where Durable Objects, queues and R2 keep their state across restarts (wrangler dev's --persist-to). */
  persistTo: string;
  /** Worker vars over wrangler.toml's [vars] (the stack's addresses). */
  vars: Record<string, string>;
}

// The module kinds wrangler's dry run writes beside index.js (wrangler.toml's rules: text files are imported as text).
const MODULE_TYPES: Record<string, 'ESModule' | 'Text' | 'Data' | 'CompiledWasm'> = {
  '.js': 'ESModule',
  '.mjs': 'ESModule',
  '.txt': 'Text',
  '.html': 'Text',
  '.sql': 'Text',
  '.bin': 'Data',
  '.wasm': 'CompiledWasm',
};

export function bundleModules(bundleDir: string): { type: 'ESModule' | 'Text' | 'Data' | 'CompiledWasm'; path: string }[] {
  const files = readdirSync(bundleDir).filter((f) => MODULE_TYPES[extname(f)]);
  // index.js first: Miniflare takes the first module as the entry point.
  files.sort((a, b) => (a === 'index.js' ? -1 : b === 'index.js' ? 1 : a.localeCompare(b)));
  return files.map((f) => ({ type: MODULE_TYPES[extname(f)]!, path: join(bundleDir, f) }));
}

export async function serveBundle(settings: BundleServerSettings): Promise<Miniflare> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(settings.config);
  const worker = {
    ...workerOptions,
    name: 'cadence',
    modulesRoot: settings.bundleDir,
    modules: bundleModules(settings.bundleDir),
    bindings: { ...(workerOptions.bindings ?? {}), ...settings.vars },
  } as V4WorkerOptions;
  // wrangler's reader speaks Miniflare's v4 worker options; Miniflare 5 converts them, as wrangler itself does.
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: settings.host,
      port: settings.port,
      // No cf.json download: this machine is offline, and nothing in the app reads request.cf.
      cf: false,
      // /cdn-cgi/local/scheduled fires a cron, as under wrangler dev (tests and the cron ticker use it).
      unsafeTriggerHandlers: true,
      resourcePersistencePath: join(settings.persistTo, 'v3'),
      log: new Log(LogLevel.WARN),
      handleStructuredLogs: ({ level, message }) => (level === 'error' || level === 'warn' ? console.error : console.log)(message),
      telemetry: { enabled: false },
      workers: [worker],
    }),
  );
  await mf.ready;
  return mf;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const settings = JSON.parse(process.argv[2] ?? '{}') as BundleServerSettings;
  const mf = await serveBundle(settings);
  console.log(`serving the bundle on http://${settings.host}:${settings.port}`);
  const stop = () => void mf.dispose().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
