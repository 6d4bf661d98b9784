// Tiers for tests: a comp through the membership service, as an operator would grant it (no Stripe).
import { createAuditService } from '../../features/audit';
import { MAX_COMP_DAYS, createMembershipService } from '../../features/membership';
import { systemClock } from '../../lib/clock';
import type { Harness } from '../harness';

/**
 * The membership service on the real clock. Tests that move their own clock (SMS timing, schedules)
 * still ask it whether an org is on Team: comps are granted now, whatever instant the test plays.
 */
export const membershipOf = (h: Harness) =>
  createMembershipService({ db: h.db, clock: systemClock, audit: createAuditService(h.db, null) });

/** Gives the user `tier` for `days` (a comp), so a test about a paid feature can use it. */
export async function giveTier(h: Harness, userId: string, tier: 'pro' | 'elite', days = 30): Promise<void> {
  await membershipOf(h).grantComp({ id: userId, role: 'owner' }, userId, { tier, days, reason: 'test scenario' });
}

/** Puts the org on Team for `days` (a comp granted by `by`, a user), as coach worlds are unless they ask for 'free'. */
export async function giveTeam(h: Harness, orgId: string, by: string, days = MAX_COMP_DAYS): Promise<void> {
  await membershipOf(h).grantOrgComp({ id: by, role: 'owner' }, orgId, { days, reason: 'test scenario' });
}

/** Ends the org's Team comps now (the org drops to free coaching), as an operator's revoke would. */
export async function takeTeam(h: Harness, orgId: string, by: string): Promise<void> {
  const membership = membershipOf(h);
  for (const g of await membership.orgGrants(orgId)) await membership.revokeOrgComp({ id: by, role: 'owner' }, orgId, g.id);
}
