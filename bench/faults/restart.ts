// The worker killed in the middle of an import, an export and a deletion (issue 43, ADR 089): each fault makes its
// own athletes, starts the job(s), SIGKILLs wrangler dev's process group when the rows show them mid-way, starts it
// again on the same --persist-to state, and waits for every job to finish by itself — then reconciles: every activity
// of the archive stored once, one archive and one "ready" notice, the account gone with one receipt kept and one
// emailed. Locally the queue's messages die with the process (miniflare keeps them in memory), so the resume is the
// minute sweep re-queueing a job whose lease lapsed (or whose message was lost); in production the queue redelivers
// and the lease decides. The stack must fire its crons (the cron ticker).
import { type Fault, type FaultContext, type FaultReport, faultVerdict } from './fault.ts';
import { seedDeleted, seedExporter, startDeletion, startExport, startImport } from './restart-jobs.ts';
import { killWorker, restartArchive, START_TIMEOUT_MS, type StartedJob, until } from './restart-support.ts';

/** One job killed once mid-way. */
const midJob =
  (name: string, start: (ctx: FaultContext) => Promise<StartedJob>): Fault =>
  async (ctx) => {
    const job = await start(ctx);
    const mid = await until(ctx, START_TIMEOUT_MS, () => job.midway());
    ctx.log(`${name}: killing the worker ${mid ? `mid-way: ${mid}` : 'without having caught the job mid-way'}`);
    const report = await job.finish(await killWorker(ctx));
    if (!mid) report.problems.unshift(`the job was not caught mid-way within ${START_TIMEOUT_MS / 60_000} min`);
    return report;
  };

/** An archive import killed mid-way: every activity once, the job done with all of them counted. */
export const restartMidImport: Fault = midJob('restart-mid-import', startImport);
/** An export killed mid-slice: one archive, downloadable, announced once. */
export const restartMidExport: Fault = midJob('restart-mid-export', startExport);
/** A deletion killed mid-way: the account gone, one receipt kept, one receipt emailed. */
export const restartMidDeletion: Fault = midJob('restart-mid-deletion', startDeletion);

/**
 * The three at once, one hard restart (closest to a deploy, and the cheapest in the soak). Killed when the import
 * is mid-way and one of the privacy jobs is (the local privacy queue hands out one message at a time, so the other is
 * waiting, and its message dies with the worker: the sweep's "lost message" path).
 */
export const restartMidJobs: Fault = async (ctx) => {
  // Their athletes seeded first; then the import (the slowest), and once it is storing, the export and the deletion,
  // which take seconds each.
  const [exporter, deleted] = [await seedExporter(ctx), await seedDeleted(ctx)];
  const imp = await startImport(ctx, 0.1);
  await until(ctx, START_TIMEOUT_MS, () => imp.midway());
  const exp = await startExport(ctx, exporter);
  const del = await startDeletion(ctx, deleted);
  const jobs = [imp, exp, del];
  let seen: string[] = [];
  const ready = await until(ctx, START_TIMEOUT_MS, async () => {
    const importMid = await imp.midway();
    const privacyMid = (await exp.midway()) ?? (await del.midway());
    const open = (await Promise.all(jobs.map((j) => j.queued()))).every(Boolean);
    seen = [`import: ${importMid ?? 'not yet'}`, `privacy: ${privacyMid ?? 'not yet'}`];
    return importMid && privacyMid && open ? true : undefined;
  });
  ctx.log(`restart-mid-jobs: killing the worker (${seen.join('; ')})`);
  const kill = await killWorker(ctx);
  const reports = await Promise.all(jobs.map((j) => j.finish(kill)));
  return combine(reports, ready ? [] : [`the jobs were not all in flight and mid-way within ${START_TIMEOUT_MS / 60_000} min`]);
};

/** One report for one restart that touched several jobs. */
function combine(reports: FaultReport[], problems: string[]): FaultReport {
  const sum = (k: 'accepted' | 'done' | 'lost' | 'duplicated') => reports.reduce((s, r) => s + r.reconciliation[k], 0);
  const recoveries = reports.map((r) => r.recoverySeconds);
  return {
    name: 'restart-mid-jobs',
    startedAt: reports.map((r) => r.startedAt).sort()[0]!,
    faultSeconds: reports[0]!.faultSeconds,
    userSaw: reports.flatMap((r) => r.userSaw.map((l) => `${r.name}: ${l}`)),
    retried: reports.flatMap((r) => r.retried.map((l) => `${r.name}: ${l}`)),
    recoverySeconds: recoveries.includes(null) ? null : Math.max(...(recoveries as number[])),
    reconciliation: {
      accepted: sum('accepted'),
      done: sum('done'),
      lost: sum('lost'),
      duplicated: sum('duplicated'),
      detail: reports.map((r) => `${r.name}: ${r.reconciliation.detail}`).join(' | '),
    },
    problems: [...problems, ...reports.flatMap((r) => r.problems.map((p) => `${r.name}: ${p}`))],
  };
}

/**
 * `npm run bench -- fault-restart`: each job killed mid-way on its own, then the three at once, against the bench's
 * stack; reports printed. `RESTART_FAULTS=jobs` runs only the three at once.
 */
export async function restartFaultBench(stack: FaultContext['stack']): Promise<string> {
  const reports: FaultReport[] = [];
  const signal = new AbortController().signal;
  restartArchive();
  const faults =
    process.env.RESTART_FAULTS === 'jobs' ? [restartMidJobs] : [restartMidImport, restartMidExport, restartMidDeletion, restartMidJobs];
  for (const fault of faults) {
    const r = await fault({ stack, log: (l) => console.log(l), signal });
    console.log(JSON.stringify(r, null, 2));
    console.log(faultVerdict(r));
    reports.push(r);
  }
  const key = (r: FaultReport) => r.name.replace(/-/g, '_');
  return [
    'bench=fault-restart',
    ...reports.map(
      (r) =>
        `${key(r)}_recovery_s=${r.recoverySeconds ?? 'never'} ${key(r)}_ok=${r.problems.length === 0 && r.reconciliation.lost === 0 && r.reconciliation.duplicated === 0}`,
    ),
  ].join(' ');
}
