import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../lib/crypto';
import { passwordResetTokens } from '../../db/schema';
import { Harness, PASSWORD, expectErrorShape, uniqueEmail } from '../../testing/harness';
import { emailsTo, resetTokenFrom, waitForEmail } from '../../testing/outbox';

const NEW_PASSWORD = 'a brand new long passphrase';

describe('password reset', () => {
  it('emails a one-time link that sets a new password and signs out everywhere', async () => {
    const h = Harness.init();
    const { user, email, cookie } = await h.signup();
    const forgot = await h.call('/api/v1/auth/password/forgot', { body: { email } });
    expect(forgot.status).toBe(202);
    const mail = await waitForEmail(email);
    expect(mail.subject).toContain('Reset');
    expect(mail.text).toContain('http://cadence.test/reset-password?token=');
    const token = resetTokenFrom(mail);

    const reset = await h.call('/api/v1/auth/password/reset', { body: { token, password: NEW_PASSWORD } });
    expect(reset.status).toBe(200);
    expect((await h.call('/api/v1/me', { cookie })).status).toBe(401);
    expect((await h.call('/api/v1/auth/login', { body: { email, password: PASSWORD } })).status).toBe(401);
    expect((await h.call('/api/v1/auth/login', { body: { email, password: NEW_PASSWORD } })).status).toBe(200);

    const again = await h.json('/api/v1/auth/password/reset', { body: { token, password: 'another new passphrase' } });
    expect(again.status).toBe(400);
    expectErrorShape(again.body, 'TOKEN_INVALID');
    expect((await h.auditFor('user', user.id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['password.reset_requested', 'password.reset']),
    );
  });

  it('answers the same for an unknown email and sends nothing', async () => {
    const h = Harness.init();
    const email = uniqueEmail();
    const res = await h.json('/api/v1/auth/password/forgot', { body: { email } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(await emailsTo(email)).toHaveLength(0);
  });

  it('refuses an expired token', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const token = 'expired-token-0123456789abcdefghij';
    await h.db
      .insert(passwordResetTokens)
      .values({ tokenHash: await sha256Hex(token), userId: user.id, expiresAt: new Date(Date.now() - 60_000) });
    const res = await h.json('/api/v1/auth/password/reset', { body: { token, password: NEW_PASSWORD } });
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 'TOKEN_INVALID');
  });

  it('refuses a weak new password without using up the flow', async () => {
    const h = Harness.init();
    const { email } = await h.signup();
    await h.call('/api/v1/auth/password/forgot', { body: { email } });
    const token = resetTokenFrom(await waitForEmail(email));
    const weak = await h.json('/api/v1/auth/password/reset', { body: { token, password: 'short' } });
    expect(weak.status).toBe(400);
    expectErrorShape(weak.body, 'VALIDATION');
  });

  it('validates input', async () => {
    const h = Harness.init();
    const forgot = await h.json('/api/v1/auth/password/forgot', { body: {} });
    expect(forgot.status).toBe(400);
    expectErrorShape(forgot.body, 'VALIDATION');
    const reset = await h.json('/api/v1/auth/password/reset', { body: { token: 'x' } });
    expect(reset.status).toBe(400);
    expectErrorShape(reset.body, 'VALIDATION');
  });
});
