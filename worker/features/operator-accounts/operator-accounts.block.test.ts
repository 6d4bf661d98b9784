import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions, users } from '../../db/schema';
import { sha256Hex } from '../../lib/crypto';
import { createLogger } from '../../lib/logger';
import { createServices } from '../../wiring';
import { Harness, expectErrorShape } from '../../testing/harness';
import { emailsTo } from '../../testing/outbox';
import { proAthleteWithPlan } from '../plans/exports/plans-exports.testing';
import { REASON, act, actOk, login, manager, sessionsOf } from './operator-accounts.testing';

describe('block and unblock', () => {
  it('blocks: every session ends, login is refused with ACCOUNT_BLOCKED (only after the password), unblock lets them back in', async () => {
    const h = Harness.init();
    const op = await manager(h);
    const target = await h.signup();
    const second = await h.login(target.email, target.password);
    // An operator impersonating the target holds a session of theirs too.
    const owner = await h.userWithRole('owner');
    await h.db.insert(sessions).values({
      tokenHash: await sha256Hex(crypto.randomUUID()),
      userId: target.user.id,
      authVersion: 1,
      userAgent: null,
      expiresAt: new Date(Date.now() + 600_000),
      impersonatorId: owner.id,
    });
    expect(await sessionsOf(h, target.user.id)).toHaveLength(3);

    const blocked = await actOk(h, op.cookie, target.user.id, 'block');
    expect(blocked).toMatchObject({ userId: target.user.id, blockedReason: REASON, sessionsRevoked: 3 });
    expect(blocked.blockedAt).not.toBeNull();
    expect(await sessionsOf(h, target.user.id)).toHaveLength(0);
    for (const cookie of [target.cookie, second]) expect((await h.call('/api/v1/me', { cookie })).status).toBe(401);
    const row = await h.userById(target.user.id);
    expect(row?.blockedReason).toBe(REASON);

    const wrong = await login(h, target.email, 'not the password at all');
    expect(wrong.status).toBe(401);
    expectErrorShape(wrong.body, 'INVALID_CREDENTIALS');
    const refused = await login(h, target.email, target.password);
    expect(refused.status).toBe(403);
    expectErrorShape(refused.body, 'ACCOUNT_BLOCKED');
    expect(refused.body.error?.message).toBe('This account is blocked. Contact support.');
    expect(refused.res.headers.getSetCookie()).toHaveLength(0);
    // The login page says the same sentence.
    const form = new FormData();
    form.set('email', target.email);
    form.set('password', target.password);
    const page = await h.call('/login', { method: 'POST', body: form });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('This account is blocked. Contact support.');

    const unblocked = await actOk(h, op.cookie, target.user.id, 'unblock', 'Appeal accepted');
    expect(unblocked).toMatchObject({ blockedAt: null, blockedReason: null, sessionsRevoked: 0 });
    expect((await login(h, target.email, target.password)).status).toBe(200);

    const audit = (await h.auditFor('user', target.user.id)).filter((a) => a.action.startsWith('operator.'));
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'operator.user_blocked',
        actorId: op.id,
        payload: { reason: REASON, before: { blocked: false }, after: { blocked: true, blockedAt: blocked.blockedAt }, sessionsRevoked: 3 },
      }),
      expect.objectContaining({
        action: 'operator.user_unblocked',
        actorId: op.id,
        payload: {
          reason: 'Appeal accepted',
          before: { blocked: true, blockedAt: blocked.blockedAt, blockedReason: REASON },
          after: { blocked: false },
        },
      }),
    ]);
  });

  it("refuses a blocked account's calendar feed with ACCOUNT_BLOCKED and serves it again after unblocking", async () => {
    const h = Harness.init();
    const op = await manager(h);
    const a = await proAthleteWithPlan(h);
    const made = await h.json<{ url: string }>('/api/v1/plans/feed', { method: 'POST', cookie: a.cookie });
    const path = new URL(made.body.url).pathname;
    expect((await h.call(path)).status).toBe(200);
    await actOk(h, op.cookie, a.user.id, 'block');
    const refused = await h.json(path);
    expect(refused.status).toBe(403);
    expectErrorShape(refused.body, 'ACCOUNT_BLOCKED');
    await actOk(h, op.cookie, a.user.id, 'unblock');
    expect((await h.call(path)).status).toBe(200);
  });

  it('treats a session that outlived a block as signed out, and sends a blocked account no reset mail', async () => {
    const h = Harness.init();
    const target = await h.signup();
    // Blocked behind the service's back: the session lookup still refuses it.
    await h.db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, target.user.id));
    expect((await h.call('/api/v1/me', { cookie: target.cookie })).status).toBe(401);
    const page = await h.call('/home', { cookie: target.cookie });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toMatch(/^\/login/);

    // The deferred mail work finishes before close() returns, so "nothing sent" needs no waiting.
    const services = createServices(h.env, { requestId: null, logger: createLogger('error'), waitUntil: () => {} });
    services.auth.requestPasswordReset(target.email);
    await services.close();
    expect(await emailsTo(target.email)).toHaveLength(0);
    const forgot = await h.json('/api/v1/auth/password/forgot', { body: { email: target.email } });
    expect(forgot).toMatchObject({ status: 202, body: { ok: true } });
  });

  it('follows the rules: a reason, never yourself, owners only by owners, one block at a time', async () => {
    const h = Harness.init();
    const op = await manager(h);
    const target = await h.signup();
    for (const reason of [null, 42, '', '   ', 'x'.repeat(501)]) {
      const r = await act(h, op.cookie, target.user.id, 'block', reason);
      expect(r.status).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
    }
    expect((await act(h, op.cookie, op.id, 'block')).status).toBe(403);
    expect((await act(h, op.cookie, crypto.randomUUID(), 'block')).status).toBe(404);
    expect((await act(h, op.cookie, 'not-a-uuid', 'block')).status).toBe(400);
    expect((await act(h, op.cookie, target.user.id, 'unblock')).status).toBe(409);
    await actOk(h, op.cookie, target.user.id, 'block');
    expect((await act(h, op.cookie, target.user.id, 'block')).status).toBe(409);

    const owner = await h.userWithRole('owner');
    const otherOwner = await h.userWithRole('owner');
    const byAdmin = await act(h, op.cookie, otherOwner.id, 'block');
    expect(byAdmin.status).toBe(403);
    expectErrorShape(byAdmin.body, 'FORBIDDEN');
    await actOk(h, owner.cookie, otherOwner.id, 'block');
    expect((await act(h, owner.cookie, owner.id, 'block')).status).toBe(403);
    expect((await h.userById(owner.id))?.blockedAt).toBeNull();
  });

  it('refuses everyone without users.manage', async () => {
    const h = Harness.init();
    const target = await h.signup();
    expect((await act(h, '', target.user.id, 'block')).status).toBe(401);
    const athlete = await h.signup();
    const otherAdmin = await h.userWithRole('admin', ['users.read', 'users.pii']);
    for (const cookie of [athlete.cookie, otherAdmin.cookie]) {
      for (const action of ['block', 'unblock', 'password-reset', 'temporary-password'] as const) {
        const r = await act(h, cookie, target.user.id, action);
        expect(r.status, action).toBe(403);
      }
    }
    expect((await h.userById(target.user.id))?.blockedAt).toBeNull();
    expect(await h.auditFor('user', target.user.id)).not.toContainEqual(expect.objectContaining({ action: 'operator.user_blocked' }));
  });
});
