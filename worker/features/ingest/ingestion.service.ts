import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { AnalysisNotices } from '../analytics';
import type { Actor, AuditService } from '../audit';
import type { Executor } from '../../db/executor';
import { LOST_DEFERRED_MS, LOST_QUEUED_MS, type RetryChange, retryJobs, STUCK_RUNNING_MS } from './ingest-retry';
import type { RetryableJob } from './ingest-retry.repo';
import * as ingestRepo from './ingest.repo';
import type { JobRow } from './ingest.repo';
import * as webhookEventsRepo from './webhook-events.repo';
import { type Delivery, intakeDelivery, storeDelivery } from './webhook-intake';
import { delayUntil, enqueueJobs } from './ingest.queue';
import { JobFailure, type JobFailureCode, jobFailureCode } from './job-failure';
import { backoffDelay, withJitter } from '../../lib/backoff';

const PAUSE_FLAG = 'ingestion_paused';
/** The sources whose finished batches are announced ("analysis ready"); their job kinds start with the source's name. */
const ANNOUNCED = new Set<string>(['strava', 'garmin', 'polar']);
type AnnouncedSource = 'strava' | 'garmin' | 'polar';

/**
 * A provider down or hung (5xx, no answer in time): the job waits in its row with backoff and jitter (15 s, 30 s,
 * … 10 min, each between half and all of it), so a backlog that failed together never retries in step, and a
 * longer outage than the queue's five quick retries loses nothing (ADR 087).
 */
const PROVIDER_DOWN: ReadonlySet<JobFailureCode> = new Set(['provider_5xx', 'timeout']);
const PROVIDER_DOWN_BACKOFF = { first: 15, factor: 2, cap: 600 } as const;
/** 18–36 minutes of waits in all (by the jitter) before the job is failed for good (an operator may retry it). */
export const PROVIDER_DOWN_ATTEMPTS = 9;
export const providerDownDelayMs = (attempts: number) => Math.round(withJitter(backoffDelay(PROVIDER_DOWN_BACKOFF, attempts)) * 1000);

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

/**
 * Thrown by a job that cannot go on until the athlete acts (e.g. reconnects a provider that refused our
 * tokens): it is parked with no time, the source's state shows `message`, and nothing retries it;
 * `releaseParked` queues it again once the athlete has acted.
 */
