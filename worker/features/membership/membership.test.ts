import { describe, expect, it } from 'vitest';
import { createAuditService } from '../audit';
import { AppError } from '../../lib/errors';
import { Harness } from '../../testing/harness';
import { coachOrg } from '../../testing/scenarios';
import type { Json } from '../../testing/scenarios';
import { FEATURES, TIERS, entitlementsOf, priceOf, unlockingTier } from './entitlements';
import type { Feature } from './entitlements';
import { createMembershipService } from './membership.service';
import { PAST_DUE_GRACE_DAYS, quotaPeriod, resolveAthlete } from './tier';
import type { MirrorLike } from './tier';

const at = (iso: string) => ({ now: () => new Date(iso) });
const DAY = 86_400_000;

const sub = (over: Partial<MirrorLike>): MirrorLike => ({
  stripeSubscriptionId: 'sub_1',
  status: 'active',
  tier: 'pro',
  interval: 'month',
  currentPeriodEnd: new Date('2026-12-20T00:00:00Z'),
  trialEnd: null,
  cancelAtPeriodEnd: false,
  pastDueSince: null,
  hasPaymentMethod: true,
  ...over,
});

describe('entitlements table', () => {
  it('names the cheapest tier for each feature and maps every sold price back to its tier', () => {
    expect(unlockingTier('exports')).toBe('pro');
    expect(unlockingTier('race_strategy')).toBe('elite');
    expect(unlockingTier('sms')).toBe('team');
    for (const [tier, def] of Object.entries(TIERS))
      for (const [interval, price] of Object.entries(def.prices)) expect(priceOf(price.lookupKey)).toEqual({ tier, interval });
    expect(priceOf('someone_elses_price')).toBeNull();
    // Elite includes everything Pro does.
    for (const f of TIERS.pro.features) expect(TIERS.elite.features).toContain(f);
    expect(entitlementsOf('free')).toMatchObject({
      tier: 'free',
      features: { exports: false },
      quotas: { coach_messages: 5, plans_generated: 1 },
    });
  });
});

describe('tier resolution', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('active, trialing and canceling-at-period-end subscriptions give their tier; canceled and unpaid give Free', () => {
    expect(resolveAthlete([sub({})], [], now).tier).toBe('pro');
    expect(resolveAthlete([sub({ status: 'trialing' })], [], now).subscription?.access).toBe('trialing');
    expect(resolveAthlete([sub({ cancelAtPeriodEnd: true })], [], now).subscription?.access).toBe('canceling');
    for (const status of ['canceled', 'unpaid', 'incomplete_expired', 'paused'])
      expect(resolveAthlete([sub({ status })], [], now).tier).toBe('free');
  });

  it(`past_due keeps the tier for ${PAST_DUE_GRACE_DAYS} days, then Free until paid`, () => {
    const since = (days: number) => new Date(now.getTime() - days * DAY);
    expect(resolveAthlete([sub({ status: 'past_due', pastDueSince: since(6.9) })], [], now).subscription?.access).toBe('past_due');
    expect(resolveAthlete([sub({ status: 'past_due', pastDueSince: since(7) })], [], now).tier).toBe('free');
  });

  it('a comp gives its tier to a Free athlete, and only adds when it is higher than the subscription', () => {
    const comp = { id: 'g1', kind: 'comp' as const, tier: 'elite', endsAt: new Date(now.getTime() + DAY) };
    expect(resolveAthlete([], [comp], now)).toMatchObject({ tier: 'elite', source: 'comp' });
    expect(resolveAthlete([sub({})], [comp], now)).toMatchObject({ tier: 'elite', source: 'comp' });
    expect(resolveAthlete([sub({ tier: 'elite' })], [{ ...comp, tier: 'pro' }], now)).toMatchObject({
      tier: 'elite',
      source: 'subscription',
    });
    expect(resolveAthlete([], [{ ...comp, endsAt: now }], now).tier).toBe('free');
  });

  it('a team subscription gives an athlete nothing', () => {
    expect(resolveAthlete([sub({ tier: 'team' })], [], now).tier).toBe('free');
  });
});

describe('quota month', () => {
  it('is the athlete’s local month: one instant is December in Auckland and November in Los Angeles', () => {
    const instant = new Date('2026-11-30T23:30:00Z');
    expect(quotaPeriod(instant, 'Pacific/Auckland')).toEqual({ period: '2026-12', resetsAt: new Date('2026-12-31T11:00:00Z') });
    expect(quotaPeriod(instant, 'America/Los_Angeles')).toEqual({ period: '2026-11', resetsAt: new Date('2026-12-01T08:00:00Z') });
    expect(quotaPeriod(new Date('2026-12-15T00:00:00Z'), 'UTC')).toEqual({ period: '2026-12', resetsAt: new Date('2027-01-01T00:00:00Z') });
  });
});

