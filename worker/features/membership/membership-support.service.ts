import type { Executor } from '../../db/executor';
import { createMembershipRepo } from './membership.repo';
import { presentGrant, presentStatus } from './membership.present';
import type { MembershipService } from './membership.service';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * An athlete's membership as support sees it: the resolved tier and entitlements, every grant
 * (revoked and expired too), the Stripe mirror rows as synced, and whether the self-serve trial was used.
 */
export async function membershipForSupport(deps: { db: Executor; membership: MembershipService }, user: { id: string; timeZone: string }) {
  const repo = createMembershipRepo(deps.db);
  const [status, grants, mirror, trialUsed] = await Promise.all([
    deps.membership.status({ id: user.id, timeZone: user.timeZone }),
    repo.grantsOf(user.id),
    repo.mirrorOfOwner('user', user.id),
    repo.trialUsed(user.id),
  ]);
  const s = presentStatus(status);
  return {
    tier: s.tier,
    source: s.source,
    subscription: s.subscription,
    grant: s.grant,
    pastDue: s.pastDue,
    trialUsed,
    hasCustomer: s.hasCustomer,
    entitlements: s.entitlements,
    grants: grants.map(presentGrant),
    mirror: mirror.map((m) => ({
      stripeSubscriptionId: m.stripeSubscriptionId,
      status: m.status,
      tier: m.tier,
      interval: m.interval,
      currentPeriodEnd: iso(m.currentPeriodEnd),
      trialEnd: iso(m.trialEnd),
      cancelAtPeriodEnd: m.cancelAtPeriodEnd,
      pastDueSince: iso(m.pastDueSince),
      syncedAt: m.syncedAt.toISOString(),
    })),
  };
}
export type MembershipForSupport = Awaited<ReturnType<typeof membershipForSupport>>;
