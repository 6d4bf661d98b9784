// The data actions: onboarding reset, ingestion and import retries, an analytics rebuild, clearing the coach
// thread, and disconnecting Strava.
import { type Audit, type Handlers, type Result, count, iso, type OperatorActionsDeps } from './operator-actions.handler';
import type { BillingAction } from './operator-actions.billing';
import type { OperatorAction } from './operator-actions.schema';
// One rule for every retry button: a permanent cause is refused here as on Ops Pulse.
import { importRetryRefusal, jobRetryRefusal } from '../ops-pulse';

export function dataActions(
  deps: Pick<OperatorActionsDeps, 'ingestion' | 'imports' | 'connections' | 'trainingLoad' | 'intake' | 'coachChat'>,
): Handlers<Exclude<OperatorAction, BillingAction>> {
  async function retryJobs(userId: string, jobId: string | null, audit: Audit): Promise<Result> {
    const c = await deps.ingestion.retry(
      userId,
      jobId,
      (tx, change) =>
        audit(
          {
            ...(jobId ? { target: { type: 'job', id: jobId } } : {}),
            before: change.before,
            after: { ...change.after, paused: change.paused },
            ids: jobId ? { jobId, userId } : { jobIds: change.after.requeued },
          },
          tx,
        ),
      jobRetryRefusal,
    );
    const n = c.after.requeued.length;
    const before = c.before;
    const after = { ...c.after, paused: c.paused };
    if (n === 0)
      return {
        changed: false,
        message: jobId ? 'This job is still running or queued: nothing to retry.' : 'No failed or stuck jobs to retry.',
        before,
        after,
      };
    const what = jobId ? 'The job' : count(n, 'job');
    const message = c.paused
      ? `Ingestion is paused (emergency brake): ${what} will run when it is released.`
      : `${what} queued again; the provider budget may still defer ${n === 1 ? 'it' : 'them'}.`;
    return { changed: true, message, before, after };
  }

  return {
    async 'reset-onboarding'({ user }, audit) {
      const r = await deps.intake.reset(user.id, (tx, answeredAt) =>
        audit({ before: { answered: true, answeredAt: iso(answeredAt) }, after: { answered: false } }, tx),
      );
      if (!r.answeredAt)
        return {
          changed: false,
          message: 'Onboarding was not answered yet: nothing to reset.',
          before: { answered: false },
          after: { answered: false },
        };
      return {
        changed: true,
        message: 'Onboarding reset: the questions will be asked again.',
        before: { answered: true, answeredAt: iso(r.answeredAt) },
        after: { answered: false },
      };
    },

    'retry-ingestion': ({ user }, audit) => retryJobs(user.id, null, audit),
    'retry-job': ({ user, input }, audit) => retryJobs(user.id, input.jobId, audit),

    async 'retry-import'({ user, input }, audit) {
      const r = await deps.imports.retry(
        user.id,
        input.importId,
        (tx, change) =>
          audit(
            {
              target: { type: 'import', id: input.importId },
              before: { status: change.before.status, error: change.before.error },
              after: change.after,
              ids: { importId: input.importId, userId: user.id },
            },
            tx,
          ),
        importRetryRefusal,
      );
      const before = { status: r.changed ? 'error' : r.import.status };
      if (!r.changed) return { changed: false, message: `This import is already ${r.import.status}.`, before, after: before };
      return { changed: true, message: `Import ${r.import.filename} queued again.`, before, after: { status: 'queued' } };
    },

    async 'rerun-analytics'({ user }, audit) {
      const r = await deps.trainingLoad.rebuild(user.id);
      const after = { activities: r.activities, durationMs: r.durationMs };
      // The rebuild is one transaction of its own (it locks the athlete); the audit follows it.
      await audit({ before: { rebuilt: false }, after });
      return { changed: true, message: `Analytics rebuilt from ${count(r.activities, 'activity', 'activities')}.`, before: {}, after };
    },

    async 'clear-coach-thread'({ user }, audit) {
      const r = await deps.coachChat.clearThread(user.id, (tx, before) =>
        audit({ before, after: { conversations: 0, messages: 0, toolCalls: 0, llmCallsKept: before.llmCallsKept } }, tx),
      );
      const after = { conversations: 0, messages: 0, toolCalls: 0, llmCallsKept: r.before.llmCallsKept };
      if (!r.changed) return { changed: false, message: 'The athlete has no coach conversations.', before: r.before, after };
      return {
        changed: true,
        message: `Deleted ${count(r.before.conversations, 'conversation')} and ${count(r.before.messages, 'message')}; the cost records stay.`,
        before: r.before,
        after,
      };
    },

    async 'disconnect-provider'({ user }, audit) {
      const r = await deps.connections.disconnectFor(user.id);
      const before = { provider: 'strava', connected: true, connectionId: r.connectionId, scopes: r.scopes, connectedAt: r.connectedAt };
      const after = { provider: 'strava', connected: false, removedActivities: r.removedActivities, keptActivities: r.keptActivities };
      // Strava's deauthorization cannot share our transaction; the audit follows the completed disconnect.
      await audit({ before, after, ids: { connectionId: r.connectionId } });
      return {
        changed: true,
        message: `Strava disconnected; ${count(r.removedActivities, 'Strava activity', 'Strava activities')} removed.`,
        before,
        after,
      };
    },
  };
}
