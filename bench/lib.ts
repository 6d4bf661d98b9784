// Small load-generation helpers shared by the benchmarks. Loopback targets only; every loop is
// bounded by a deadline.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface Sample {
  latenciesMs: number[];
  errors: number;
  seconds: number;
  /** Non-2xx statuses (or "network") and how often each was seen. */
  errorKinds?: Record<string, number>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export function summarize(s: Sample) {
  const sorted = [...s.latenciesMs].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    rps: sorted.length / s.seconds,
    errors: s.errors,
  };
}

export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) throw new Error(`refusing to load a non-loopback host: ${host}`);
}

/** `clients` concurrent loops calling `request` until `seconds` pass; a non-2xx answer counts as an error. */
export async function load(clients: number, seconds: number, request: () => Promise<Response>): Promise<Sample> {
  const latenciesMs: number[] = [];
  let errors = 0;
  const errorKinds: Record<string, number> = {};
  const fail = (kind: string) => {
    errors++;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const loop = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const res = await request();
        await res.arrayBuffer();
        if (res.ok) latenciesMs.push(performance.now() - t0);
        else fail(String(res.status));
      } catch (err) {
        fail(err instanceof Error ? `${err.name}: ${(err.cause as Error | undefined)?.message ?? err.message}`.slice(0, 80) : 'network');
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  return { latenciesMs, errors, errorKinds, seconds: (performance.now() - started) / 1000 };
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** Bundles a bench entry (worker code for Node, esbuild) and imports it; `cleanup` removes the bundle. */
export async function loadEntry<T>(entry: URL): Promise<{ mod: T; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'cadence-bench-'));
  const outfile = join(dir, 'entry.mjs');
  await build({
    entryPoints: [entry.pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile,
    logLevel: 'error',
  });
  return { mod: (await import(outfile)) as T, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Waits `ms`, or less when `signal` aborts (a bench cut short stops waiting at once). */
export const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/** One Postgres client for `fn`, ended after it whatever happens (a bench's reads and its setup writes). */
export async function withDatabase<T>(databaseUrl: string, fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: databaseUrl });
  db.on('error', () => {});
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}
