// Race day (issue 56, ADR 096): a marathon course recorded at 1 Hz (42,195 m, a point every 3 m: ~14,000 trkpts with
// elevation, rolling hills, synthesised deterministically) through the worker's own code — the course GPX parsed,
// the prediction core, planPacing over the course, the fuelling plan on its clock, the race card and its PDF — bundled for Node (esbuild; V8 as in workerd). Target ≤ 200 ms.
// Same-run reference: the bare streaming XML read of the same bytes (decode, hash, tokenise), interleaved A B A B.
// Needs no stack; `npm run bench -- race-day` runs it beside one, `node bench/race-day.bench.ts` alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { build } from 'esbuild';
import { fmt, percentile } from './lib.ts';

const WARMUP = 5;
const ROUNDS = 40;
const TARGET_MS = 200;
type Entry = typeof import('./race-day.entry.ts');

async function loadRaceDay(): Promise<{ mod: Entry; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'cadence-bench-'));
  const outfile = join(dir, 'entry.mjs');
  await build({
    entryPoints: [new URL('./race-day.entry.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile,
    logLevel: 'error',
    // The ingest index names a Durable Object class; nothing here constructs one.
    plugins: [
      {
        name: 'cloudflare-stub',
        setup(b) {
          b.onResolve({ filter: /^cloudflare:/ }, (a) => ({ path: a.path, namespace: 'cf-stub' }));
          b.onLoad({ filter: /.*/, namespace: 'cf-stub' }, () => ({
            contents:
              'export class DurableObject {} export class WorkerEntrypoint {} export class WorkflowEntrypoint {} export const env = {};',
          }));
        },
      },
    ],
  });
  return { mod: (await import(outfile)) as Entry, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** workerd's crypto.DigestStream (the XML reader hashes what it reads), over node:crypto's incremental SHA-256. */
function digestStreamForNode(): void {
  const c = globalThis.crypto as Crypto & { DigestStream?: unknown };
  if (c.DigestStream) return;
  class DigestStream extends WritableStream<ArrayBuffer | ArrayBufferView> {
    readonly digest: Promise<ArrayBuffer>;
    constructor(_algorithm: string) {
      const hash = createHash('sha256');
      let done!: (b: ArrayBuffer) => void;
      const digest = new Promise<ArrayBuffer>((r) => {
        done = r;
      });
      super({
        write: (chunk) => {
          hash.update(
            chunk instanceof ArrayBuffer ? new Uint8Array(chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength),
          );
        },
        close: () => {
          const out = hash.digest();
          done(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
        },
      });
      this.digest = digest;
    }
  }
  Object.defineProperty(c, 'DigestStream', { value: DigestStream });
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

export async function raceDayBench(): Promise<string> {
  digestStreamForNode();
  const { mod, cleanup } = await loadRaceDay();
  try {
    const text = mod.gpxCourse({ lengthM: 42195, stepM: 3, hillM: 30, waveM: 3500, name: 'Bench marathon' });
    const bytes = new TextEncoder().encode(text);
    const first = await mod.raceDay(bytes);
    console.log(
      `course: ${first.points} trkpts, ${fmt(bytes.length / 1024, 0)} KiB; ${first.splits} km splits for ${fmt(first.targetS, 0)} s; card PDF ${fmt(first.pdfBytes / 1024, 0)} KiB`,
    );
    for (let i = 0; i < WARMUP; i++) {
      await mod.raceDay(bytes);
      await mod.bareXml(bytes);
    }
    const full: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let t = performance.now();
      await mod.raceDay(bytes);
      full.push(performance.now() - t);
      t = performance.now();
      await mod.bareXml(bytes);
      bare.push(performance.now() - t);
    }
    const f = sorted(full);
    const b = sorted(bare);
    const p50 = percentile(f, 50);
    const p95 = percentile(f, 95);
    const ratio = p50 / percentile(b, 50);
    console.log(
      `race day (parse + predict + pace + fuel + card PDF), ${ROUNDS} rounds after ${WARMUP} warm-ups: p50 ${fmt(p50)} ms, p95 ${fmt(p95)} ms (target ≤ ${TARGET_MS} ms)`,
    );
    console.log(`bare XML read of the same bytes: p50 ${fmt(percentile(b, 50))} ms, p95 ${fmt(percentile(b, 95))} ms`);
    return `bench=race-day points=${first.points} kib=${fmt(bytes.length / 1024, 0)} p50_ms=${fmt(p50)} p95_ms=${fmt(p95)} bare_xml_p50_ms=${fmt(percentile(b, 50))} ratio_to_bare_xml=${fmt(ratio, 2)} target_ms=${TARGET_MS}`;
  } finally {
    cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await raceDayBench());
