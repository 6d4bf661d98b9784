// Writes a sandbox athlete's Garmin "export your data" zip (see garmin-export.ts) to a file.
// `npm run dev` runs it as a child process for the demo athlete (FIT encoding takes a while and the
// sandbox shares the dev process's event loop); run it by hand to get files to upload yourself:
//
//   node scripts/sandbox/garmin-export-cli.ts --out /tmp/export.zip [--athlete 1001] [--count 450]
//     [--end 2026-11-01] [--recent-days 42 | --before 2026-09-20] [--user name] [--no-fits] [--no-wellness]
//     [--fit-dir /tmp/fits]   (also write each activity's FIT file on its own)
//     [--threads N]           (worker threads encoding FIT files; default: cores, at most 4)
//
// Prints one JSON line: { out, activities, bytes, ms, first, last }.
//
// FIT encoding dominates (Garmin's Encoder costs tens of µs per record, ~850k records for the demo),
// so the UploadedFiles parts are built in worker threads, one per spare core (at most 4).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { activityFit, fileActivities, garminExportZip, garminId, uploadedFilesParts, uploadedFilesZip } from './garmin-export.ts';
import type { DemoHistory } from './garmin-export.ts';

type PartJob = { history: { athleteId: number; count: number; historyEnd: string; filesBefore: string }; user: string; part: number };
const PER_PART = 100;
const historyOf = (h: PartJob['history']): DemoHistory => ({
  ...h,
  historyEnd: new Date(h.historyEnd),
  filesBefore: new Date(h.filesBefore),
});

if (!isMainThread) {
  // A worker: rebuild the (cheap, deterministic) activity list and encode the parts it is given.
  parentPort?.on('message', (job: PartJob) => {
    const h = historyOf(job.history);
    const part = uploadedFilesParts(fileActivities(h), PER_PART)[job.part] ?? [];
    const zip = uploadedFilesZip(part, job.user, h.filesBefore);
    parentPort?.postMessage({ part: job.part, zip }, [zip.buffer as ArrayBuffer]);
  });
} else {
  await main();
}

/** Builds every part, spreading them over `threads` workers; answers them in part order. */
async function buildParts(history: PartJob['history'], user: string, parts: number, threads: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = new Array(parts);
  let next = 0;
  const run = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url));
      const feed = () => {
        if (next >= parts) return void worker.terminate().then(() => resolve(), reject);
        worker.postMessage({ history, user, part: next++ } satisfies PartJob);
      };
      worker.on('message', (m: { part: number; zip: Uint8Array }) => {
        out[m.part] = m.zip;
        feed();
      });
      worker.once('error', reject);
      feed();
    });
  await Promise.all(Array.from({ length: Math.min(threads, parts) }, run));
  return out;
}

async function main(): Promise<void> {
  const USAGE =
    'Usage: node scripts/sandbox/garmin-export-cli.ts --out FILE [--athlete N] [--count N] [--end ISO] [--recent-days N | --before ISO] [--user NAME] [--no-fits] [--no-wellness] [--fit-dir DIR] [--threads N]';
  const DAY_MS = 86_400_000;

  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      athlete: { type: 'string', default: '1001' },
      count: { type: 'string', default: '450' },
      end: { type: 'string' },
      'recent-days': { type: 'string', default: '42' },
      before: { type: 'string' },
      user: { type: 'string', default: 'athlete' },
      'no-fits': { type: 'boolean', default: false },
      'no-wellness': { type: 'boolean', default: false },
      'fit-dir': { type: 'string' },
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
  const filesBefore = values.before
    ? date(values.before, 'before')
    : new Date(historyEnd.getTime() - Number(values['recent-days']) * DAY_MS);
  const started = performance.now();
  const history = {
    athleteId: Number(values.athlete),
    count: Number(values.count),
    historyEnd: historyEnd.toISOString(),
    filesBefore: filesBefore.toISOString(),
  };
  const activities = fileActivities(historyOf(history));
  const withFits = !values['no-fits'];
  const parts = uploadedFilesParts(activities, PER_PART).length;
  const threads = values.threads ? Math.max(1, Number(values.threads)) : Math.min(4, availableParallelism());
  // The same bytes either way: a part is a pure function of the history and its index.
  const builtParts = withFits && threads > 1 ? await buildParts(history, values.user, parts, threads) : undefined;
  const wellness = values['no-wellness'] ? undefined : { athleteId: history.athleteId, before: filesBefore };
  const zip = garminExportZip(activities, {
    userName: values.user,
    withFits,
    fitsPerPart: PER_PART,
    builtParts,
    mtime: filesBefore,
    wellness,
  });
  mkdirSync(dirname(values.out), { recursive: true });
  // Written under a temporary name first, so an interrupted run never leaves a truncated export behind.
  writeFileSync(`${values.out}.partial`, zip);
  renameSync(`${values.out}.partial`, values.out);
  if (values['fit-dir']) {
    mkdirSync(values['fit-dir'], { recursive: true });
    for (const a of activities) writeFileSync(join(values['fit-dir'], `${values.user}_${garminId(a)}.fit`), activityFit(a));
  }
  console.log(
    JSON.stringify({
      out: values.out,
      activities: activities.length,
      bytes: zip.length,
      ms: Math.round(performance.now() - started),
      first: activities[0] ? new Date(activities[0].startMs).toISOString() : null,
      last: activities.at(-1) ? new Date(activities.at(-1)!.startMs).toISOString() : null,
    }),
  );
}
