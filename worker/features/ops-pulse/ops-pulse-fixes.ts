// The buttons of the pulse. Ingestion fixes write here (ops-pulse-fixes.repo.ts) and go back on the
// queues; SMS, automations and Stripe delegate to their features. Every fix is audited with its reason.
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import type { StripeInboxService } from '../stripe-inbox';
import type { AutomationsService, SmsService } from '../coach-os';
import { enqueueJobs } from '../ingest';
import * as fixesRepo from './ops-pulse-fixes.repo';
import { importRetryRefusal, jobRetryRefusal } from './ops-pulse-causes';
import { fixFor } from './ops-pulse-ingest';
import type { Budget, FixResult } from './ops-pulse.schema';

export interface FixDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  ingestQueue: Queue<unknown>;
  importsQueue: Queue<unknown>;
  sms: Pick<SmsService, 'retryFailed'>;
  automations: Pick<AutomationsService, 'retryFailedRun'>;
  stripeEvents: Pick<StripeInboxService, 'reprocess'>;
  /** The brake and the budget as the pulse sees them (the resume rule). */
  pulseContext: () => Promise<{ paused: boolean; budget: Budget | null }>;
}

const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);

export function createOpsFixes(deps: FixDeps) {
  return {
    /** A stuck or failed ingestion job, back on the queue with fresh attempts. */
    async retryJob(actor: Actor, jobId: string, reason: string): Promise<FixResult> {
      const job = await fixesRepo.job(deps.db, jobId);
      if (!job) throw notFound('Job');
      if (job.status === 'done') throw conflict('This job is done: nothing to retry.');
      // The same rule as the button: a permanent cause (authorisation revoked, an unreadable file) fails the same way again.
      const refusal = jobRetryRefusal(job);
      if (refusal) throw conflict(refusal);
      await deps.db.transaction(async (tx) => {
        if (!(await fixesRepo.requeueJob(tx, jobId, deps.clock.now()))) throw conflict('This job cannot be retried now.');
        await deps.audit.record(
          {
            actor,
            action: 'operator.retry_job',
            target: { type: 'job', id: jobId },
            payload: { reason, before: { status: job.status, attempts: job.attempts }, after: { status: 'queued' }, userId: job.userId },
          },
          tx,
        );
      });
      await enqueueJobs(deps.ingestQueue, [jobId]);
      return { ok: true, intent: 'retry-job', id: jobId, outcome: 'queued' };
    },

    /** A failed import, or one that brought nothing in, runs again from the file already stored. */
    async retryImport(actor: Actor, importId: string, reason: string): Promise<FixResult> {
      const row = await fixesRepo.importRow(deps.db, importId);
      if (!row) throw notFound('Import');
      // The same rule as the button: a permanent cause (not a FIT file, a refused archive) fails the same way again.
      const refusal = importRetryRefusal(row);
      if (refusal) throw conflict(refusal);
      await deps.db.transaction(async (tx) => {
        if (!(await fixesRepo.requeueImport(tx, importId)))
          throw conflict('Only a failed import, or one that brought nothing in, can be retried.');
        await deps.audit.record(
          {
            actor,
            action: 'operator.retry_import',
            target: { type: 'import', id: importId },
            payload: { reason, before: { status: row.status }, after: { status: 'queued' }, userId: row.userId },
          },
          tx,
        );
      });
      await deps.importsQueue.send({ importId });
      return { ok: true, intent: 'retry-import', id: importId, outcome: 'queued' };
    },

    /**
     * Releases an athlete's jobs deferred by the rate budget before their time. Refused while the brake
     * is on or the budget has no room: each job takes a permit first, so it would only be deferred again.
     */
    async resumeAthlete(actor: Actor, userId: string, reason: string): Promise<FixResult> {
      const rule = fixFor('resume-athlete', userId, await deps.pulseContext());
      if (!rule.available) throw conflict(rule.note ?? 'Not now.');
      const states = await fixesRepo.deferredState(deps.db, userId);
      if (states.length === 0) throw conflict('This athlete is not waiting on the rate budget.');
      const ids = await deps.db.transaction(async (tx) => {
        const released = await fixesRepo.releaseDeferred(tx, userId, deps.clock.now());
        for (const s of states) await fixesRepo.markQueued(tx, userId, s.source);
        await deps.audit.record(
          {
            actor,
            action: 'operator.resume_ingestion',
            target: { type: 'user', id: userId },
            payload: {
              reason,
              before: { status: 'deferred', resumeAt: states[0]?.resumeAt?.toISOString() ?? null },
              after: { status: 'queued' },
              jobs: released.length,
            },
          },
          tx,
        );
        return released;
      });
      await enqueueJobs(deps.ingestQueue, ids);
      return { ok: true, intent: 'resume-athlete', id: userId, outcome: `released ${ids.length}` };
    },

    async retrySms(actor: Actor, messageId: string, reason: string): Promise<FixResult> {
      const out = await deps.sms.retryFailed(actor, messageId, reason);
      return { ok: true, intent: 'retry-sms', id: messageId, outcome: out.status };
    },

    async retryAutomation(actor: Actor, runId: string, reason: string): Promise<FixResult> {
      const out = await deps.automations.retryFailedRun(actor, runId, reason);
      return { ok: true, intent: 'retry-automation', id: runId, outcome: out.status };
    },

    async reprocessStripeEvent(actor: Actor, eventRowId: string, reason: string): Promise<FixResult> {
      const out = await deps.stripeEvents.reprocess(actor, eventRowId, reason);
      return { ok: true, intent: 'reprocess-stripe-event', id: eventRowId, outcome: out.outcome };
    },
  };
}
