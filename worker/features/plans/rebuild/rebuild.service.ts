// "Rebuild plan?": the question when real history differs from what a plan was made from, the athlete's
// confirmation (the old plan cancelled and kept, a new one from the history starting tomorrow) and
// "Keep my plan". Nothing here changes a plan without one of those two answers.
import { addDays, todayIn } from '../../../lib/dates';
import { AppError, ErrorCode, ErrorReason, notFound } from '../../../lib/errors';
import type { Athlete } from '../../analytics';
import type { MembershipService } from '../../membership';
import type { Notifier } from '../../notifications';
import { generatePlan } from '../generator';
import { createIntakeRepo, createPlanFitness, type FitnessDeps, isThin, type RebuildDismissal } from '../intake';
import { announcePlan } from '../plan-notices';
import { inputOf, planRowOf, requestOf } from '../plan-input';
import { createPlansRepo, type PlanRow } from '../plans.repo';
import type { GeneratorInput } from '../plans.types';
import { type FitnessSnapshot, rebuildCheck, totalHours } from './rebuild.calc';

export type RebuildAdvice = { suggested: boolean; reasons: string[] } | null;

const notActive = () => new AppError(ErrorCode.CONFLICT, 'This plan is no longer active.', { reason: ErrorReason.PLAN_NOT_ACTIVE });

/**
 * `notifications` tells the athlete of the new plan (every production caller passes it, worker/wiring/), in
 * words that fit their membership.
 */
export function createRebuildService(
  deps: FitnessDeps & {
    notifications?: Notifier;
    membership: Pick<MembershipService, 'entitlements'>;
    /** Told once the old plan is replaced: copies of its workouts elsewhere follow (Garmin, ADR 057). */
    afterChange?: (userId: string) => Promise<void>;
  },
) {
  const fitness = createPlanFitness(deps);

  /** What the history says now, in the terms of the plan's comparison; null while it is still thin. */
  async function observe(a: Athlete, plan: PlanRow): Promise<FitnessSnapshot | null> {
    const h = await fitness.history(a);
    if (isThin(h.summary)) return null;
    const used = (plan.inputs as GeneratorInput).fitness;
    // A plan from answers or from an estimated CTL (history too short) compares with today's like figure:
    // the measured CTL on its day was the zero-started one it did not use.
    if (used.source === 'intake' || used.estimatedFromDays) return { ctl: h.fitness.ctl, weeklyHours: totalHours(h.fitness) };
    const ctl = await fitness.ctlOn(a, madeOn(a, plan));
    return ctl === null ? null : { ctl, weeklyHours: totalHours(h.fitness) };
  }

  async function advice(a: Athlete, plan: PlanRow): Promise<RebuildAdvice> {
    if (plan.status !== 'active') return null;
    const observed = await observe(a, plan);
    if (!observed) return null;
    const dismissed = plan.rebuildDismissal as RebuildDismissal | null;
    return rebuildCheck({ used: (plan.inputs as GeneratorInput).fitness, observed, dismissed, madeOn: madeOn(a, plan) });
  }

  async function owned(a: Athlete, planId: string): Promise<PlanRow> {
    const plan = await createPlansRepo(deps.db).plan(a.id, planId);
    if (!plan) throw notFound('Plan');
    return plan;
  }

  /**
   * The confirmed rebuild itself; answers the replacement a concurrent or earlier confirm already made. `eventDate`:
   * a moved race (issue 58), made again for its new date whatever the history says.
   */
  async function replace(a: Athlete, planId: string, eventDate?: string): Promise<PlanRow> {
    const plan = await owned(a, planId);
    if (plan.replacedBy) return owned(a, plan.replacedBy);
    if (plan.status !== 'active') throw notActive();
    if (!eventDate && !(await advice(a, plan))?.suggested)
      throw new AppError(ErrorCode.CONFLICT, 'Your history doesn’t differ enough from what this plan was made from to rebuild it.', {
        reason: ErrorReason.REBUILD_NOT_SUGGESTED,
      });
    const today = todayIn(a.timeZone, deps.clock.now());
    const history = (await fitness.history(a)).fitness;
    const request = requestOf(plan.inputs as GeneratorInput, addDays(today, 1));
    const input = inputOf(a, eventDate ? { ...request, goal: { ...request.goal, eventDate } } : request, history, today);
    const generated = generatePlan(input);
    const now = deps.clock.now();
    return deps.db.transaction(async (tx) => {
      const r = createPlansRepo(tx);
      const locked = await r.lockPlan(a.id, planId);
      if (!locked) throw notFound('Plan');
      if (locked.replacedBy) return (await r.plan(a.id, locked.replacedBy)) ?? Promise.reject(notFound('Plan'));
      const ir = createIntakeRepo(tx);
      if (!(await ir.replace(a.id, planId, now))) throw notActive();
      const next = await r.insertPlan(planRowOf(a.id, input, generated));
      await r.insertWorkouts(generated.workouts.map((w) => ({ ...w, planId: next.id, userId: a.id })));
      await ir.linkReplacement(a.id, planId, next.id);
      // The new plan's history starts with the rebuild (its summary compares the two plans); not undoable.
      await r.insertChange({ planId: next.id, userId: a.id, actorId: a.id, source: 'athlete', action: 'rebuild', before: {}, after: {} });
      return next;
    });
  }

  return {
    advice,

    /**
     * The athlete said "Rebuild": the plan is cancelled (kept, with its history) and a new one with the same
     * goal and availability, from the history as it is now, starts tomorrow. A rebuild we suggested uses no
     * plan allowance (the athlete didn't ask for a new plan; their data changed). A second click, or two at
     * once, answers the same new plan: the old plan's row lock orders them and the second finds `replacedBy`.
     */
    async confirm(a: Athlete, planId: string): Promise<PlanRow> {
      const next = await replace(a, planId);
      await deps.afterChange?.(a.id);
      // Also on a second click: the same key, so a notice lost after the first commit is sent once now.
      await announcePlan(deps, next, planId);
      return next;
    },

    /** The race moved (an adaptive proposal the athlete or their coach confirmed): the weeks from tomorrow made for its new date. */
    async moveEvent(a: Athlete, planId: string, eventDate: string): Promise<PlanRow> {
      const next = await replace(a, planId, eventDate);
      await deps.afterChange?.(a.id);
      await announcePlan(deps, next, planId);
      return next;
    },

    /** "Keep my plan": not asked again until the history moves materially from what it says now. */
    async dismiss(a: Athlete, planId: string): Promise<PlanRow> {
      const plan = await owned(a, planId);
      if (plan.status !== 'active') throw notActive();
      const observed = await observe(a, plan);
      const dismissal: RebuildDismissal = {
        at: deps.clock.now().toISOString(),
        ctl: observed?.ctl ?? (plan.inputs as GeneratorInput).fitness.ctl,
        weeklyHours: observed?.weeklyHours ?? totalHours((plan.inputs as GeneratorInput).fitness),
      };
      if (!(await createIntakeRepo(deps.db).dismissRebuild(a.id, planId, dismissal, deps.clock.now()))) throw notActive();
      return owned(a, planId);
    },
  };
}

export type RebuildService = ReturnType<typeof createRebuildService>;

/** The plan's creation day in the athlete's calendar. */
const madeOn = (a: Athlete, plan: PlanRow) => todayIn(a.timeZone, plan.createdAt);
