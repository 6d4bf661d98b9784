// The tier an API key's statement reads as a column (ADR 105) decides as requireFeature / requireOrgFeature do on the
// same rows: subscriptions (dates and flags through JSON), grants in force, an org's Team.
import { type SQL, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { billingCustomers, subscriptionMirror } from '../../db/schema';
import { systemClock } from '../../lib/clock';
import { Harness } from '../../testing/harness';
import { coachOrg, giveTier, takeTeam } from '../../testing/scenarios';
import { createAuditService } from '../audit';
import { requireFeatureIn, tierFactsColumn } from './feature-facts';
import { createMembershipService } from './membership.service';

const DAY = 86_400_000;

describe('tier facts read by another statement', () => {
  it('agree with requireFeature and requireOrgFeature on subscriptions, past-due grace, grants and Team', async () => {
    const h = Harness.init();
    // Comps start when granted (the scenarios grant on the real clock), so each read and check is at the real now.
    const membership = createMembershipService({ db: h.db, clock: systemClock, audit: createAuditService(h.db, null) });
    let now = systemClock.now();
    const facts = async (owner: { userId: SQL; orgId: SQL }) => {
      now = systemClock.now();
      const rows = await h.db.execute(sql`select ${tierFactsColumn(owner, now)} as f`);
      return (rows.rows[0] as { f: unknown }).f;
    };
    const verdict = (p: () => unknown) =>
      Promise.resolve()
        .then(p)
        .then(
          () => 'ok',
          (e: { code?: string }) => e.code,
        );

    const cases: [string, (userId: string) => Promise<void>, string][] = [
      ['no plan', async () => {}, 'ENTITLEMENT_REQUIRED'],
      ['a Pro comp', (id) => giveTier(h, id, 'pro'), 'ok'],
      ['Pro, active', (id) => subscribe(h, id, { status: 'active' }), 'ok'],
      [
        'Pro, past due 2 days (grace)',
        (id) => subscribe(h, id, { status: 'past_due', pastDueSince: new Date(now.getTime() - 2 * DAY) }),
        'ok',
      ],
      [
        'Pro, past due 8 days',
        (id) => subscribe(h, id, { status: 'past_due', pastDueSince: new Date(now.getTime() - 8 * DAY) }),
        'ENTITLEMENT_REQUIRED',
      ],
      ['Pro, canceled', (id) => subscribe(h, id, { status: 'canceled' }), 'ENTITLEMENT_REQUIRED'],
    ];
    for (const [name, setUp, expected] of cases) {
      const { user } = await h.signup();
      await setUp(user.id);
      const value = await facts({ userId: sql`${user.id}::uuid`, orgId: sql`null::uuid` });
      expect(await verdict(() => requireFeatureIn(value, 'user', 'api_keys', now)), name).toBe(expected);
      expect(await verdict(() => membership.requireFeature(user.id, 'api_keys')), name).toBe(expected);
    }

    const w = await coachOrg(h);
    const orgFacts = () => facts({ userId: sql`${w.coach.id}::uuid`, orgId: sql`${w.org.id}::uuid` });
    expect(await verdict(async () => requireFeatureIn(await orgFacts(), 'org', 'team_api_keys', now))).toBe('ok');
    await takeTeam(h, w.org.id, w.coach.id);
    expect(await verdict(async () => requireFeatureIn(await orgFacts(), 'org', 'team_api_keys', now))).toBe('ENTITLEMENT_REQUIRED');
    await subscribe(h, w.org.id, { status: 'active', tier: 'team' }, 'org');
    expect(await verdict(async () => requireFeatureIn(await orgFacts(), 'org', 'team_api_keys', now))).toBe('ok');
    expect(await verdict(() => membership.requireOrgFeature(w.org.id, 'team_api_keys'))).toBe('ok');
  });
});

/** A mirrored Stripe subscription, as syncCustomer leaves one. */
async function subscribe(
  h: Harness,
  ownerId: string,
  over: { status: string; pastDueSince?: Date; tier?: string },
  ownerType: 'user' | 'org' = 'user',
) {
  const customer = `cus_${ownerId.slice(0, 8)}`;
  await h.db.insert(billingCustomers).values({ stripeCustomerId: customer, ownerType, ownerId });
  await h.db.insert(subscriptionMirror).values({
    stripeSubscriptionId: `sub_${ownerId.slice(0, 8)}`,
    stripeCustomerId: customer,
    status: over.status,
    tier: over.tier ?? 'pro',
    interval: 'month',
    currentPeriodEnd: new Date(systemClock.now().getTime() + 20 * DAY),
    pastDueSince: over.pastDueSince ?? null,
    hasPaymentMethod: true,
  });
}
