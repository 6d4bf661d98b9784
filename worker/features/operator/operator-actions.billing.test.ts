import { describe, expect, it } from 'vitest';
import { Harness, expectErrorShape } from '../../testing/harness';

// The membership actions (comp, trial, resync) and the access rules every operator action shares.
const act = (id: string, action: string) => `/api/v1/admin/users/${id}/actions/${action}`;
type Outcome = { action: string; changed: boolean; message: string; before: Record<string, unknown>; after: Record<string, unknown> };
type Audit = { action: string; actorId: string | null; payload: Record<string, unknown> };

async function world() {
  const h = Harness.init();
  const athlete = await h.signup({ displayName: 'Ann Runner' });
  const billing = await h.userWithRole('admin', ['billing.manage']);
  const tier = async () =>
    (await h.json<{ status: { tier: string } }>(`/api/v1/admin/users/${athlete.user.id}/membership`, { cookie: billing.cookie })).body
      .status.tier;
  const audits = async (action: string) => ((await h.auditFor('user', athlete.user.id)) as Audit[]).filter((a) => a.action === action);
  return { h, athlete, billing, tier, audits };
}

describe('operator actions: access', () => {
  it('needs a session, the action’s permission, a reason and a known athlete', async () => {
    const { h, athlete, billing } = await world();
    const body = { reason: 'Support ticket 41', tier: 'pro', days: 30 };
    expect((await h.json(act(athlete.user.id, 'comp'), { body })).status).toBe(401);
    const plain = await h.json(act(athlete.user.id, 'comp'), { body, cookie: athlete.cookie });
    expect(plain.status).toBe(403);
    const other = await h.userWithRole('admin', ['users.manage', 'ingestion.retry']);
    const denied = await h.json(act(athlete.user.id, 'comp'), { body, cookie: other.cookie });
    expect(denied.status).toBe(403);
    expectErrorShape(denied.body, 'FORBIDDEN');
    // users.manage does not reach billing, and billing.manage does not reach the coach thread.
    expect((await h.json(act(athlete.user.id, 'clear-coach-thread'), { body: { reason: 'x' }, cookie: billing.cookie })).status).toBe(403);
    const noReason = await h.json(act(athlete.user.id, 'comp'), { body: { tier: 'pro', days: 30 }, cookie: billing.cookie });
    expect(noReason.status).toBe(400);
    const longReason = await h.json(act(athlete.user.id, 'comp'), { body: { ...body, reason: 'x'.repeat(501) }, cookie: billing.cookie });
    expect(longReason.status).toBe(400);
    const unknown = await h.json(act(crypto.randomUUID(), 'comp'), { body, cookie: billing.cookie });
    expect(unknown.status).toBe(404);
    expectErrorShape(unknown.body, 'NOT_FOUND');
    expect(await h.auditFor('user', athlete.user.id).then((r) => r.filter((a) => a.action.startsWith('operator.')))).toHaveLength(0);
  });
});

