// A linked athlete's training plan, as their coach sees and (with the athlete's "may edit") changes it.
// Viewing needs the accepted link; changing also needs the athlete's grant on that link, and goes through
// the plans feature's own workout control with source 'coach', paid for by the org's Team plan (ADR 011,
// "Plans"). What the coach sees is matched only against activities others may see (never Strava's).
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, ErrorReason, notFound } from '../../../lib/errors';
import { athleteOf } from '../../analytics';
import type { Actor, AuditService } from '../../audit';
import type { ChangeBy, PlansService, TrainingCalendar, WorkoutControl } from '../../plans';
import type { ClientRow } from '../coach-os.repo';
import type { Member } from '../coach-os.service';
import type { OrgPlan } from '../org-plan';
import { createAthleteLinkRepo } from './athlete-link.repo';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  clientOf: (m: Member, clientId: string) => Promise<ClientRow>;
  plans: Pick<PlansService, 'active' | 'activePlanOf' | 'judgedCalendar'>;
  workoutControl: Pick<WorkoutControl, 'move' | 'setSkipped' | 'undo' | 'changes' | 'edit' | 'add' | 'thresholds'>;
  trainingCalendar: Pick<TrainingCalendar, 'read'>;
  orgPlan: Pick<OrgPlan, 'requireOrgFeature'>;
}

const notShared = () => new AppError(ErrorCode.NOT_FOUND, 'This client has not shared their training with you.');

