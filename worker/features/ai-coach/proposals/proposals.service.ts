// The coach's plan proposals: the model proposes, the athlete confirms, workout
// control applies. Nothing reaches the plan without the athlete's explicit confirm (or an operator's
// with the `coach_proposals.confirm` permission); never under impersonation; behind a kill switch.
import type { Viewer } from '../../../context';
import { actorOf, refuseWhileImpersonating } from '../../../http/guards';
import { AppError, ErrorCode, ErrorReason, notFound } from '../../../lib/errors';
import type { Athlete } from '../../analytics';
import type { AuditService } from '../../audit';
import type { Notifier } from '../../notifications';
import type { ChangeBy, WorkoutControl } from '../../plans';
import type { ProposalAction, ProposalView } from '../coach.types';
import { createProposalPreview, FREE_ACTIONS, type PreviewDeps, toStep } from './proposals.preview';
import { presentProposal } from './proposals.present';
import { createProposalsRepo, type ProposalRow, proposalsEnabled } from './proposals.repo';
import type { ProposeInput } from './proposals.schema';

export interface ProposalsDeps extends PreviewDeps {
  audit: AuditService;
  workoutControl: Pick<WorkoutControl, 'preview' | 'applyBatch'>;
  /** "Your AI coach proposed a plan change"; every production caller passes it (worker/wiring/). */
  notifications?: Notifier;
}

const TARGET = 'coach_proposal';
const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);
type Logged = { date: string; type: string; title: string; durationSec: number; targetLoad: number; skipped: boolean } | null;

/** The confirm applies what the card showed: a workout changed since the proposal refuses it (the athlete asks again). */
function stillAsProposed(p: ProposalRow, before: Record<string, Logged>) {
  for (const d of p.diff as ProposalView['diff']) {
    const now = before[d.workoutId];
    const was = d.before;
    if (!was || !now) continue;
    const same =
      now.date === was.date &&
      now.type === was.type &&
      now.title === was.title &&
      Math.round(now.durationSec / 60) === was.durationMin &&
      now.targetLoad === was.targetLoad &&
      now.skipped === was.skipped;
    if (!same) throw conflict(`${was.title} (${was.date}) changed since this was proposed; ask the coach for a fresh proposal.`);
  }
}

/** What the audit keeps of a proposal: ids and counts, never the model's words. */
const ids = (p: ProposalRow) => ({ proposalId: p.id, planId: p.planId, athleteId: p.userId });