export class ParkJob extends Error {
  override name = 'ParkJob';
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a job may report: the activities it was first to store (announced when the athlete's batch ends). */
export type JobResult = { created?: string[] } | undefined;
export type JobHandler = (job: JobRow) => Promise<JobResult>;

export function createIngestionService(deps: {
  db: Db;
  queue: Queue<unknown>;
  /** The webhooks queue: stored deliveries go there, and held ones while the database is away (webhook-intake.ts). */
  webhooksQueue: Queue<unknown>;
  clock: Clock;
  audit: AuditService;
  logger: Logger;
  /** "Analysis ready" when an athlete's jobs are all finished; every production caller passes it (worker/wiring/). */
  notices?: Pick<AnalysisNotices, 'analysed'>;
  /** How long a webhook's store may take before the delivery is held (WEBHOOK_STORE_WAIT_MS). */
  storeWaitMs: number;
}) {
  const now = () => deps.clock.now();
  const intake = {
    record: (provider: string, dedupeKey: string, payload: Record<string, unknown>) =>
      webhookEventsRepo.insert(deps.db, provider, dedupeKey, payload),
    queue: deps.webhooksQueue,
    logger: deps.logger,
    storeWaitMs: deps.storeWaitMs,
  };

  const isPaused = async () => (await ingestRepo.getFlag(deps.db, PAUSE_FLAG)) === true;

  /**
   * The athlete has no open jobs: whatever the jobs finished since the last announcement stored is one
   * batch (a backfill, a webhook's activity, or both), told once. Never throws: the jobs are done either way.
   */
  async function announce(userId: string, source: string) {
    if (!deps.notices || !ANNOUNCED.has(source)) return;
    try {
      const jobs = await ingestRepo.takeUnannounced(deps.db, userId, source);
      if (jobs.length === 0) return;
      const first = jobs.map((j) => j.id).sort()[0]!;
      await deps.notices.analysed(userId, {
        source: source as AnnouncedSource,
        key: `${source}:${first}`,
        activityIds: jobs.flatMap((j) => j.created),
      });
    } catch (err) {
      deps.logger.error('analysis notice failed', { job: 'ingest', userId, errorName: err instanceof Error ? err.name : 'unknown' });
    }
  }

  return {
    isPaused,

    /** A verified delivery from a provider's webhook route: stored once and queued, or held on the queue meanwhile. */
    intakeDelivery: (d: Delivery) => intakeDelivery(intake, d),
    /** A held delivery once the database answers: stored once and queued (a database still away fails it for a retry). */
    storeHeldDelivery: async (d: Delivery): Promise<void> => void (await storeDelivery(intake, d)),
    webhookEvent: (id: string) => webhookEventsRepo.find(deps.db, id),
    markWebhookProcessed: (id: string, outcome: string) => webhookEventsRepo.markProcessed(deps.db, id, outcome),

    /** Creates jobs (once per dedupe key) and sends the new ones, unless the brake is on. */
    async schedule(jobs: { userId: string; kind: string; payload: Record<string, unknown>; dedupeKey: string }[]): Promise<number> {
      const paused = await isPaused();
      const ids = await ingestRepo.insertJobs(deps.db, paused ? jobs.map((j) => ({ ...j, status: 'deferred' as const })) : jobs);
      if (!paused) await enqueueJobs(deps.queue, ids);
      return ids.length;
    },

    /**
     * Runs one job exactly once: claims it, checks the brake, runs the handler, and records the
     * outcome. Deferrals re-queue with a delay (never sleep); other failures rethrow for the
     * queue's backoff, after putting the job back. `sourceOf` names the ingestion state a job
     * reports to, where one queue carries several sources' jobs. `deliveryId` is the queue message's id: its own
     * retry may take back a job its failed run left `running` (ingest.repo `claim`).
     */
    async run(jobId: string, handler: JobHandler, sourceOf: string | ((job: JobRow) => string), deliveryId?: string): Promise<void> {
      const job = await ingestRepo.claim(deps.db, jobId, now(), deliveryId);
      if (!job) return;
      const source = typeof sourceOf === 'string' ? sourceOf : sourceOf(job);
      if (await isPaused()) {
        await ingestRepo.defer(deps.db, job.id, null, 'paused', now());
        await ingestRepo.upsertState(deps.db, job.userId, source, { status: 'paused', resumeAt: null });
        return;
      }
      await ingestRepo.markRunning(deps.db, job.userId, source);
      try {
        const result = await handler(job);
        await ingestRepo.finish(deps.db, job.id, 'done', now(), undefined, result?.created);
      } catch (err) {
        if (err instanceof DeferJob) {
          const t = now().getTime();
          await ingestRepo.defer(deps.db, job.id, new Date(err.retryAt), err.reason, now());
          await ingestRepo.upsertState(deps.db, job.userId, source, { status: 'deferred', resumeAt: new Date(err.retryAt) });
          await enqueueJobs(deps.queue, [job.id], delayUntil(err.retryAt, t));
          return;
        }
        if (err instanceof ParkJob) {
          await ingestRepo.defer(deps.db, job.id, null, err.reason, now());
          await ingestRepo.upsertState(deps.db, job.userId, source, { status: 'error', lastError: err.message, resumeAt: null });
          return;
        }
        // The job keeps the cause's code (the operator's table reads it); the source's state keeps the words.
        const cause = jobFailureCode(err);
        if (PROVIDER_DOWN.has(cause) && job.attempts < PROVIDER_DOWN_ATTEMPTS && !(err instanceof JobFailure)) {
          const retryAt = now().getTime() + providerDownDelayMs(job.attempts);
          await ingestRepo.defer(deps.db, job.id, new Date(retryAt), cause, now());
          await ingestRepo.upsertState(deps.db, job.userId, source, { status: 'deferred', resumeAt: new Date(retryAt) });
          await enqueueJobs(deps.queue, [job.id], delayUntil(retryAt, now().getTime()));
          deps.logger.warn('ingest job deferred: provider unavailable', { job: job.kind, userId: job.userId, cause, count: job.attempts });
          return;
        }
        if (job.attempts >= 5 || err instanceof JobFailure) {
          const message = err instanceof Error ? err.message.slice(0, 300) : 'failed';
          await ingestRepo.finish(deps.db, job.id, 'error', now(), cause);
          await ingestRepo.upsertState(deps.db, job.userId, source, { status: 'error', lastError: message });
          deps.logger.error('ingest job failed for good', {
            job: job.kind,
            userId: job.userId,
            cause,
            errorName: err instanceof Error ? err.name : 'unknown',
          });
          // The batch it ended may still have brought activities: tell those.
          if ((await ingestRepo.countOpen(deps.db, job.userId, source)) === 0) await announce(job.userId, source);
          return;
        }
        await ingestRepo.requeue(deps.db, job.id, now(), cause);
        throw err;
      }
      if ((await ingestRepo.countOpen(deps.db, job.userId, source)) === 0) {
        await ingestRepo.upsertState(deps.db, job.userId, source, { status: 'done', resumeAt: null, lastError: null });
        await announce(job.userId, source);
      }
    },

    /** Queues again the athlete's jobs of a kind that were parked until they acted; while the brake is on they stay parked. */
    async releaseParked(userId: string, kindPrefix: string): Promise<number> {
      if (await isPaused()) return 0;
      const ids = await ingestRepo.releaseParkedFor(deps.db, userId, kindPrefix, now());
      await enqueueJobs(deps.queue, ids);
      return ids.length;
    },

    /** The emergency brake. Resuming re-queues everything the brake parked. */
    async setPaused(actor: Actor, paused: boolean): Promise<{ paused: boolean; released: number }> {
      await ingestRepo.setFlag(deps.db, PAUSE_FLAG, paused, actor.id);
      await deps.audit.record({
        actor,
        action: paused ? 'ingestion.paused' : 'ingestion.resumed',
        target: { type: 'system', id: PAUSE_FLAG },
      });
      if (paused) return { paused, released: 0 };
      const ids = await ingestRepo.releasePaused(deps.db, now());
      await ingestRepo.setStatesWhere(deps.db, 'paused', 'queued');
      await enqueueJobs(deps.queue, ids);
      deps.logger.info('ingestion resumed', { count: ids.length });
      return { paused, released: ids.length };
    },

    /** Cron: re-queues jobs whose worker died or whose delayed message went missing. */
    async sweepStuck(): Promise<number> {
      const t = now().getTime();
      const ids = await ingestRepo.rescueStuck(
        deps.db,
        new Date(t - STUCK_RUNNING_MS),
        new Date(t - LOST_DEFERRED_MS),
        now(),
        new Date(t - LOST_QUEUED_MS),
      );
      await enqueueJobs(deps.queue, ids);
      return ids.length;
    },

    /** Operators: one job or all the athlete's failed and stuck jobs, queued again (`retryJobs`). */
    retry: (
      userId: string,
      jobId: string | null,
      record: (tx: Executor, change: RetryChange) => Promise<void>,
      refuse?: (job: RetryableJob) => string | null,
    ) => retryJobs({ ...deps, isPaused }, userId, jobId, record, refuse),

    async status(userId: string) {
      const [states, jobs, paused] = await Promise.all([
        ingestRepo.getStates(deps.db, userId),
        ingestRepo.countsByStatus(deps.db, userId),
        isPaused(),
      ]);
      return { paused, states, jobs: Object.fromEntries(jobs.map((j) => [j.status, j.n])) as Record<string, number> };
    },
  };
}

export type IngestionService = ReturnType<typeof createIngestionService>;
