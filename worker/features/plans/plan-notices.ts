// "Your new plan is ready" and "…was rebuilt": told once the plan's transaction has committed. The key is
// the plan's id (and, for a rebuild, the plan it replaced), so a second click or a retry tells nothing new.
import type { Notifier } from '../notifications';
import { goalLabel } from './plans.present';
import type { PlanRow } from './plans.repo';

export function announcePlan(notifications: Notifier | undefined, plan: PlanRow, replaced?: string): Promise<void> {
  if (!notifications) return Promise.resolve();
  return notifications.notify({
    userId: plan.userId,
    type: 'plan.created',
    dedupeKey: replaced ? `plan.rebuilt:${replaced}:${plan.id}` : `plan.created:${plan.id}`,
    data: {
      planId: plan.id,
      planName: goalLabel(plan).slice(0, 200),
      weeks: Math.max(1, (plan.weeks as unknown[]).length),
      rebuilt: replaced !== undefined,
      startsOn: plan.startDate,
    },
  });
}