export function createProposalsService(deps: ProposalsDeps) {
  const preview = createProposalPreview(deps);
  const enabled = () => proposalsEnabled(deps.db);
  const now = () => deps.clock.now();

  async function requireOn() {
    if (!(await enabled()))
      throw new AppError(ErrorCode.FORBIDDEN, 'Plan changes from the coach are switched off for now; change the plan from the calendar.', {
        reason: ErrorReason.FEATURE_OFF,
      });
  }

  /**
   * The confirm: under the proposal's row lock, so a double click or two tabs apply once (the second
   * finds it applied and gets it as it is). The apply runs as a savepoint of this transaction: when it
   * fails, every action is rolled back but the proposal's 'failed' and its error stay, ready for a retry.
   */
  async function confirmAs(viewer: Viewer, athlete: { id: string; timeZone: string }, id: string, onBehalf: boolean) {
    refuseWhileImpersonating(viewer, 'confirm a plan change');
    await requireOn();
    const actor = actorOf(viewer);
    return deps.db.transaction(async (tx) => {
      const r = createProposalsRepo(tx);
      const p = await r.lock(athlete.id, id);
      if (!p) throw notFound('Proposal');
      if (p.status === 'applied') return presentProposal(p);
      if (p.status === 'rejected') throw conflict('This proposal was rejected; ask the coach for a new one.');
      const at = now();
      const base = { ...ids(p), attempt: p.attempts + 1, ...(onBehalf ? { onBehalfOf: athlete.id } : {}) };
      await r.update(p.id, { status: 'confirmed', confirmedBy: viewer.user.id, confirmedAt: at, attempts: p.attempts + 1, updatedAt: at });
      await deps.audit.record({ actor, action: 'coach.proposal.confirmed', target: { type: TARGET, id: p.id }, payload: base }, tx);
      const by: ChangeBy = { athlete, actorId: viewer.user.id, source: 'ai_proposal', reason: p.reason };
      const actions = p.actions as ProposalAction[];
      try {
        // A savepoint around the apply and the check, so a workout changed since rolls the apply back too.
        const change = await tx.transaction(async (sp) => {
          const c = await deps.workoutControl.applyBatch(by, p.planId, actions.map(toStep), { action: 'proposal', within: sp });
          stillAsProposed(p, c.before as Record<string, Logged>);
          return c;
        });
        const done = await r.update(p.id, { status: 'applied', appliedAt: at, planChangeId: change.id, error: null, updatedAt: at });
        const workouts = Object.keys({ ...(change.before as object), ...(change.after as object) }).length;
        await deps.audit.record(
          {
            actor,
            action: 'coach.proposal.applied',
            target: { type: TARGET, id: p.id },
            payload: { ...base, planChangeId: change.id, actions: actions.length, workouts },
          },
          tx,
        );
        return presentProposal(done);
      } catch (err) {
        // Our own refusals (completed since, plan paused, hourly limit…) say why; anything else stays generic.
        const known = err instanceof AppError;
        const error = known ? err.message : 'The plan could not be changed just now; try again.';
        const failed = await r.update(p.id, { status: 'failed', error, updatedAt: at });
        await deps.audit.record(
          {
            actor,
            action: 'coach.proposal.apply_failed',
            target: { type: TARGET, id: p.id },
            payload: {
              ...base,
              errorCode: known ? err.code : ErrorCode.INTERNAL,
              errorReason: known ? (err.details?.reason ?? null) : null,
            },
          },
          tx,
        );
        return presentProposal(failed);
      }
    });
  }

  return {
    /** For the forecast tool: the checks and the forecast, nothing written. */
    preview,

    /**
     * On Free an easier workout (a lighter load, another type) is part of Pro. What Free allows in its place:
     * skipping those workouts (a skip can be restored), and the eased version as Pro would make it, to show.
     * Null when the change has no Free counterpart (moving, swapping, a heavier load).
     */
    async freeAlternative(a: Athlete, actions: ProposalAction[]) {
      const eases = (x: ProposalAction) => (x.kind === 'adjust_load' && x.percent < 0) || x.kind === 'replace_workout';
      if (!actions.some(eases) || actions.some((x) => !FREE_ACTIONS.has(x.kind) && !eases(x))) return null;
      const asPro = await preview(a, actions, { asPro: true });
      return {
        actions: actions.map((x): ProposalAction => (eases(x) ? { kind: 'skip', workoutId: x.workoutId } : x)),
        asPro: asPro.diff,
      };
    },

    /** Writes a proposal (status proposed) after the same checks; the plan is untouched. */
    async propose(
      a: Athlete,
      input: ProposeInput,
      from: { conversationId: string | null; messageId: string | null },
    ): Promise<ProposalView> {
      await requireOn();
      const p = await preview(a, input.actions);
      const view = await deps.db.transaction(async (tx) => {
        const row = await createProposalsRepo(tx).insert({
          userId: a.id,
          planId: p.plan.id,
          conversationId: from.conversationId,
          messageId: from.messageId,
          actions: input.actions,
          diff: p.diff,
          reason: input.reason,
          riskNotes: input.riskNotes ?? [],
          forecast: p.forecast,
        });
        await deps.audit.record(
          {
            actor: { id: a.id, role: 'ai_coach' },
            action: 'coach.proposal.proposed',
            target: { type: TARGET, id: row.id },
            payload: { ...ids(row), actions: input.actions.length, kinds: input.actions.map((x) => x.kind), workouts: p.diff.length },
          },
          tx,
        );
        return presentProposal(row);
      });
      // Awaiting the athlete's answer: said in the inbox (and by email) once the proposal is stored. The link
      // opens its card in the conversation, so a proposal made outside one has nowhere to point.
      if (from.conversationId)
        await deps.notifications?.notify({
          userId: a.id,
          type: 'coach.proposal',
          dedupeKey: `coach.proposal:${view.id}`,
          data: { conversationId: from.conversationId, proposalId: view.id, summary: input.reason.slice(0, 500) },
        });
      return view;
    },

    async get(userId: string, id: string): Promise<ProposalView> {
      const p = await createProposalsRepo(deps.db).get(userId, id);
      if (!p) throw notFound('Proposal');
      return presentProposal(p);
    },

    list: async (userId: string, opts: { conversationId?: string } = {}): Promise<ProposalView[]> =>
      (await createProposalsRepo(deps.db).list(userId, opts.conversationId)).map(presentProposal),

    /** The proposal each of these assistant messages wrote (the chat shows it as the message's card); the newest when several. */
    async forMessages(userId: string, messageIds: string[]): Promise<Map<string, ProposalView>> {
      const out = new Map<string, ProposalView>();
      for (const p of await createProposalsRepo(deps.db).forMessages(userId, messageIds))
        if (p.messageId && !out.has(p.messageId)) out.set(p.messageId, presentProposal(p));
      return out;
    },

    /** The athlete's explicit act. Idempotent: an applied proposal comes back as it is. A failed one is retried. */
    confirm: (viewer: Viewer, id: string) => confirmAs(viewer, { id: viewer.user.id, timeZone: viewer.user.timeZone }, id, false),

    /** A failed proposal confirmed again (after its cause is fixed). */
    retry: (viewer: Viewer, id: string) => confirmAs(viewer, { id: viewer.user.id, timeZone: viewer.user.timeZone }, id, false),

    /** An operator (the route checks `coach_proposals.confirm`) confirms on the athlete's behalf; audited with both. */
    async confirmFor(viewer: Viewer, athleteId: string, id: string): Promise<ProposalView> {
      const athlete = await createProposalsRepo(deps.db).athlete(athleteId);
      if (!athlete) throw notFound('Proposal');
      return confirmAs(viewer, athlete, id, true);
    },

    /** Rejected stays rejected (a second reject answers it as it is); an applied proposal is undone from the plan's history instead. */
    async reject(viewer: Viewer, id: string, reason?: string): Promise<ProposalView> {
      refuseWhileImpersonating(viewer, 'reject a plan change');
      return deps.db.transaction(async (tx) => {
        const r = createProposalsRepo(tx);
        const p = await r.lock(viewer.user.id, id);
        if (!p) throw notFound('Proposal');
        if (p.status === 'rejected') return presentProposal(p);
        if (p.status === 'applied') throw conflict('This proposal is applied; undo it from the plan’s history instead.');
        const at = now();
        const done = await r.update(p.id, { status: 'rejected', rejectedAt: at, rejectReason: reason ?? null, updatedAt: at });
        await deps.audit.record(
          {
            actor: actorOf(viewer),
            action: 'coach.proposal.rejected',
            target: { type: TARGET, id: p.id },
            payload: { ...ids(p), withReason: Boolean(reason) },
          },
          tx,
        );
        return presentProposal(done);
      });
    },
  };
}

export type ProposalsService = ReturnType<typeof createProposalsService>;
