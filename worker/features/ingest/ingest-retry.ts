import type { Db } from '../../db/client';
import type { Executor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode } from '../../lib/errors';
import * as retryRepo from './ingest-retry.repo';
import type { RetryableJob } from './ingest-retry.repo';
import * as ingestRepo from './ingest.repo';
import { enqueueJobs } from './ingest.queue';

// A job running longer than this was lost with its worker; one deferred this long past its time lost its message.
export const STUCK_RUNNING_MS = 10 * 60_000;
export const LOST_DEFERRED_MS = 10 * 60_000;
/** A queued job untouched this long lost its message (the queue's retries wait 80 s at most before the last). */
export const LOST_QUEUED_MS = 15 * 60_000;

/** What an operator's retry changed, for its audit row (written by `record` in the retry's transaction). */
export interface RetryChange {
  paused: boolean;
  before: { jobs: Pick<RetryableJob, 'id' | 'kind' | 'status' | 'attempts' | 'lastError'>[] };
  after: { requeued: string[]; status: 'queued' | 'deferred' | null };
}

/**
 * Operators: one job (`jobId`) or all the athlete's failed and stuck jobs, queued again with fresh
 * attempts. The job runs the ordinary way, so the provider budget still defers it; while the brake
 * is on it is parked until resume (`paused` says so). A job that already finished is a 409; one still
 * open and not stuck changes nothing. `refuse` says why a failed job's cause makes a retry useless (the
 * caller's rule): one such job is a 409, and all the athlete's jobs leave those out.
 */
export async function retryJobs(
  deps: { db: Db; queue: Queue<unknown>; clock: Clock; isPaused: () => Promise<boolean> },
  userId: string,
  jobId: string | null,
  record: (tx: Executor, change: RetryChange) => Promise<void>,
  refuse: (job: RetryableJob) => string | null = () => null,
): Promise<RetryChange> {
  const t = deps.clock.now().getTime();
  const paused = await deps.isPaused();
  const change = await deps.db.transaction(async (tx) => {
    let jobs: RetryableJob[];
    if (jobId) {
      const job = await retryRepo.lockJob(tx, userId, jobId);
      if (!job) throw new AppError(ErrorCode.NOT_FOUND, 'No such job for this athlete.');
      if (job.status === 'done') throw new AppError(ErrorCode.CONFLICT, 'This job already finished; there is nothing to retry.');
      const refusal = refuse(job);
      if (refusal) throw new AppError(ErrorCode.CONFLICT, refusal);
      const stuck = (await retryRepo.lockRetryable(tx, userId, new Date(t - STUCK_RUNNING_MS), new Date(t - LOST_DEFERRED_MS))).some(
        (j) => j.id === job.id,
      );
      jobs = stuck ? [job] : [];
    } else
      jobs = (await retryRepo.lockRetryable(tx, userId, new Date(t - STUCK_RUNNING_MS), new Date(t - LOST_DEFERRED_MS))).filter(
        (j) => !refuse(j),
      );
    const ids = jobs.map((j) => j.id);
    await retryRepo.requeue(tx, ids, paused, deps.clock.now());
    const sources = new Set(jobs.map((j) => j.kind.split('.')[0] ?? j.kind));
    for (const source of sources)
      await ingestRepo.upsertState(tx, userId, source, { status: paused ? 'paused' : 'queued', resumeAt: null, lastError: null });
    const c: RetryChange = {
      paused,
      before: { jobs: jobs.map(({ id, kind, status, attempts, lastError }) => ({ id, kind, status, attempts, lastError })) },
      after: { requeued: ids, status: ids.length === 0 ? null : paused ? 'deferred' : 'queued' },
    };
    if (ids.length > 0) await record(tx, c);
    return c;
  });
  if (!paused) await enqueueJobs(deps.queue, change.after.requeued);
  return change;
}
