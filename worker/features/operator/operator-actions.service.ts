// Operators' audited actions on one athlete. Each change goes through the feature that owns it (membership,
// ingest, plans, analytics, ai-coach); this service checks input, finds the athlete, decides the refusals
// and writes the `operator.<verb>` audit row: inside the owner's transaction where the change is ours.
import type { Executor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode } from '../../lib/errors';
import type { CoachChatService } from '../ai-coach';
import type { TrainingLoadService } from '../analytics';
import type { Actor, AuditService } from '../audit';
import type { UserRow } from '../auth';
import type { ImportsService, IngestionService, StravaConnections } from '../ingest';
import type { BillingSyncService, MembershipService } from '../membership';
import type { IntakeService } from '../plans';
import { type OperatorAction, type OperatorActionInput, OperatorActionInputs, type OperatorActionOutcome } from './operator-actions.schema';

export interface OperatorActionsDeps {
  clock: Clock;
  audit: AuditService;
  userById: (id: string) => Promise<UserRow | null>;
  membership: MembershipService;
  billingSync: BillingSyncService;
  ingestion: IngestionService;
  imports: ImportsService;
  connections: StravaConnections;
  trainingLoad: TrainingLoadService;
  intake: IntakeService;
  coachChat: CoachChatService;
}

type Facts = Record<string, unknown>;
type Ctx<A extends OperatorAction> = { actor: Actor; user: UserRow; input: OperatorActionInput<A> };
type Result = { changed: boolean; message: string; before: Facts; after: Facts };
/** Writes the action's audit row (in `tx` when given). */
type Audit = (entry: { before: Facts; after: Facts; target?: { type: string; id: string }; ids?: Facts }, tx?: Executor) => Promise<void>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const day = (d: Date) => d.toISOString().slice(0, 10);
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export type OperatorActionsService = ReturnType<typeof createOperatorActionsService>;