describe('operator actions: comp and trial', () => {
  it('comps Pro for a time and revokes it, each audited with reason, before and after; a second revoke is a 409', async () => {
    const { h, athlete, billing, tier, audits } = await world();
    expect(await tier()).toBe('free');
    const comp = await h.json<Outcome>(act(athlete.user.id, 'comp'), {
      body: { reason: 'Race ambassador', tier: 'pro', days: 30 },
      cookie: billing.cookie,
    });
    expect(comp.status).toBe(200);
    expect(comp.body.changed).toBe(true);
    expect(await tier()).toBe('pro');
    const grantId = comp.body.after.grantId as string;
    const [granted] = await audits('operator.comp');
    expect(granted).toMatchObject({
      actorId: billing.id,
      payload: { reason: 'Race ambassador', grantId, before: { tier: 'free' }, after: { tier: 'pro', grantId } },
    });
    // The operator row replaces membership's own (one audit row per change).
    expect(await audits('membership.comp_granted')).toHaveLength(0);

    const revoke = await h.json<Outcome>(act(athlete.user.id, 'revoke-comp'), {
      body: { reason: 'Ambassador year ended', grantId },
      cookie: billing.cookie,
    });
    expect(revoke.status).toBe(200);
    expect(await tier()).toBe('free');
    const [revoked] = await audits('operator.revoke_comp');
    expect(revoked?.payload).toMatchObject({ reason: 'Ambassador year ended', grantId, before: { revokedAt: null } });
    expect((revoked!.payload.after as { revokedAt: string }).revokedAt).toBeTruthy();
    const again = await h.json(act(athlete.user.id, 'revoke-comp'), { body: { reason: 'again', grantId }, cookie: billing.cookie });
    expect(again.status).toBe(409);
    expectErrorShape(again.body, 'CONFLICT');
    const foreign = await h.json(act(athlete.user.id, 'revoke-comp'), {
      body: { reason: 'x', grantId: crypto.randomUUID() },
      cookie: billing.cookie,
    });
    expect(foreign.status).toBe(404);
  });

  it('grants a Pro trial once (a second is a 409), and a trial cannot be revoked as a comp', async () => {
    const { h, athlete, billing, tier, audits } = await world();
    const trial = await h.json<Outcome>(act(athlete.user.id, 'grant-trial'), {
      body: { reason: 'Asked at the expo', days: 14 },
      cookie: billing.cookie,
    });
    expect(trial.status).toBe(200);
    expect(await tier()).toBe('pro');
    const grantId = trial.body.after.grantId as string;
    expect((await audits('operator.grant_trial'))[0]?.payload).toMatchObject({
      reason: 'Asked at the expo',
      before: { tier: 'free' },
      after: { tier: 'pro', grantId },
    });
    const twice = await h.json(act(athlete.user.id, 'grant-trial'), { body: { reason: 'again', days: 14 }, cookie: billing.cookie });
    expect(twice.status).toBe(409);
    expect((await h.json(act(athlete.user.id, 'grant-trial'), { body: { reason: 'long', days: 31 }, cookie: billing.cookie })).status).toBe(
      400,
    );
    expect((await h.json(act(athlete.user.id, 'revoke-comp'), { body: { reason: 'x', grantId }, cookie: billing.cookie })).status).toBe(
      404,
    );
    const end = await h.json<Outcome>(act(athlete.user.id, 'revoke-trial'), { body: { reason: 'Abuse', grantId }, cookie: billing.cookie });
    expect(end.status).toBe(200);
    expect(await tier()).toBe('free');
    expect((await audits('operator.revoke_trial'))[0]?.payload).toMatchObject({ reason: 'Abuse', grantId });
  });

  it('re-sync of an athlete without a Stripe customer is a 409 that says so', async () => {
    const { h, athlete, billing, audits } = await world();
    const res = await h.json(act(athlete.user.id, 'resync-billing'), { body: { reason: 'Ticket 7' }, cookie: billing.cookie });
    expect(res.status).toBe(409);
    expect((res.body as { error: { message: string } }).error.message).toMatch(/no Stripe customer/);
    expect(await audits('operator.resync_billing')).toHaveLength(0);
  });
  it('re-syncs an athlete with a Stripe subscription (audited with the customer); a trial on top is a 409', async () => {
    const { h, athlete, billing, audits } = await world();
    expect((await h.json('/api/v1/membership/trial', { method: 'POST', cookie: athlete.cookie })).status).toBe(200);
    const res = await h.json<Outcome>(act(athlete.user.id, 'resync-billing'), { body: { reason: 'Webhook lost' }, cookie: billing.cookie });
    expect(res.status).toBe(200);
    expect(res.body.after).toMatchObject({ tier: 'pro', source: 'subscription', subscription: 'trialing' });
    const [row] = await audits('operator.resync_billing');
    expect(row?.payload).toMatchObject({ reason: 'Webhook lost', before: { tier: 'pro' }, after: { tier: 'pro' } });
    expect(String(row?.payload.customerId)).toMatch(/^cus_/);
    expect(await audits('membership.resynced')).toHaveLength(0);
    const trial = await h.json(act(athlete.user.id, 'grant-trial'), { body: { reason: 'x', days: 7 }, cookie: billing.cookie });
    expect(trial.status).toBe(409);
  });
});
