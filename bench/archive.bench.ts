// Archive: a 10-year Strava archive (5,000 activities, originals gzip-compressed, ~1 GB once
// inflated; bench/archive-data.ts) uploaded to the stack and imported, against a Garmin export of the
// same activities and original files imported in the same run (ADR 037). For each: wall time from the
// upload being accepted to the job being done (one consumer invocation), the peak resident memory the
// workerd process gained meanwhile (its high-water mark reset once the upload is stored, so the figure is
// the import's), and throughput. Then the Strava archive again: an import that must change nothing.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Stack } from '../scripts/lib/stack.ts';
import WebSocket from 'ws';
import { benchArchives } from './archive-data.ts';
import { kib, workerdPids } from './import.bench.ts';
import { assertLoopback, fmt } from './lib.ts';
import { createUsers, login } from './users.ts';

const CACHE_DIR = '/tmp/cadence-bench-archive';
const MAX_WAIT_MS = 25 * 60_000;

type Job = { id: string; status: string; found: number; imported: number; duplicates: number; error?: string | null; summary?: unknown };

/** The parent of a process, from /proc (0 when it is gone). */
const parentOf = (pid: number) => {
  try {
    return Number(
      readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\) /s, '')
        .split(' ')[1],
    );
  } catch {
    return 0;
  }
};

/** workerd processes this benchmark's stack started (other engineers' stacks share the machine). */
function ownWorkerdPids(): number[] {
  return workerdPids().filter((pid) => {
    for (let p = parentOf(pid); p > 1; p = parentOf(p)) if (p === process.pid) return true;
    return false;
  });
}

/**
 * The worker isolate's V8 heap, read through wrangler's inspector (`Runtime.getHeapUsage`): the
 * memory the 128 MB Workers limit is about, without the local R2 and other simulators that share
 * workerd's process (its RSS counts them too).
 */
export async function isolateHeap(): Promise<{
  used(): Promise<number>;
  live(): Promise<number>;
  total(): Promise<number>;
  close(): void;
}> {
  const wrangler = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .find((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!cmd.includes('wrangler') || !cmd.includes('--inspector-port')) return false;
        for (let p = parentOf(pid); p > 1; p = parentOf(p)) if (p === process.pid) return true;
        return false;
      } catch {
        return false;
      }
    });
  if (!wrangler) throw new Error('no wrangler process of this stack found');
  const args = readFileSync(`/proc/${wrangler}/cmdline`, 'utf8').split('\0');
  const port = args[args.indexOf('--inspector-port') + 1];
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  // The `ws` client: wrangler's inspector proxy refuses Node's built-in WebSocket handshake.
  const ws = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 1;
  const waiting = new Map<number, (result: { usedSize?: number; totalSize?: number }) => void>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: { usedSize?: number; totalSize?: number } };
    const done = msg.id === undefined ? undefined : waiting.get(msg.id);
    if (done) {
      waiting.delete(msg.id!);
      done(msg.result ?? {});
    }
  });
  const call = (method: string) =>
    new Promise<{ usedSize?: number; totalSize?: number }>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, method }));
    });
  return {
    used: async () => (await call('Runtime.getHeapUsage')).usedSize ?? Number.NaN,
    // A full collection first: what is still reachable, not garbage V8 has not collected yet
    // (wrangler dev enforces no memory limit, so V8 lets garbage pile up further than in production).
    live: async () => {
      await call('HeapProfiler.collectGarbage');
      return (await call('Runtime.getHeapUsage')).usedSize ?? Number.NaN;
    },
    /** The heap V8 has reserved (live, garbage and room): what the isolate costs the process. */
    total: async () => (await call('Runtime.getHeapUsage')).totalSize ?? Number.NaN,
    close: () => ws.close(),
  };
}

/**
 * Samples the worker isolate's heap while a job runs: in use every 100 ms, live (after a full collection)
 * every 2 s. `stop()` ends the sampling and closes the inspector.
 */