export function createOperatorActionsService(deps: OperatorActionsDeps) {
  const tierOf = async (userId: string) => {
    const r = await deps.membership.resolve(userId);
    return { tier: r.tier, source: r.source, subscription: r.subscription?.status ?? null };
  };

  /** One active grant of the athlete by id and kind: 404 unknown, 409 already revoked or ended. */
  async function activeGrant(userId: string, grantId: string, kind: 'comp' | 'invite_trial', what: string) {
    const grant = (await deps.membership.grantsOf(userId)).find((g) => g.id === grantId && g.kind === kind);
    if (!grant) throw new AppError(ErrorCode.NOT_FOUND, `No such ${what} for this athlete.`);
    if (grant.revokedAt) throw new AppError(ErrorCode.CONFLICT, `This ${what} was already revoked.`);
    if (grant.endsAt <= deps.clock.now()) throw new AppError(ErrorCode.CONFLICT, `This ${what} already ended.`);
    return grant;
  }

  const handlers: { [A in OperatorAction]: (c: Ctx<A>, audit: Audit) => Promise<Result> } = {
    async comp({ actor, user, input }, audit) {
      const before = await tierOf(user.id);
      const grant = await deps.membership.operatorGrant(actor, user.id, { ...input, kind: 'comp' }, (tx, g) =>
        audit({ before, after: { grantId: g.id, tier: g.tier, endsAt: iso(g.endsAt) }, ids: { grantId: g.id } }, tx),
      );
      return {
        changed: true,
        message: `${input.tier === 'pro' ? 'Pro' : 'Elite'} comp granted until ${day(grant.endsAt)}.`,
        before,
        after: { grantId: grant.id, tier: grant.tier, endsAt: iso(grant.endsAt) },
      };
    },

    async 'revoke-comp'({ actor, user, input }, audit) {
      const grant = await activeGrant(user.id, input.grantId, 'comp', 'comp');
      const before = { grantId: grant.id, tier: grant.tier, endsAt: iso(grant.endsAt), revokedAt: null };
      const revoked = await deps.membership.operatorRevoke(actor, user.id, grant.id, 'comp', (tx, g) =>
        audit({ before, after: { grantId: g.id, revokedAt: iso(g.revokedAt) }, ids: { grantId: g.id } }, tx),
      );
      return { changed: true, message: 'Comp revoked.', before, after: { grantId: revoked.id, revokedAt: iso(revoked.revokedAt) } };
    },

    async 'grant-trial'({ actor, user, input }, audit) {
      const before = await tierOf(user.id);
      if (before.source === 'subscription' && before.tier !== 'free')
        throw new AppError(ErrorCode.CONFLICT, `This athlete already subscribes (${before.tier}); a trial would change nothing.`);
      const now = deps.clock.now();
      const current = (await deps.membership.grantsOf(user.id)).find((g) => g.kind === 'invite_trial' && !g.revokedAt && g.endsAt > now);
      if (current) throw new AppError(ErrorCode.CONFLICT, `This athlete is already in a trial until ${day(current.endsAt)}.`);
      const grant = await deps.membership.operatorGrant(actor, user.id, { ...input, kind: 'invite_trial', tier: 'pro' }, (tx, g) =>
        audit({ before, after: { grantId: g.id, tier: g.tier, endsAt: iso(g.endsAt) }, ids: { grantId: g.id } }, tx),
      );
      return {
        changed: true,
        message: `Pro trial granted until ${day(grant.endsAt)}; it ends to Free.`,
        before,
        after: { grantId: grant.id, tier: 'pro', endsAt: iso(grant.endsAt) },
      };
    },

    async 'revoke-trial'({ actor, user, input }, audit) {
      const grant = await activeGrant(user.id, input.grantId, 'invite_trial', 'trial');
      const before = { grantId: grant.id, tier: grant.tier, endsAt: iso(grant.endsAt), revokedAt: null };
      const revoked = await deps.membership.operatorRevoke(actor, user.id, grant.id, 'invite_trial', (tx, g) =>
        audit({ before, after: { grantId: g.id, revokedAt: iso(g.revokedAt) }, ids: { grantId: g.id } }, tx),
      );
      return { changed: true, message: 'Trial ended.', before, after: { grantId: revoked.id, revokedAt: iso(revoked.revokedAt) } };
    },

    async 'resync-billing'({ actor, user }, audit) {
      const before = await tierOf(user.id);
      let after: Facts = before;
      try {
        await deps.billingSync.resync(actor, 'user', user.id, async (customerId) => {
          after = await tierOf(user.id);
          await audit({ before, after, ids: { customerId } });
        });
      } catch (err) {
        // The athlete exists; what is missing is a Stripe customer, a state, not an unknown target.
        if (err instanceof AppError && err.code === ErrorCode.NOT_FOUND)
          throw new AppError(ErrorCode.CONFLICT, 'This athlete has no Stripe customer yet: there is nothing to re-sync.');
        throw err;
      }
      return { changed: true, message: `Billing re-read from Stripe: ${String(after.tier)} (${String(after.source)}).`, before, after };
    },

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
      const r = await deps.imports.retry(user.id, input.importId, (tx, change) =>
        audit(
          {
            target: { type: 'import', id: input.importId },
            before: { status: change.before.status, error: change.before.error },
            after: change.after,
            ids: { importId: input.importId, userId: user.id },
          },
          tx,
        ),
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
      const after = { provider: 'strava', connected: false, removedActivities: r.removedActivities };
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

  async function retryJobs(userId: string, jobId: string | null, audit: Audit): Promise<Result> {
    const c = await deps.ingestion.retry(userId, jobId, (tx, change) =>
      audit(
        {
          ...(jobId ? { target: { type: 'job', id: jobId } } : {}),
          before: change.before,
          after: { ...change.after, paused: change.paused },
          ids: jobId ? { jobId, userId } : { jobIds: change.after.requeued },
        },
        tx,
      ),
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
    /** Runs one operator action on an athlete: input checked, 404 for an unknown athlete, audited on change. */
    async perform(actor: Actor, userId: string, action: OperatorAction, input: unknown): Promise<OperatorActionOutcome> {
      const user = UUID.test(userId) ? await deps.userById(userId) : null;
      if (!user) throw new AppError(ErrorCode.NOT_FOUND, 'No such athlete.');
      const parsed = OperatorActionInputs[action].safeParse(input);
      if (!parsed.success)
        throw new AppError(ErrorCode.VALIDATION, parsed.error.issues[0]?.message ?? 'Check the form.', {
          fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        });
      const reason = parsed.data.reason;
      const audit: Audit = (e, tx) =>
        deps.audit.record(
          {
            actor,
            action: `operator.${action.replace(/-/g, '_')}`,
            target: e.target ?? { type: 'user', id: user.id },
            payload: { reason, before: e.before, after: e.after, ...(e.ids ?? {}) },
          },
          tx,
        );
      const handler = handlers[action] as (c: Ctx<typeof action>, a: Audit) => Promise<Result>;
      const r = await handler({ actor, user, input: parsed.data as OperatorActionInput<typeof action> }, audit);
      return { action, userId: user.id, ...r };
    },
  };
}
