// Import: a generated Garmin "export your data" zip with 10,000 activities, uploaded to the running
// stack; wall time from the upload being accepted to the job being done (one consumer invocation),
// and the peak resident memory of the workerd process meanwhile (its high-water mark is reset first).
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { garminSummarizedActivities, generateHistory } from '../scripts/sandbox/generator-files.ts';
import type { Stack } from '../scripts/lib/stack.ts';
import { assertLoopback, fmt } from './lib.ts';
import { createUsers, login } from './users.ts';

const ACTIVITIES = 10_000;
const PER_FILE = 2_500; // Garmin splits summaries over several numbered files

function buildExport(): Uint8Array {
  const history = generateHistory(4242, { count: ACTIVITIES, endDate: new Date('2026-11-01T00:00:00Z') });
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i * PER_FILE < history.length; i++) {
    const json = JSON.stringify(garminSummarizedActivities(history.slice(i * PER_FILE, (i + 1) * PER_FILE)));
    files[`DI_CONNECT/DI-Connect-Fitness/bench_${i}_summarizedActivities.json`] = strToU8(json);
  }
  return zipSync(files, { level: 6 });
}

/** workerd processes started by wrangler dev (the runtime that runs our consumer). */
export const workerdPids = () => execSync('pgrep -x workerd || true').toString().trim().split('\n').filter(Boolean).map(Number);
export const kib = (pid: number, key: string) =>
  Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);

export async function importBench(stack: Stack): Promise<string> {
  assertLoopback(stack.workerUrl);
  const zip = buildExport();
  writeFileSync('/tmp/cadence-bench-export.zip', zip);
  console.log(`export: ${ACTIVITIES} activities, ${fmt(zip.length / 1024 / 1024)} MiB zipped`);
  const [email] = await createUsers(stack.databaseUrl, 1, 'import');
  const cookie = await login(stack.workerUrl, stack.appUrl, email!);

  const pids = workerdPids();
  const baseline = new Map(pids.map((p) => [p, kib(p, 'VmRSS')]));
  for (const p of pids) writeFileSync(`/proc/${p}/clear_refs`, '5'); // reset the peak-RSS mark

  const res = await fetch(`${stack.workerUrl}/api/v1/imports?filename=garmin-export.zip`, {
    method: 'POST',
    headers: { cookie, origin: stack.appUrl, 'content-type': 'application/octet-stream' },
    body: new Blob([new Uint8Array(zip)]),
  });
  const job = (await res.json()) as { id: string };
  if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${JSON.stringify(job)}`);
  const t0 = Date.now();
  let status = { status: 'queued', imported: 0, found: 0 } as { status: string; imported: number; found: number; error?: string | null };
  while (!['done', 'error'].includes(status.status) && Date.now() - t0 < 5 * 60_000) {
    await new Promise((r) => setTimeout(r, 100));
    status = (await (await fetch(`${stack.workerUrl}/api/v1/imports/${job.id}`, { headers: { cookie } })).json()) as typeof status;
  }
  const wallS = (Date.now() - t0) / 1000;
  const peaks = pids.map((p) => ({ pid: p, peak: kib(p, 'VmHWM'), base: baseline.get(p)! }));
  const main = peaks.sort((a, b) => b.peak - a.peak)[0]!;
  console.log(`job ${status.status}: found ${status.found}, imported ${status.imported}${status.error ? `, error ${status.error}` : ''}`);
  console.log(
    `workerd peak RSS ${fmt(main.peak / 1024)} MiB (baseline ${fmt(main.base / 1024)} MiB, +${fmt((main.peak - main.base) / 1024)} MiB during the import)`,
  );
  return [
    'bench=import',
    `activities=${ACTIVITIES} zip_mib=${fmt(zip.length / 1024 / 1024)} status=${status.status} imported=${status.imported}`,
    `wall_s=${fmt(wallS, 2)} workerd_peak_rss_mib=${fmt(main.peak / 1024)} workerd_rss_growth_mib=${fmt((main.peak - main.base) / 1024)}`,
  ].join(' ');
}
