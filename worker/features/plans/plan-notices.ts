// "Your new plan is ready" and "…was rebuilt": told once the plan's transaction has committed. The key is
// the plan's id (and, for a rebuild, the plan it replaced), so a second click or a retry tells nothing new.
// The words promise only what the athlete's membership includes (moving and editing are workout_control).
import type { MembershipService } from '../membership';
import type { Notifier } from '../notifications';
import { actionFeature } from './control/workout-access';
import { goalLabel } from './goal-label';
import type { PlanRow } from './plans.repo';

export interface AnnounceDeps {
  notifications?: Notifier | undefined;
  membership: Pick<MembershipService, 'entitlements'>;
}

export async function announcePlan(deps: AnnounceDeps, plan: PlanRow, replaced?: string): Promise<void> {
  if (!deps.notifications) return;
  const feature = actionFeature('move');
  const control = feature === null || (await deps.membership.entitlements(plan.userId)).features[feature];
  return deps.notifications.notify({
    userId: plan.userId,
    type: 'plan.created',
    dedupeKey: replaced ? `plan.rebuilt:${replaced}:${plan.id}` : `plan.created:${plan.id}`,
    data: {
      planId: plan.id,
      planName: goalLabel(plan).slice(0, 200),
      weeks: Math.max(1, (plan.weeks as unknown[]).length),
      rebuilt: replaced !== undefined,
      startsOn: plan.startDate,
      control,
    },
  });
}
