import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { AnalysisNotices } from '../analytics';
import type { Actor, AuditService } from '../audit';
import type { Executor } from '../../db/executor';
import { AppError, ErrorCode } from '../../lib/errors';
import { createIngestRetryRepo, type RetryableJob } from './ingest-retry.repo';
import { createIngestRepo, type JobRow } from './ingest.repo';
import { delayUntil, enqueueJobs } from './ingest.queue';

const PAUSE_FLAG = 'ingestion_paused';
// A job running longer than this was lost with its worker; one deferred this long past its time lost its message.
const STUCK_RUNNING_MS = 10 * 60_000;
const LOST_DEFERRED_MS = 10 * 60_000;

/** Thrown by a job that must wait (budget spent, 429): it is parked and re-queued with a delay. */
export class DeferJob extends Error {
  override name = 'DeferJob';
  constructor(
    readonly retryAt: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** What an operator's retry changed, for its audit row (written by `record` in the retry's transaction). */
export interface RetryChange {
  paused: boolean;
  before: { jobs: Pick<RetryableJob, 'id' | 'kind' | 'status' | 'attempts' | 'lastError'>[] };
  after: { requeued: string[]; status: 'queued' | 'deferred' | null };
}

/** What a job may report: the activities it was first to store (announced when the athlete's batch ends). */
export type JobResult = { created?: string[] } | undefined;
export type JobHandler = (job: JobRow) => Promise<JobResult>;

export function createIngestionService(deps: {
  db: Db;
  queue: Queue<unknown>;
  clock: Clock;
  audit: AuditService;
  logger: Logger;
  /** "Analysis ready" when an athlete's jobs are all finished; every production caller passes it (worker/wiring/). */
  notices?: Pick<AnalysisNotices, 'analysed'>;
}) {
  const repo = createIngestRepo(deps.db);
  const now = () => deps.clock.now();

  const isPaused = async () => (await repo.getFlag(PAUSE_FLAG)) === true;

  /**
   * The athlete has no open jobs: whatever the jobs finished since the last announcement stored is one
   * batch (a backfill, a webhook's activity, or both), told once. Never throws: the jobs are done either way.
   */
  async function announce(userId: string, source: string) {
    if (!deps.notices || source !== 'strava') return;
    try {
      const jobs = await repo.takeUnannounced(userId, source);
      if (jobs.length === 0) return;
      const first = jobs.map((j) => j.id).sort()[0]!;
      await deps.notices.analysed(userId, { source, key: `${source}:${first}`, activityIds: jobs.flatMap((j) => j.created) });
    } catch (err) {
      deps.logger.error('analysis notice failed', { job: 'ingest', userId, errorName: err instanceof Error ? err.name : 'unknown' });
    }
  }

  return {
    isPaused,
    repo,

    /** Creates jobs (once per dedupe key) and sends the new ones, unless the brake is on. */
    async schedule(jobs: { userId: string; kind: string; payload: Record<string, unknown>; dedupeKey: string }[]): Promise<number> {
      const paused = await isPaused();
      const ids = await repo.insertJobs(paused ? jobs.map((j) => ({ ...j, status: 'deferred' as const })) : jobs);
      if (!paused) await enqueueJobs(deps.queue, ids);
      return ids.length;
    },

    /**
     * Runs one job exactly once: claims it, checks the brake, runs the handler, and records the
     * outcome. Deferrals re-queue with a delay (never sleep); other failures rethrow for the
     * queue's backoff, after putting the job back.
     */
    async run(jobId: string, handler: JobHandler, source: string): Promise<void> {
      const job = await repo.claim(jobId, now());
      if (!job) return;
      if (await isPaused()) {
        await repo.defer(job.id, null, 'paused', now());
        await repo.upsertState(job.userId, source, { status: 'paused', resumeAt: null });
        return;
      }
      await repo.markRunning(job.userId, source);
      try {
        const result = await handler(job);
        await repo.finish(job.id, 'done', now(), undefined, result?.created);
      } catch (err) {
        if (err instanceof DeferJob) {
          const t = now().getTime();
          await repo.defer(job.id, new Date(err.retryAt), err.reason, now());
          await repo.upsertState(job.userId, source, { status: 'deferred', resumeAt: new Date(err.retryAt) });
          await enqueueJobs(deps.queue, [job.id], delayUntil(err.retryAt, t));
          return;
        }
        if (job.attempts >= 5) {
          const message = err instanceof Error ? err.message.slice(0, 300) : 'failed';
          await repo.finish(job.id, 'error', now(), message);
          await repo.upsertState(job.userId, source, { status: 'error', lastError: message });
          deps.logger.error('ingest job failed for good', {
            job: job.kind,
            userId: job.userId,
            errorName: err instanceof Error ? err.name : 'unknown',
          });
          // The batch it ended may still have brought activities: tell those.
          if ((await repo.countOpen(job.userId)) === 0) await announce(job.userId, source);
          return;
        }
        await repo.requeue(job.id, now(), err instanceof Error ? err.name : 'failed');
        throw err;
      }
      if ((await repo.countOpen(job.userId)) === 0) {
        await repo.upsertState(job.userId, source, { status: 'done', resumeAt: null, lastError: null });
        await announce(job.userId, source);
      }
    },

    /** The emergency brake. Resuming re-queues everything the brake parked. */
    async setPaused(actor: Actor, paused: boolean): Promise<{ paused: boolean; released: number }> {
      await repo.setFlag(PAUSE_FLAG, paused, actor.id);
      await deps.audit.record({
        actor,
        action: paused ? 'ingestion.paused' : 'ingestion.resumed',
        target: { type: 'system', id: PAUSE_FLAG },
      });
      if (paused) return { paused, released: 0 };
      const ids = await repo.releasePaused(now());
      await repo.setStatesWhere('paused', 'queued');
      await enqueueJobs(deps.queue, ids);
      deps.logger.info('ingestion resumed', { count: ids.length });
      return { paused, released: ids.length };
    },

    /** Cron: re-queues jobs whose worker died or whose delayed message went missing. */
    async sweepStuck(): Promise<number> {
      const t = now().getTime();
      const ids = await repo.rescueStuck(new Date(t - STUCK_RUNNING_MS), new Date(t - LOST_DEFERRED_MS), now());
      await enqueueJobs(deps.queue, ids);
      return ids.length;
    },

    /**
     * Operators: one job (`jobId`) or all the athlete's failed and stuck jobs, queued again with fresh
     * attempts. The job runs the ordinary way, so the provider budget still defers it; while the brake
     * is on it is parked until resume (`paused` says so). A job that already finished is a 409; one still
     * open and not stuck changes nothing.
     */
    async retry(userId: string, jobId: string | null, record: (tx: Executor, change: RetryChange) => Promise<void>): Promise<RetryChange> {
      const t = now().getTime();
      const paused = await isPaused();
      const change = await deps.db.transaction(async (tx) => {
        const r = createIngestRetryRepo(tx);
        let jobs: RetryableJob[];
        if (jobId) {
          const job = await r.lockJob(userId, jobId);
          if (!job) throw new AppError(ErrorCode.NOT_FOUND, 'No such job for this athlete.');
          if (job.status === 'done') throw new AppError(ErrorCode.CONFLICT, 'This job already finished; there is nothing to retry.');
          const stuck = (await r.lockRetryable(userId, new Date(t - STUCK_RUNNING_MS), new Date(t - LOST_DEFERRED_MS))).some(
            (j) => j.id === job.id,
          );
          jobs = stuck ? [job] : [];
        } else jobs = await r.lockRetryable(userId, new Date(t - STUCK_RUNNING_MS), new Date(t - LOST_DEFERRED_MS));
        const ids = jobs.map((j) => j.id);
        await r.requeue(ids, paused, now());
        const sources = new Set(jobs.map((j) => j.kind.split('.')[0] ?? j.kind));
        const ingest = createIngestRepo(tx);
        for (const source of sources)
          await ingest.upsertState(userId, source, { status: paused ? 'paused' : 'queued', resumeAt: null, lastError: null });
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
    },

    async status(userId: string) {
      const [states, jobs, paused] = await Promise.all([repo.getStates(userId), repo.countsByStatus(userId), isPaused()]);
      return { paused, states, jobs: Object.fromEntries(jobs.map((j) => [j.status, j.n])) as Record<string, number> };
    },
  };
}

export type IngestionService = ReturnType<typeof createIngestionService>;