export async function sampleIsolateHeap(): Promise<{
  liveBefore: number;
  stop(): Promise<{ heapPeak: number; livePeak: number }>;
}> {
  const heap = await isolateHeap();
  const liveBefore = await heap.live();
  let heapPeak = await heap.used();
  let livePeak = liveBefore;
  let sampling = true;
  const sampler = (async () => {
    for (let tick = 1; sampling; tick++) {
      heapPeak = Math.max(heapPeak, await heap.used());
      if (tick % 20 === 0) livePeak = Math.max(livePeak, await heap.live());
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    liveBefore,
    async stop() {
      sampling = false;
      await sampler;
      heap.close();
      return { heapPeak, livePeak };
    },
  };
}

interface Run {
  label: string;
  wallS: number;
  rssGrowthMiB: number;
  /** Peak V8 heap in use in the worker's isolate during the import (sampled every 100 ms, garbage included). */
  heapPeakMiB: number;
  /** Peak of what the isolate still held after a full collection (every 2 s), less what it held before the import. */
  liveGrowthMiB: number;
  liveBeforeMiB: number;
  job: Job;
}

async function importOnce(stack: Stack, cookie: string, label: string, path: string, name: string): Promise<Run> {
  const body = readFileSync(path);
  const res = await fetch(`${stack.workerUrl}/api/v1/imports?filename=${name}`, {
    method: 'POST',
    headers: { cookie, origin: stack.appUrl, 'content-type': 'application/octet-stream' },
    body: new Blob([new Uint8Array(body)]),
  });
  const accepted = (await res.json()) as Job;
  if (res.status !== 202) throw new Error(`${label}: upload refused: ${res.status} ${JSON.stringify(accepted)}`);
  // From here on the work is the import's: reset the peak-RSS marks.
  const pids = ownWorkerdPids();
  if (pids.length === 0) throw new Error('no workerd process of this stack found');
  const baseline = new Map(pids.map((p) => [p, kib(p, 'VmRSS')]));
  for (const p of pids) writeFileSync(`/proc/${p}/clear_refs`, '5');
  const t0 = Date.now();
  const sampled = await sampleIsolateHeap();
  const { liveBefore } = sampled;
  let job = accepted;
  while (!['done', 'error'].includes(job.status) && Date.now() - t0 < MAX_WAIT_MS) {
    await new Promise((r) => setTimeout(r, 500));
    job = (await (await fetch(`${stack.workerUrl}/api/v1/imports/${accepted.id}`, { headers: { cookie } })).json()) as Job;
  }
  const wallS = (Date.now() - t0) / 1000;
  const { heapPeak, livePeak } = await sampled.stop();
  const heapPeakMiB = heapPeak / 1024 / 1024;
  const liveBeforeMiB = liveBefore / 1024 / 1024;
  const liveGrowthMiB = (livePeak - liveBefore) / 1024 / 1024;
  const growth = Math.max(...pids.map((p) => kib(p, 'VmHWM') - (baseline.get(p) ?? 0))) / 1024;
  console.log(
    `${label}: ${job.status} in ${fmt(wallS, 1)} s — found ${job.found}, imported ${job.imported}, duplicates ${job.duplicates}${job.error ? `, error ${job.error}` : ''}; isolate heap: ${fmt(liveBeforeMiB)} MiB live before, live peak +${fmt(liveGrowthMiB)} MiB, in use (garbage included) up to ${fmt(heapPeakMiB)} MiB; workerd peak RSS +${fmt(growth)} MiB; summary ${JSON.stringify(job.summary ?? {})}`,
  );
  return { label, wallS, rssGrowthMiB: growth, heapPeakMiB, liveGrowthMiB, liveBeforeMiB, job };
}

export async function archiveBench(stack: Stack): Promise<string> {
  assertLoopback(stack.workerUrl);
  const t0 = performance.now();
  const data = await benchArchives(CACHE_DIR);
  const mib = (p: string) => readFileSync(p).length / 1024 / 1024;
  const gb = data.uncompressedBytes / 1e9;
  console.log(
    `archives ready in ${fmt((performance.now() - t0) / 1000, 0)} s: ${data.activities} activities, ${fmt(gb, 2)} GB of originals (${JSON.stringify(data.formats)}); Strava archive ${fmt(mib(data.strava))} MiB, Garmin export ${fmt(mib(data.garmin))} MiB`,
  );
  const [stravaUser, garminUser] = await createUsers(stack.databaseUrl, 2, 'archive');
  const stravaCookie = await login(stack.workerUrl, stack.appUrl, stravaUser!);
  const garminCookie = await login(stack.workerUrl, stack.appUrl, garminUser!);

  const strava = await importOnce(stack, stravaCookie, 'Strava archive', data.strava, 'export_4242.zip');
  const garmin = await importOnce(stack, garminCookie, 'Garmin export', data.garmin, 'garmin-export.zip');
  const again = await importOnce(stack, stravaCookie, 'Strava archive again', data.strava, 'export_4242.zip');

  const rate = (r: Run) => data.activities / r.wallS;
  return [
    'bench=archive',
    `activities=${data.activities} originals_gb=${fmt(gb, 2)} strava_zip_mib=${fmt(mib(data.strava))} garmin_zip_mib=${fmt(mib(data.garmin))}`,
    `strava_status=${strava.job.status} strava_imported=${strava.job.imported} strava_wall_s=${fmt(strava.wallS, 1)} strava_isolate_live_growth_mib=${fmt(strava.liveGrowthMiB)} strava_isolate_heap_peak_mib=${fmt(strava.heapPeakMiB)} strava_rss_growth_mib=${fmt(strava.rssGrowthMiB)} strava_activities_per_s=${fmt(rate(strava), 1)} strava_mb_per_s=${fmt((gb * 1000) / strava.wallS, 2)}`,
    `garmin_status=${garmin.job.status} garmin_imported=${garmin.job.imported} garmin_wall_s=${fmt(garmin.wallS, 1)} garmin_isolate_live_growth_mib=${fmt(garmin.liveGrowthMiB)} garmin_isolate_heap_peak_mib=${fmt(garmin.heapPeakMiB)} garmin_rss_growth_mib=${fmt(garmin.rssGrowthMiB)} garmin_activities_per_s=${fmt(rate(garmin), 1)}`,
    `strava_to_garmin_wall_ratio=${fmt(strava.wallS / garmin.wallS, 2)} reimport_wall_s=${fmt(again.wallS, 1)} reimport_imported=${again.job.imported}`,
  ].join(' ');
}
