// Import turns: how long an archive import holds the worker's isolate from everything else. The restart fault's
// archive (400 activities, 1 Hz FIT originals; bench/faults/restart-support.ts) is imported on a quiet stack
// while /api/health — no I/O, so its answer waits only for the isolate — is asked every 50 ms. Figures: the
// probe's p50, p99 and longest answer during the import against the same probe before it (same run), and the
// import's wall time. The soak's restart window had the resumed import hold the isolate 5.6 s (bench/README.md).
import type { Stack } from '../scripts/lib/stack.ts';
import { query, restartArchive, seededAthlete, sleep } from './faults/restart-support.ts';
import { assertLoopback, fmt, percentile } from './lib.ts';
import { readFileSync } from 'node:fs';

const PROBE_EVERY_MS = 50;

async function probe(base: string, signal: AbortSignal): Promise<number[]> {
  const ms: number[] = [];
  while (!signal.aborted) {
    const t = performance.now();
    const res = await fetch(`${base}/api/health`);
    await res.arrayBuffer();
    ms.push(performance.now() - t);
    await sleep(Math.max(0, PROBE_EVERY_MS - (performance.now() - t)));
  }
  return ms.sort((a, b) => a - b);
}

export async function importTurnsBench(stack: Stack): Promise<string> {
  assertLoopback(stack.workerUrl);
  const archive = readFileSync(restartArchive());
  const athlete = await seededAthlete({ stack } as Parameters<typeof seededAthlete>[0], 'import-turns', 0);
  const idle = new AbortController();
  setTimeout(() => idle.abort(), 10_000);
  const before = await probe(stack.workerUrl, idle.signal);

  const during = new AbortController();
  const probing = probe(stack.workerUrl, during.signal);
  const started = performance.now();
  const res = await fetch(`${stack.workerUrl}/api/v1/imports?filename=export_turns.zip`, {
    method: 'POST',
    headers: { cookie: athlete.cookie, origin: stack.appUrl, 'content-type': 'application/octet-stream' },
    body: new Blob([new Uint8Array(archive)]),
  });
  const job = (await res.json()) as { id: string };
  if (res.status !== 202) throw new Error(`import-turns: upload refused: ${res.status} ${JSON.stringify(job)}`);
  let row: { status: string; imported: number; found: number } | undefined;
  while (performance.now() - started < 15 * 60_000) {
    [row] = await query<{ status: string; imported: number; found: number }>(
      stack.databaseUrl,
      'select status, imported, found from import_jobs where id = $1',
      [job.id],
    );
    if (row && row.status !== 'queued' && row.status !== 'running') break;
    await sleep(250);
  }
  const wallS = (performance.now() - started) / 1000;
  during.abort();
  const ms = await probing;
  const line = (xs: number[]) =>
    `p50 ${fmt(percentile(xs, 50), 0)} ms · p99 ${fmt(percentile(xs, 99), 0)} ms · longest ${fmt(xs.at(-1) ?? Number.NaN, 0)} ms (${xs.length} probes)`;
  console.log(`import: ${row?.status} ${row?.imported}/${row?.found} in ${fmt(wallS, 1)} s`);
  console.log(`health before the import: ${line(before)}`);
  console.log(`health during the import: ${line(ms)}`);
  return `bench=import-turns status=${row?.status} imported=${row?.imported}/${row?.found} wall_s=${fmt(wallS, 1)} health_before_p99_ms=${fmt(percentile(before, 99), 0)} health_during_p50_ms=${fmt(percentile(ms, 50), 0)} health_during_p99_ms=${fmt(percentile(ms, 99), 0)} health_during_max_ms=${fmt(ms.at(-1) ?? Number.NaN, 0)}`;
}