export function createClientPlanService(deps: Deps) {
  const repo = () => createAthleteLinkRepo(deps.db);

  /** The client's accepted link and its athlete, read fresh on every call so a revocation counts at once. */
  async function linked(m: Member, clientId: string) {
    await deps.clientOf(m, clientId);
    const live = await repo().liveOfClient(m.org.id, clientId);
    if (live?.link.status !== 'accepted' || !live.link.athleteUserId) throw notShared();
    const user = await repo().athleteUser(live.link.athleteUserId);
    if (!user) throw notShared();
    return { link: live.link, user, athlete: athleteOf(user) };
  }

  async function activePlan(m: Member, clientId: string) {
    const l = await linked(m, clientId);
    return { ...l, plan: await deps.plans.activePlanOf(l.user.id) };
  }

  /**
   * Who changes what, for workout control: the athlete's plan, the coach as actor, the org's Team as the gate.
   * A client without an active plan is refused with the way forward (ADR 060): a coach's workouts and
   * templates land on the plan the athlete keeps, never on a plan made up for them.
   */
  async function editor(m: Member, clientId: string, reason: string | undefined) {
    const { link, user, athlete } = await linked(m, clientId);
    if (!link.planEditGrantedAt)
      throw new AppError(
        ErrorCode.FORBIDDEN,
        'Your client has not allowed you to change their plan. They can allow it in their settings.',
        {
          reason: ErrorReason.PLAN_EDIT_NOT_GRANTED,
        },
      );
    const plan = await deps.plans.active(user.id);
    if (!plan)
      throw new AppError(
        ErrorCode.CONFLICT,
        `${user.displayName} has no active training plan to put workouts on. Ask them to start one in Cadence (Training → Build your plan), then add these again.`,
        { reason: ErrorReason.NO_ACTIVE_PLAN },
      );
    const by: ChangeBy = {
      athlete: { id: athlete.id, timeZone: athlete.timeZone },
      actorId: m.actor.id,
      source: 'coach',
      reason,
      // The coach's org pays for coach edits (Team), not the athlete (Pro): see ADR 011, "Plans".
      entitlement: () => deps.orgPlan.requireOrgFeature(m.org.id, 'client_plans'),
    };
    return { by, planId: plan.id, athlete };
  }

  return {
    /** The coach's right to change this client's plan (link, grant, Team), for changes made elsewhere (templates). */
    editor,

    /** The athlete's active plan (null when they have none) and whether they let the coach change it. */
    async plan(m: Member, clientId: string) {
      const { link, user } = await linked(m, clientId);
      return { athleteName: user.displayName, planEdit: link.planEditGrantedAt !== null, plan: (await deps.plans.active(user.id)) ?? null };
    },

    /**
     * The active plan's days, matched only against activities others may see, each done workout with its one
     * verdict judged from what a coach may read (issue 55: the athlete's own lists say the same of it).
     */
    async calendar(m: Member, clientId: string, from: string, to: string) {
      const { athlete, plan } = await activePlan(m, clientId);
      return deps.plans.judgedCalendar(athlete, plan.id, from, to, 'coach');
    },

    /** The athlete's training calendar, with or without a plan, from the activities others may see. */
    async trainingCalendar(m: Member, clientId: string, from: string, to: string) {
      const { athlete } = await linked(m, clientId);
      return deps.trainingCalendar.read(athlete, from, to, 'coach');
    },

    /**
     * The client's thresholds on a day as a coach's change takes them (the coach's use: estimates only from
     * activities a coach may see), so the edit dialog previews the totals its save stores.
     */
    async workoutThresholds(m: Member, clientId: string, date: string) {
      const { user } = await linked(m, clientId);
      return deps.workoutControl.thresholds(user.id, date, 'coach');
    },

    async changes(m: Member, clientId: string) {
      const { user, plan } = await activePlan(m, clientId);
      return deps.workoutControl.changes(user.id, plan.id);
    },

    async move(m: Member, clientId: string, workoutId: string, date: string, reason?: string, slot?: 'am' | 'pm' | null) {
      const { by, planId } = await editor(m, clientId, reason);
      return deps.workoutControl.move(by, planId, workoutId, date, slot);
    },

    async edit(m: Member, clientId: string, workoutId: string, patch: Parameters<WorkoutControl['edit']>[3], reason?: string) {
      const { by, planId } = await editor(m, clientId, reason);
      return deps.workoutControl.edit(by, planId, workoutId, patch);
    },

    /** A new workout on a day of the client's plan (fields as workout control's add takes them). */
    async add(m: Member, clientId: string, input: Parameters<WorkoutControl['add']>[2], reason?: string) {
      const { by, planId } = await editor(m, clientId, reason);
      return deps.workoutControl.add(by, planId, input);
    },

    /** The coach's delete: workout control's soft delete, restorable and undoable like the athlete's. */
    async remove(m: Member, clientId: string, workoutId: string, reason?: string) {
      const { by, planId } = await editor(m, clientId, reason);
      return deps.workoutControl.setSkipped(by, planId, workoutId, true, 'delete');
    },

    async setSkipped(m: Member, clientId: string, workoutId: string, skipped: boolean, reason?: string) {
      const { by, planId } = await editor(m, clientId, reason);
      return deps.workoutControl.setSkipped(by, planId, workoutId, skipped);
    },

    async undo(m: Member, clientId: string, changeId: string) {
      const { by, planId } = await editor(m, clientId, undefined);
      return deps.workoutControl.undo(by, planId, changeId);
    },

    /** Athlete side: let this coach's org change the plan, or stop it. Only on an accepted link; audited. */
    async setPlanEdit(actor: Actor, userId: string, linkId: string, granted: boolean) {
      await deps.db.transaction(async (tx) => {
        const row = await createAthleteLinkRepo(tx).setPlanEdit(userId, linkId, granted ? deps.clock.now() : null);
        if (!row) throw notFound('Link');
        await deps.audit.record(
          {
            actor,
            action: granted ? 'athlete_link.plan_edit_granted' : 'athlete_link.plan_edit_withdrawn',
            target: { type: 'athlete_link', id: linkId },
            payload: { orgId: row.orgId, clientId: row.clientId },
          },
          tx,
        );
      });
      return { planEdit: granted };
    },
  };
}

export type ClientPlanService = ReturnType<typeof createClientPlanService>;
