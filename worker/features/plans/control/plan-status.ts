// A plan's status: pause, resume (one active plan per athlete) and cancel; completed and cancelled are
// final. Each is written to the plan's change log (no workouts in it) under the plan's row lock.
import type { Db } from '../../../db/client';
import { isUniqueViolation } from '../../../db/pg-errors';
import { ErrorReason, notFound } from '../../../lib/errors';
import { createPlansRepo, type PlanRow } from '../plans.repo';
import type { ChangeBy } from './workout-access';
import { conflict } from './workout-state';

const ACTION = { active: 'resume', paused: 'pause', cancelled: 'cancel' } as const;
/** The change log's names for status changes (undo refuses them: the status is set again instead). */
export const STATUS_ACTIONS: string[] = Object.values(ACTION);

const planExists = () => conflict('You already have an active plan: pause or cancel it first.', ErrorReason.PLAN_EXISTS);

export function planStatus(deps: { db: Db; now: () => Date }) {
  return async (by: ChangeBy, planId: string, status: keyof typeof ACTION): Promise<PlanRow> => {
    try {
      return await deps.db.transaction(async (tx) => {
        const r = createPlansRepo(tx);
        const plan = await r.lockPlan(by.athlete.id, planId);
        if (!plan) throw notFound('Plan');
        // Setting the status it has is a no-op, not a change.
        if (plan.status === status) return plan;
        if (plan.status === 'completed' || plan.status === 'cancelled')
          throw conflict(`This plan is ${plan.status}; that is final.`, ErrorReason.PLAN_NOT_ACTIVE);
        if (status === 'active' && (await r.activePlan(by.athlete.id))) throw planExists();
        const next = await r.setStatus(by.athlete.id, planId, status, deps.now());
        await r.insertChange({
          planId,
          userId: by.athlete.id,
          actorId: by.actorId,
          source: by.source,
          action: ACTION[status],
          before: {},
          after: {},
          reason: by.reason ?? null,
        });
        return next!;
      });
    } catch (err) {
      // Two resumes at once: the one-active-plan index lets one in.
      if (isUniqueViolation(err)) throw planExists();
      throw err;
    }
  };
}