describe('quotas on real Postgres', () => {
  const service = (h: Harness, iso: string) => createMembershipService({ db: h.db, clock: at(iso), audit: createAuditService(h.db, null) });

  it('20 concurrent requests with 3 left: exactly 3 succeed, 17 get QUOTA_EXCEEDED with the reset time', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const m = service(h, '2026-11-23T12:00:00Z');
    const member = { id: user.id, timeZone: 'UTC' };
    await m.useQuota(member, 'coach_messages');
    await m.useQuota(member, 'coach_messages');
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => m.useQuota(member, 'coach_messages')));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(17);
    for (const err of refused) {
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({
        code: 'QUOTA_EXCEEDED',
        status: 429,
        // Retry-After: 23 Nov 12:00 → 1 Dec 00:00 UTC.
        details: {
          quota: { kind: 'coach_messages', limit: 5, used: 5, resetsAt: '2026-12-01T00:00:00.000Z' },
          retryAfterSeconds: 8 * 86_400 - 12 * 3600,
        },
      });
    }
    expect((await m.usage(member)).find((u) => u.kind === 'coach_messages')).toMatchObject({ used: 5, limit: 5 });
  });

  it('a new month in the athlete’s zone starts from zero (Auckland turns over before UTC does)', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const member = { id: user.id, timeZone: 'Pacific/Auckland' };
    const november = service(h, '2026-11-30T10:00:00Z'); // 23:00 on 30 Nov in Auckland
    await november.useQuota(member, 'plans_generated');
    await expect(november.useQuota(member, 'plans_generated')).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED' });
    const december = service(h, '2026-11-30T11:30:00Z'); // 00:30 on 1 Dec in Auckland, still November in UTC
    await expect(december.useQuota(member, 'plans_generated')).resolves.toMatchObject({ used: 1, limit: 1 });
  });

  it('a refunded unit comes back exactly once, even when refunds race', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const m = service(h, '2026-11-23T12:00:00Z');
    const member = { id: user.id, timeZone: 'UTC' };
    const use = await m.useQuota(member, 'coach_messages');
    expect(use.used).toBe(1);
    const refunds = await Promise.all(Array.from({ length: 5 }, () => m.refundQuota(user.id, use.unitId)));
    expect(refunds.filter(Boolean)).toHaveLength(1);
    expect((await m.usage(member))[1]).toMatchObject({ kind: 'coach_messages', used: 0 });
    // Someone else's unit id refunds nothing.
    const other = await h.signup();
    const theirs = await m.useQuota({ id: other.user.id, timeZone: 'UTC' }, 'coach_messages');
    expect(await m.refundQuota(user.id, theirs.unitId)).toBe(false);
  });
});

