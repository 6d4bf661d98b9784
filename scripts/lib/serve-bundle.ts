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

type ModuleType = 'ESModule' | 'Text' | 'Data' | 'CompiledWasm';
type ModuleRule = { type: string; include: string[] };

/**
 * The dry run's output as Miniflare modules: index.js first (the entry point), then what wrangler.toml's own module
 * rules (`modulesRules`, e.g. `**\/*.txt` as Text) say each file beside it is. A file no rule names is not a module.
 */
function bundleModules(bundleDir: string, rules: ModuleRule[]): { type: ModuleType; path: string }[] {
  const typeOf = (file: string): ModuleType | undefined => {
    if (extname(file) === '.js') return 'ESModule';
    const rule = rules.find((r) => r.include.some((glob) => glob.replace(/\?.*$/, '').endsWith(`*${extname(file)}`)));
    return rule?.type as ModuleType | undefined;
  };
  const files = readdirSync(bundleDir).filter((f) => typeOf(f));
  files.sort((a, b) => (a === 'index.js' ? -1 : b === 'index.js' ? 1 : a.localeCompare(b)));
  return files.map((f) => ({ type: typeOf(f)!, path: join(bundleDir, f) }));
}

export async function serveBundle(settings: BundleServerSettings): Promise<Miniflare> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(settings.config);
  const worker = {
    ...workerOptions,
    name: 'cadence',
    modulesRoot: settings.bundleDir,
    modules: bundleModules(settings.bundleDir, (workerOptions.modulesRules ?? []) as ModuleRule[]),
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
