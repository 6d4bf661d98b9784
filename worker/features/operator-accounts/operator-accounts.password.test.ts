import { describe, expect, it } from 'vitest';
import { Harness, cookieFrom, expectErrorShape } from '../../testing/harness';
import { resetTokenFrom, waitForEmail } from '../../testing/outbox';
import { REASON, act, actOk, login, manager, sessionsOf } from './operator-accounts.testing';

const MINE = 'my very own passphrase again';

describe('one-time temporary password', () => {
  it('is shown once, ends sessions, forces a new password before anything else, and cannot be reused', async () => {
    const h = Harness.init();
    const op = await manager(h);
    const target = await h.signup();
    const issued = await act(h, op.cookie, target.user.id, 'temporary-password');
    expect(issued.status).toBe(200);
    expect(issued.res.headers.get('cache-control')).toBe('no-store');
    const temporary = issued.body.temporaryPassword ?? '';
    expect(temporary).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    expect(issued.body).toMatchObject({ mustChangePassword: true, sessionsRevoked: 1 });
    expect(await sessionsOf(h, target.user.id)).toHaveLength(0);
    const [audit] = (await h.auditFor('user', target.user.id)).filter((a) => a.action === 'operator.temporary_password_issued');
    expect(audit).toMatchObject({
      actorId: op.id,
      payload: { reason: REASON, before: { mustChangePassword: false }, after: { mustChangePassword: true }, sessionsRevoked: 1 },
    });
    expect(JSON.stringify(audit)).not.toContain(temporary);

    expect((await login(h, target.email, target.password)).status).toBe(401);
    const signedIn = await login(h, target.email, temporary);
    expect(signedIn.status).toBe(200);
    const cookie = cookieFrom(signedIn.res);
    for (const [path, method] of [
      ['/api/v1/me', 'GET'],
      ['/api/v1/plans', 'POST'],
      ['/api/v1/me/password', 'POST'],
      ['/api/v1/membership/plans', 'GET'],
    ] as const) {
      const r = await h.json(path, { method, cookie, ...(method === 'POST' ? { body: {} } : {}) });
      expect(r.status, path).toBe(403);
      expectErrorShape(r.body, 'PASSWORD_CHANGE_REQUIRED');
    }
    const page = await h.call('/home', { cookie });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/settings/password-required');
    const required = await h.call('/settings/password-required', { cookie });
    expect(required.status).toBe(200);
    expect(await required.text()).toContain('Set a new password');

    const reuse = await h.json('/api/v1/auth/password/required', { body: { newPassword: temporary }, cookie });
    expect(reuse.status).toBe(400);
    expectErrorShape(reuse.body, 'VALIDATION');
    const weak = await h.json('/api/v1/auth/password/required', { body: { newPassword: 'password123' }, cookie });
    expect(weak.status).toBe(400);
    expectErrorShape(weak.body, 'WEAK_PASSWORD');

    const set = await h.json('/api/v1/auth/password/required', { body: { newPassword: MINE }, cookie });
    expect(set.status).toBe(200);
    const fresh = cookieFrom(set.res);
    expect(fresh).not.toBe(cookie);
    expect((await h.call('/api/v1/me', { cookie })).status).toBe(401);
    expect((await h.call('/api/v1/me', { cookie: fresh })).status).toBe(200);
    expect((await h.userById(target.user.id))?.mustChangePassword).toBe(false);
    expect((await login(h, target.email, temporary)).status).toBe(401);
    expect((await login(h, target.email, MINE)).status).toBe(200);
    const again = await h.json('/api/v1/auth/password/required', { body: { newPassword: 'yet another passphrase' }, cookie: fresh });
    expect(again.status).toBe(409);
    expect((await h.auditFor('user', target.user.id)).map((a) => a.action)).toContain('password.temporary_replaced');
  });

  it('sets the new password from the page, and lets the user log out instead', async () => {
    const h = Harness.init();
    const op = await manager(h);
    const target = await h.signup();
    const { temporaryPassword } = await actOk(h, op.cookie, target.user.id, 'temporary-password');
    const cookie = await h.login(target.email, temporaryPassword ?? '');
    const mismatch = new FormData();
    mismatch.set('newPassword', MINE);
    mismatch.set('confirmPassword', 'something else entirely');
    expect((await h.call('/settings/password-required', { method: 'POST', body: mismatch, cookie })).status).toBe(400);
    const form = new FormData();
    form.set('newPassword', MINE);
    form.set('confirmPassword', MINE);
    const saved = await h.call('/settings/password-required', { method: 'POST', body: form, cookie });
    expect(saved.status).toBe(302);
    expect(saved.headers.get('location')).toBe('/home');
    expect((await h.call('/home', { cookie: cookieFrom(saved) })).status).toBe(200);
    // Back on the page once nothing is required: to Settings.
    expect((await h.call('/settings/password-required', { cookie: cookieFrom(saved) })).headers.get('location')).toBe('/settings');

    const { temporaryPassword: second } = await actOk(h, op.cookie, target.user.id, 'temporary-password');
    expect(second).not.toBe(temporaryPassword);
    const other = await h.login(target.email, second ?? '');
    expect((await h.call('/api/v1/auth/logout', { method: 'POST', cookie: other })).status).toBe(200);
    expect((await login(h, target.email, MINE)).status).toBe(401);
  });

  it("needs an owner for an operator's account, and refuses a blocked one", async () => {
    const h = Harness.init();
    const op = await manager(h);
    const otherAdmin = await h.userWithRole('admin', ['users.manage']);
    const owner = await h.userWithRole('owner');
    const byAdmin = await act(h, op.cookie, otherAdmin.id, 'temporary-password');
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.temporaryPassword).toBeUndefined();
    expect((await act(h, owner.cookie, otherAdmin.id, 'temporary-password')).status).toBe(200);
    expect((await act(h, op.cookie, op.id, 'temporary-password')).status).toBe(403);
    const athlete = await h.signup();
    await actOk(h, op.cookie, athlete.user.id, 'block');
    expect((await act(h, op.cookie, athlete.user.id, 'temporary-password')).status).toBe(409);
    expect((await act(h, op.cookie, athlete.user.id, 'password-reset')).status).toBe(409);
  });
});

describe('password reset mail on the user’s behalf', () => {
  it('mails the ordinary reset link; neither the response nor the audit holds the token', async () => {
    const h = Harness.init();
    const op = await manager(h);
    const target = await h.signup();
    const sent = await act(h, op.cookie, target.user.id, 'password-reset');
    expect(sent.status).toBe(200);
    const token = resetTokenFrom(await waitForEmail(target.email));
    expect(JSON.stringify(sent.body)).not.toContain(token);
    const audit = (await h.auditFor('user', target.user.id)).filter((a) => a.action === 'operator.password_reset_sent');
    expect(audit).toEqual([expect.objectContaining({ actorId: op.id, payload: expect.objectContaining({ reason: REASON }) })]);
    expect(JSON.stringify(audit)).not.toContain(token);
    const reset = await h.call('/api/v1/auth/password/reset', { body: { token, password: MINE } });
    expect(reset.status).toBe(200);
    expect((await login(h, target.email, MINE)).status).toBe(200);
  });
});