describe('membership API', () => {
  it('GET /me carries the entitlements; GET /membership the tier, usage and the trial offer; plans are public', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const me = await h.json<Json>('/api/v1/me', { cookie: athlete.cookie });
    expect(me.body.entitlements).toMatchObject({ tier: 'free', features: { exports: false }, quotas: { coach_messages: 5 } });
    const status = await h.json<Json>('/api/v1/membership', { cookie: athlete.cookie });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ tier: 'free', source: 'free', trialAvailable: true, subscription: null, pastDue: null });
    expect(status.body.usage).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'coach_messages', used: 0, limit: 5 })]));
    const plans = await h.json<Json>('/api/v1/membership/plans');
    expect(plans.status).toBe(200);
    expect(plans.body.current).toBeNull();
    expect(plans.body.tiers.map((t: Json) => t.id)).toEqual(['free', 'pro', 'elite', 'team']);
    expect(plans.body.tiers[1].prices).toEqual([
      { interval: 'month', amountCents: TIERS.pro.prices.month?.amountCents, currency: 'usd' },
      { interval: 'year', amountCents: TIERS.pro.prices.year?.amountCents, currency: 'usd' },
    ]);
    expect((await h.json<Json>('/api/v1/membership/plans', { cookie: athlete.cookie })).body.current).toBe('free');
  });

  it('comps need billing.manage, are audited, and revoke once', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const plainAdmin = await h.userWithRole('admin');
    const billingAdmin = await h.userWithRole('admin', ['billing.manage']);
    const body = { tier: 'pro', days: 30, reason: 'Ambassador programme' };
    const denied = await h.json<Json>(`/api/v1/admin/users/${athlete.user.id}/comps`, { body, cookie: plainAdmin.cookie });
    expect(denied.status).toBe(403);
    const granted = await h.json<Json>(`/api/v1/admin/users/${athlete.user.id}/comps`, { body, cookie: billingAdmin.cookie });
    expect(granted.status).toBe(201);
    expect((await h.json<Json>('/api/v1/membership', { cookie: athlete.cookie })).body).toMatchObject({ tier: 'pro', source: 'comp' });
    const revoke = `/api/v1/admin/users/${athlete.user.id}/comps/${granted.body.id}/revoke`;
    expect((await h.json(revoke, { method: 'POST', cookie: billingAdmin.cookie })).status).toBe(200);
    expect((await h.json(revoke, { method: 'POST', cookie: billingAdmin.cookie })).status).toBe(404);
    expect((await h.json<Json>('/api/v1/membership', { cookie: athlete.cookie })).body.tier).toBe('free');
    const actions = (await h.auditFor('user', athlete.user.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['membership.comp_granted', 'membership.comp_revoked']));
    const bad = await h.json<Json>(`/api/v1/admin/users/${athlete.user.id}/comps`, {
      body: { ...body, days: 0 },
      cookie: billingAdmin.cookie,
    });
    expect(bad.status).toBe(400);
  });

  it('an invite code can carry a Pro trial: the account it admits starts on Pro until the trial ends', async () => {
    const h = Harness.init();
    const admin = await h.userWithRole('admin', ['invites.manage']);
    const made = await h.json<Json>('/api/v1/admin/invites', { body: { maxUses: 5, trialDays: 14 }, cookie: admin.cookie });
    expect(made.status).toBe(201);
    expect(made.body.trialDays).toBe(14);
    const email = `trial-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const reg = await h.call('/api/v1/auth/register', {
      body: { email, password: 'correct horse battery staple', inviteCode: made.body.code, displayName: 'Invited Athlete' },
    });
    expect(reg.status).toBe(201);
    const cookie = (reg.headers.get('set-cookie') ?? '').split(';')[0]!;
    const status = (await h.json<Json>('/api/v1/membership', { cookie })).body;
    expect(status).toMatchObject({ tier: 'pro', source: 'invite_trial', grant: { kind: 'invite_trial', tier: 'pro' } });
    const days = (new Date(status.grant.endsAt).getTime() - Date.now()) / DAY;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
  });

  it('operators can give an org Team without Stripe: the coach billing page shows it until it is revoked (audited)', async () => {
    const h = Harness.init();
    const w = await coachOrg(h, { plan: 'free' });
    const ops = await h.userWithRole('admin', ['billing.manage']);
    expect((await w.api<Json>('/billing')).body).toMatchObject({ plan: null, isOwner: true });
    const comp = await h.json<Json>(`/api/v1/admin/orgs/${w.org.id}/comps`, {
      body: { days: 30, reason: 'Launch partner' },
      cookie: ops.cookie,
    });
    expect(comp.status).toBe(201);
    expect(comp.body).toMatchObject({ kind: 'comp', tier: 'team', revokedAt: null });
    expect((await w.api<Json>('/billing')).body.plan).toBe('team');
    const view = await h.json<Json>(`/api/v1/admin/orgs/${w.org.id}/membership`, { cookie: ops.cookie });
    expect(view.body).toMatchObject({ plan: 'team', subscription: null, grants: [{ id: comp.body.id }] });
    // An athlete-tier body, an unknown org and someone else's grant id are refused.
    expect(
      (await h.json(`/api/v1/admin/orgs/${crypto.randomUUID()}/comps`, { body: { days: 30, reason: 'Nobody' }, cookie: ops.cookie }))
        .status,
    ).toBe(404);
    const other = await coachOrg(h);
    expect(
      (await h.json(`/api/v1/admin/orgs/${other.org.id}/comps/${comp.body.id}/revoke`, { method: 'POST', cookie: ops.cookie })).status,
    ).toBe(404);
    expect(
      (await h.json(`/api/v1/admin/orgs/${w.org.id}/comps/${comp.body.id}/revoke`, { method: 'POST', cookie: ops.cookie })).status,
    ).toBe(200);
    expect((await w.api<Json>('/billing')).body.plan).toBeNull();
    const actions = (await h.auditFor('org', w.org.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['membership.org_comp_granted', 'membership.org_comp_revoked']));
  });
});
