// Tiers for tests: a comp through the membership service, as an operator would grant it (no Stripe).
import { createAuditService } from '../../features/audit';
import { createMembershipService } from '../../features/membership';
import type { Harness } from '../harness';

/** Gives the user `tier` for `days` (a comp), so a test about a paid feature can use it. */
export async function giveTier(h: Harness, userId: string, tier: 'pro' | 'elite', days = 30): Promise<void> {
  const membership = createMembershipService({ db: h.db, clock: { now: () => new Date() }, audit: createAuditService(h.db, null) });
  await membership.grantComp({ id: userId, role: 'owner' }, userId, { tier, days, reason: 'test scenario' });
}
