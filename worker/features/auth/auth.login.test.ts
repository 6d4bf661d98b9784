import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../db/schema';
import { hashPassword } from './password';
import { Harness, PASSWORD, cookieFrom, expectErrorShape, uniqueEmail } from '../../testing/harness';

describe('POST /api/v1/auth/login', () => {
  it('signs in and rotates the session id', async () => {
    const h = Harness.init();
    const { email, cookie: signupCookie } = await h.signup();
    const res = await h.call('/api/v1/auth/login', { body: { email: email.toUpperCase(), password: PASSWORD }, cookie: signupCookie });
    expect(res.status).toBe(200);
    const fresh = cookieFrom(res);
    expect(fresh).not.toBe(signupCookie);
    expect((await h.call('/api/v1/me', { cookie: fresh })).status).toBe(200);
    // The session presented at login is gone: a fixed session can never be promoted.
    expect((await h.call('/api/v1/me', { cookie: signupCookie })).status).toBe(401);
  });

  it('redoes a hash made with fewer rounds than the deployment’s at the next sign-in', async () => {
    const h = Harness.init();
    const { user, email } = await h.signup();
    const rounds = (hash: string) => Number(hash.split('$')[1]);
    const [made] = await h.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(rounds(made!.hash)).toBe(h.env.PASSWORD_ITERATIONS);
    await h.db
      .update(users)
      .set({ passwordHash: await hashPassword(PASSWORD, h.env.PASSWORD_ITERATIONS - 1) })
      .where(eq(users.id, user.id));
    expect((await h.call('/api/v1/auth/login', { body: { email, password: PASSWORD } })).status).toBe(200);
    const [redone] = await h.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    expect(rounds(redone!.hash)).toBe(h.env.PASSWORD_ITERATIONS);
    expect((await h.call('/api/v1/auth/login', { body: { email, password: PASSWORD } })).status).toBe(200);
  });

  it('answers the same for a wrong password and an unknown account', async () => {
    const h = Harness.init();
    const { email } = await h.signup();
    const wrong = await h.json<{ error: { message: string } }>('/api/v1/auth/login', { body: { email, password: 'not the password' } });
    const unknown = await h.json<{ error: { message: string } }>('/api/v1/auth/login', {
      body: { email: uniqueEmail(), password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expectErrorShape(wrong.body, 'INVALID_CREDENTIALS');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });

  it('locks an account after repeated failures, with exponential back-off', async () => {
    const h = Harness.init();
    const { email } = await h.signup();
    for (let i = 0; i < 5; i++) {
      const r = await h.call('/api/v1/auth/login', { body: { email, password: `wrong-${i}-password` } });
      expect(r.status).toBe(401);
    }
    // Even the right password is refused while locked.
    const locked = await h.json('/api/v1/auth/login', { body: { email, password: PASSWORD } });
    expect(locked.status).toBe(429);
    expectErrorShape(locked.body, 'RATE_LIMITED');
    const retryAfter = Number(locked.res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(30);
  });

  it('locks an unknown account the same way (no enumeration through lockout)', async () => {
    const h = Harness.init();
    const email = uniqueEmail();
    for (let i = 0; i < 5; i++) await h.call('/api/v1/auth/login', { body: { email, password: 'whatever-wrong' } });
    const locked = await h.json('/api/v1/auth/login', { body: { email, password: 'whatever-wrong' } });
    expect(locked.status).toBe(429);
  });

  it('throttles a single IP across many accounts', async () => {
    const h = Harness.init();
    for (let i = 0; i < 20; i++) await h.call('/api/v1/auth/login', { body: { email: uniqueEmail(), password: 'spray-password' } });
    const { email } = await h.signup();
    const locked = await h.json('/api/v1/auth/login', { body: { email, password: PASSWORD } });
    expect(locked.status).toBe(429);
  });

  it('validates input', async () => {
    const h = Harness.init();
    const { status, body } = await h.json('/api/v1/auth/login', { body: { email: 'not-an-email' } });
    expect(status).toBe(400);
    expectErrorShape(body, 'VALIDATION');
  });
});

describe('POST /api/v1/auth/logout and /logout-all', () => {
  it('logout ends this session and clears the cookie', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    const res = await h.call('/api/v1/auth/logout', { method: 'POST', cookie });
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().join()).toMatch(/cadence_session=;.*Max-Age=0/);
    expect((await h.call('/api/v1/me', { cookie })).status).toBe(401);
  });

  it('logout needs a session', async () => {
    const h = Harness.init();
    const { status, body } = await h.json('/api/v1/auth/logout', { method: 'POST' });
    expect(status).toBe(401);
    expectErrorShape(body, 'UNAUTHENTICATED');
  });

  it('logout-all ends every session of the account and audits it', async () => {
    const h = Harness.init();
    const { user, email, cookie: a } = await h.signup();
    const b = await h.login(email, PASSWORD);
    const res = await h.json<{ revoked: number }>('/api/v1/auth/logout-all', { method: 'POST', cookie: b });
    expect(res.status).toBe(200);
    expect(res.body.revoked).toBe(2);
    expect((await h.call('/api/v1/me', { cookie: a })).status).toBe(401);
    expect((await h.call('/api/v1/me', { cookie: b })).status).toBe(401);
    expect((await h.auditFor('user', user.id)).map((x) => x.action)).toContain('sessions.revoked_all');
  });

  it('logout-all leaves other users alone', async () => {
    const h = Harness.init();
    const alice = await h.signup();
    const bob = await h.signup();
    await h.call('/api/v1/auth/logout-all', { method: 'POST', cookie: alice.cookie });
    expect((await h.call('/api/v1/me', { cookie: bob.cookie })).status).toBe(200);
  });
});
