// The browser suite's scheduler (scripts/e2e.ts): each spec file in a node:test process of its own, the longest first,
// as many at once as the machine has room for. CI starts the suite beside the unit tests; while they run (a marker
// file exists) one spec at a time fills the cores they leave idle, then the suite takes both (ADR 094).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/**
 * The specs, longest first by the durations last recorded (`file<TAB>seconds` lines): the longest ones started last
 * would leave one core idle at the end while they finish. A spec with no record goes first (it may be long).
 */
export function longestFirst(specs: string[], recorded: string | null): string[] {
  const seconds = new Map<string, number>();
  for (const line of (recorded ?? '').split('\n')) {
    const [file, s] = line.split('\t');
    if (file && s && Number.isFinite(Number(s))) seconds.set(file, Number(s));
  }
  const of = (spec: string) => seconds.get(spec) ?? Number.POSITIVE_INFINITY;
  return [...specs].sort((a, b) => of(b) - of(a) || a.localeCompare(b));
}

/** How many specs may run now: `concurrency`, or `whileBusy.at` while the marker file exists. */
export function roomFor(concurrency: number, whileBusy: { marker: string; at: number } | undefined): number {
  return whileBusy && existsSync(whileBusy.marker) ? Math.min(whileBusy.at, concurrency) : concurrency;
}

export interface SpecRun {
  spec: string;
  code: number;
  /** What the spec's process printed (TAP in CI), printed whole when it ends so specs never interleave. */
  output: string;
}

export interface PoolOptions {
  concurrency: number;
  whileBusy?: { marker: string; at: number };
  /** The node:test arguments for one spec (reporters), before the file. */
  argsFor: (spec: string) => string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  onDone: (run: SpecRun) => void;
  signal?: AbortSignal;
}

/** Runs every spec, each in its own process; resolves with each one's result once all have ended. */
export function runPool(specs: string[], opts: PoolOptions): Promise<SpecRun[]> {
  const queue = [...specs];
  const results: SpecRun[] = [];
  const running = new Set<ChildProcess>();
  opts.signal?.addEventListener('abort', () => {
    queue.length = 0;
    for (const child of running) child.kill('SIGTERM');
  });
  return new Promise((resolve) => {
    // The marker going away is noticed when a spec ends and by this check, whichever comes first.
    const watch = opts.whileBusy ? setInterval(() => startMore(), 2_000) : undefined;
    const startMore = () => {
      while (queue.length && running.size < roomFor(opts.concurrency, opts.whileBusy)) start(queue.shift()!);
      if (queue.length || running.size) return;
      clearInterval(watch);
      resolve(results);
    };
    const start = (spec: string) => {
      const child = spawn(process.execPath, ['--test', ...opts.argsFor(spec), spec], {
        cwd: opts.cwd,
        env: opts.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      running.add(child);
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
      child.on('close', (code) => {
        running.delete(child);
        const run = { spec, code: code ?? 1, output };
        results.push(run);
        opts.onDone(run);
        startMore();
      });
    };
    startMore();
  });
}

/** The specs' closing counts from each one's TAP (`# pass N`, `# fail N`), summed for the suite's own closing lines. */
export function tapTotals(runs: SpecRun[]): { tests: number; pass: number; fail: number } {
  const sum = (key: string) =>
    runs.reduce((total, run) => total + Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(run.output)?.[1] ?? 0), 0);
  // A spec whose process failed without a failing test (it did not load, it crashed) still counts as a failure.
  const silent = runs.filter((run) => run.code !== 0 && !/^# fail [1-9]/m.test(run.output)).length;
  return { tests: sum('tests'), pass: sum('pass'), fail: sum('fail') + silent };
}

export const readIfExists = (path: string): string | null => (existsSync(path) ? readFileSync(path, 'utf8') : null);
