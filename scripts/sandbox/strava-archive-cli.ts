// Writes a sandbox athlete's Strava archive (export_<id>.zip, strava-archive.ts) to disk, for trying
// the archive import by hand or feeding a benchmark. The running sandbox serves the same archive for
// what it currently serves an athlete at GET /strava/_control/athletes/{id}/archive.zip.
//
// Encoding the original files (FIT above all) costs tens of µs per record, so they are built in
// worker threads, one per spare core (at most 4); the bytes are the same either way.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { archiveEntries, originalFile, sandboxArchive, stravaArchiveZip } from './strava-archive.ts';
import type { SandboxArchive } from './strava-archive.ts';

type Spec = { athleteId: number; count: number; historyEnd: string; since: string | null; variants: boolean };
const archiveOf = (s: Spec) =>
  sandboxArchive({ ...s, historyEnd: new Date(s.historyEnd), since: s.since ? new Date(s.since) : null } satisfies SandboxArchive);

if (!isMainThread) {
  // A worker: rebuild the (cheap, deterministic) activity list and encode every n-th file.
  const { spec, worker, workers } = workerData as { spec: Spec; worker: number; workers: number };
  const { activities } = archiveOf(spec);
  const built: [number, Uint8Array][] = [];
  archiveEntries(activities).forEach((e, i) => {
    if (i % workers === worker) built.push([e.a.id, originalFile(e.a, e.layout)]);
  });
  parentPort?.postMessage(
    built,
    built.map(([, bytes]) => bytes.buffer as ArrayBuffer),
  );
} else {
  await main();
}

async function buildFiles(spec: Spec, threads: number): Promise<Map<number, Uint8Array>> {
  const parts = await Promise.all(
    Array.from(
      { length: threads },
      (_, worker) =>
        new Promise<[number, Uint8Array][]>((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), { workerData: { spec, worker, workers: threads } });
          w.once('message', (m: [number, Uint8Array][]) => void w.terminate().then(() => resolve(m), reject));
          w.once('error', reject);
        }),
    ),
  );
  return new Map(parts.flat());
}

async function main(): Promise<void> {
  const USAGE =
    'Usage: node scripts/sandbox/strava-archive-cli.ts --out FILE [--athlete N] [--count N] [--end ISO] [--since ISO | --recent-days N] [--no-variants] [--threads N]';
  const DAY_MS = 86_400_000;
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      athlete: { type: 'string', default: '1001' },
      count: { type: 'string', default: '450' },
      end: { type: 'string' },
      since: { type: 'string' },
      'recent-days': { type: 'string' },
      'no-variants': { type: 'boolean', default: false },
      threads: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.out) {
    console.log(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const date = (s: string, name: string) => {
    const d = new Date(s);
    if (Number.isNaN(d.getTime())) throw new Error(`--${name} must be an ISO date`);
    return d;
  };
  // Default end: today's UTC midnight, like `npm run dev`'s Strava sandbox (the history ends yesterday).
  const historyEnd = values.end ? date(values.end, 'end') : new Date(new Date().setUTCHours(0, 0, 0, 0));
  const since = values.since
    ? date(values.since, 'since')
    : values['recent-days']
      ? new Date(historyEnd.getTime() - Number(values['recent-days']) * DAY_MS)
      : null;
  const spec: Spec = {
    athleteId: Number(values.athlete),
    count: Number(values.count),
    historyEnd: historyEnd.toISOString(),
    since: since?.toISOString() ?? null,
    variants: !values['no-variants'],
  };
  const started = performance.now();
  const { activities, opts } = archiveOf(spec);
  const threads = values.threads ? Math.max(1, Number(values.threads)) : Math.min(4, availableParallelism());
  const built = threads > 1 && activities.length > 20 ? await buildFiles(spec, threads) : undefined;
  const zip = stravaArchiveZip(spec.athleteId, activities, { ...opts, built });
  mkdirSync(dirname(values.out), { recursive: true });
  // Written under a temporary name first, so an interrupted run never leaves a truncated archive behind.
  writeFileSync(`${values.out}.partial`, zip);
  renameSync(`${values.out}.partial`, values.out);
  console.log(
    JSON.stringify({
      out: values.out,
      activities: activities.length,
      manual: opts.manual?.length ?? 0,
      missing: opts.missing?.length ?? 0,
      bytes: zip.length,
      ms: Math.round(performance.now() - started),
    }),
  );
}
