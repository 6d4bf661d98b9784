// Changing the sign-in address (ADR 040), through the API as a client would: the password gate and its
// throttle, the link to the new inbox (nothing changes before it is opened), confirmation (sessions revoked,
// this one re-issued, the old inbox told), expired, reused and replaced links, undo within and after 72 h,
// two accounts racing for one address, and impersonation refused at every step.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailChanges } from '../../db/schema';
import { Harness, PASSWORD, cookieFrom, expectErrorShape, uniqueEmail } from '../../testing/harness';
import { emailsTo, type OutboxEmail, waitForEmail } from '../../testing/outbox';
import { impersonating } from '../impersonation/impersonation.testing';

const CHANGE = '/api/v1/me/email-change';
const CONFIRM = '/api/v1/auth/email-change/confirm';
const UNDO = '/api/v1/auth/email-change/undo';

const linkToken = (mail: OutboxEmail, page: 'confirm' | 'undo') => {
  const m = new RegExp(`/account/email/${page}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!m?.[1]) throw new Error(`no ${page} link in the email`);
  return m[1];
};

/** An athlete signed in twice (this device and another), who asked to move to a fresh address. */
async function asked(h: Harness, newEmail = uniqueEmail('new')) {
  const me = await h.signup();
  const otherDevice = await h.login(me.email, PASSWORD);
  const res = await h.json<{ pending: { newEmail: string } }>(CHANGE, { cookie: me.cookie, body: { newEmail, password: PASSWORD } });
  expect(res.status).toBe(202);
  expect(res.body.pending.newEmail).toBe(newEmail);
  const token = linkToken(await waitForEmail(newEmail), 'confirm');
  return { ...me, otherDevice, newEmail, token };
}

const status = async (h: Harness, cookie: string) => (await h.call('/api/v1/me', { cookie })).status;

describe('email change', () => {
  it('changes nothing until the new inbox confirms; then moves the address, ends other sessions, re-issues this one and tells the old inbox', async () => {
    const h = Harness.init();
    const a = await asked(h);
    // Pending: the old address still signs in, the new one does not, and Settings shows the change waiting.
    expect((await h.call('/api/v1/auth/login', { body: { email: a.newEmail, password: PASSWORD } })).status).toBe(401);
    const pending = await h.json<{ pending: { newEmail: string; expiresAt: string } | null }>(CHANGE, { cookie: a.cookie });
    expect(pending.body.pending?.newEmail).toBe(a.newEmail);
    const hours = (Date.parse(pending.body.pending!.expiresAt) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    expect(await emailsTo(a.email)).toHaveLength(0);
    // The token is stored hashed only.
    const [row] = await h.db.select().from(emailChanges).where(eq(emailChanges.userId, a.user.id));
    expect(row!.confirmTokenHash).not.toContain(a.token);
    expect(row!.confirmTokenHash).toMatch(/^[0-9a-f]{64}$/);

    const res = await h.json<{ email: string }>(CONFIRM, { cookie: a.cookie, body: { token: a.token } });
    expect(res.status).toBe(200);
    expect(res.body.email).toBe(a.newEmail);
    const reissued = cookieFrom(res.res);
    expect(reissued).not.toBe(a.cookie);
    expect(await status(h, reissued)).toBe(200);
    expect(await status(h, a.cookie)).toBe(401);
    expect(await status(h, a.otherDevice)).toBe(401);
    expect((await h.call('/api/v1/auth/login', { body: { email: a.email, password: PASSWORD } })).status).toBe(401);
    expect((await h.call('/api/v1/auth/login', { body: { email: a.newEmail, password: PASSWORD } })).status).toBe(200);

    const notice = await waitForEmail(a.email);
    expect(notice.subject).toContain('changed');
    expect(notice.text).toContain(a.newEmail);
    linkToken(notice, 'undo');
    expect((await h.auditFor('user', a.user.id)).map((r) => r.action)).toEqual(
      expect.arrayContaining(['email.change_requested', 'email.changed']),
    );
    const [undoRow] = await h.db.select().from(emailChanges).where(eq(emailChanges.userId, a.user.id));
    expect(undoRow!.undoTokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a reused, an expired, a replaced and a cancelled link with TOKEN_INVALID', async () => {
    const h = Harness.init();
    const a = await asked(h);
    expect((await h.json(CONFIRM, { body: { token: a.token } })).status).toBe(200);
    const reused = await h.json(CONFIRM, { body: { token: a.token } });
    expect(reused.status).toBe(400);
    expectErrorShape(reused.body, 'TOKEN_INVALID');
    expect((reused.body as { error: { message: string } }).error.message).toMatch(/already used/);

    const b = await asked(h);
    await h.db
      .update(emailChanges)
      .set({ confirmExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(emailChanges.userId, b.user.id));
    const expired = await h.json(CONFIRM, { body: { token: b.token } });
    expect(expired.status).toBe(400);
    expectErrorShape(expired.body, 'TOKEN_INVALID');
    expect((expired.body as { error: { message: string } }).error.message).toMatch(/expired/);
    expect((await h.call('/api/v1/auth/login', { body: { email: b.email, password: PASSWORD } })).status).toBe(200);

    // Resend: a new link, the previous one dead (once the minute between sends has passed).
    const c = await asked(h);
    const tooSoon = await h.json(`${CHANGE}/resend`, { cookie: c.cookie, method: 'POST' });
    expect(tooSoon.status).toBe(429);
    expectErrorShape(tooSoon.body, 'RATE_LIMITED');
    await h.db
      .update(emailChanges)
      .set({ lastSentAt: new Date(Date.now() - 120_000) })
      .where(eq(emailChanges.userId, c.user.id));
    expect((await h.call(`${CHANGE}/resend`, { cookie: c.cookie, method: 'POST' })).status).toBe(202);
    const mails = await emailsTo(c.newEmail);
    expect(mails).toHaveLength(2);
    const fresh = mails.map((m) => linkToken(m, 'confirm')).find((t) => t !== c.token)!;
    expectErrorShape((await h.json(CONFIRM, { body: { token: c.token } })).body, 'TOKEN_INVALID');
    // Cancel: the fresh link dies too, and nothing is pending.
    expect((await h.call(CHANGE, { cookie: c.cookie, method: 'DELETE' })).status).toBe(200);
    expectErrorShape((await h.json(CONFIRM, { body: { token: fresh } })).body, 'TOKEN_INVALID');
    expect((await h.json(CHANGE, { cookie: c.cookie })).body).toEqual({ pending: null });
    expectErrorShape((await h.json(CONFIRM, { body: { token: 'x'.repeat(43) } })).body, 'TOKEN_INVALID');
  });

  it('asks for the right password, throttled like login; refuses an address in use and the current one', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const other = await h.signup();
    const newEmail = uniqueEmail('new');
    const wrong = await h.json(CHANGE, { cookie: me.cookie, body: { newEmail, password: 'not my password at all' } });
    expect(wrong.status).toBe(400);
    expectErrorShape(wrong.body, 'VALIDATION');
    expect(wrong.body).toMatchObject({ error: { fields: [{ path: 'password' }] } });
    for (let i = 0; i < 4; i++) await h.call(CHANGE, { cookie: me.cookie, body: { newEmail, password: `wrong ${i}` } });
    const locked = await h.json(CHANGE, { cookie: me.cookie, body: { newEmail, password: PASSWORD } });
    expect(locked.status).toBe(429);
    expectErrorShape(locked.body, 'RATE_LIMITED');
    expect(await emailsTo(newEmail)).toHaveLength(0);

    const taken = await h.json(CHANGE, { cookie: other.cookie, body: { newEmail: me.email.toUpperCase(), password: PASSWORD } });
    expect(taken.status).toBe(409);
    expectErrorShape(taken.body, 'EMAIL_TAKEN');
    const same = await h.json(CHANGE, { cookie: other.cookie, body: { newEmail: other.email, password: PASSWORD } });
    expect(same.status).toBe(400);
    expectErrorShape(same.body, 'VALIDATION');
    const invalid = await h.json(CHANGE, { cookie: other.cookie, body: { newEmail: 'not-an-address', password: PASSWORD } });
    expect(invalid.status).toBe(400);
    expect((await h.json(CHANGE, { body: { newEmail, password: PASSWORD } })).status).toBe(401);
  });

  it('undo within 72 h puts the old address back and ends every session; after 72 h the link is refused', async () => {
    const h = Harness.init();
    const a = await asked(h);
    const confirmed = await h.json(CONFIRM, { cookie: a.cookie, body: { token: a.token } });
    const session = cookieFrom(confirmed.res);
    const undoToken = linkToken(await waitForEmail(a.email), 'undo');
    const [row] = await h.db.select().from(emailChanges).where(eq(emailChanges.userId, a.user.id));
    expect((row!.undoExpiresAt!.getTime() - row!.confirmedAt!.getTime()) / 3600_000).toBe(72);

    const undone = await h.json<{ email: string }>(UNDO, { body: { token: undoToken } });
    expect(undone.status).toBe(200);
    expect(undone.body.email).toBe(a.email);
    expect(await status(h, session)).toBe(401);
    expect((await h.call('/api/v1/auth/login', { body: { email: a.email, password: PASSWORD } })).status).toBe(200);
    expect((await h.call('/api/v1/auth/login', { body: { email: a.newEmail, password: PASSWORD } })).status).toBe(401);
    expectErrorShape((await h.json(UNDO, { body: { token: undoToken } })).body, 'TOKEN_INVALID');
    expect((await h.auditFor('user', a.user.id)).map((r) => r.action)).toContain('email.change_undone');

    const b = await asked(h);
    await h.json(CONFIRM, { body: { token: b.token } });
    const late = linkToken(await waitForEmail(b.email), 'undo');
    await h.db
      .update(emailChanges)
      .set({ undoExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(emailChanges.userId, b.user.id));
    const refused = await h.json(UNDO, { body: { token: late } });
    expect(refused.status).toBe(400);
    expectErrorShape(refused.body, 'TOKEN_INVALID');
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/expired/);
    expect((await h.call('/api/v1/auth/login', { body: { email: b.newEmail, password: PASSWORD } })).status).toBe(200);
  });

  it('two accounts confirming one address at once: one gets it, the other a 409, never a 500', async () => {
    const h = Harness.init();
    const contested = uniqueEmail('contested');
    const a = await asked(h, contested);
    const b = await h.signup();
    expect((await h.call(CHANGE, { cookie: b.cookie, body: { newEmail: contested, password: PASSWORD } })).status).toBe(202);
    const bToken = (await emailsTo(contested)).map((m) => linkToken(m, 'confirm')).find((t) => t !== a.token)!;
    const [ra, rb] = await Promise.all([h.json(CONFIRM, { body: { token: a.token } }), h.json(CONFIRM, { body: { token: bToken } })]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    expectErrorShape((ra.status === 409 ? ra : rb).body, 'EMAIL_TAKEN');
    const winner = ra.status === 200 ? a.email : b.email;
    const loser = ra.status === 200 ? b.email : a.email;
    expect((await h.call('/api/v1/auth/login', { body: { email: contested, password: PASSWORD } })).status).toBe(200);
    expect((await h.call('/api/v1/auth/login', { body: { email: winner, password: PASSWORD } })).status).toBe(401);
    expect((await h.call('/api/v1/auth/login', { body: { email: loser, password: PASSWORD } })).status).toBe(200);
  });

  it('is refused to an impersonation: asking, resending, cancelling, confirming and undoing', async () => {
    const h = Harness.init();
    const { both, target } = await impersonating(h);
    const body = { newEmail: uniqueEmail('imp'), password: PASSWORD };
    for (const [path, init] of [
      [CHANGE, { body }],
      [CHANGE, {}],
      [`${CHANGE}/resend`, { method: 'POST' }],
      [CHANGE, { method: 'DELETE' }],
      [CONFIRM, { body: { token: 'x'.repeat(43) } }],
      [UNDO, { body: { token: 'x'.repeat(43) } }],
    ] as const) {
      const res = await h.json(path, { cookie: both, ...init });
      expect(res.status, `${init && 'method' in init ? init.method : 'body' in init ? 'POST' : 'GET'} ${path}`).toBe(403);
      expectErrorShape(res.body, 'IMPERSONATION_BLOCKED');
    }
    expect(await emailsTo(body.newEmail)).toHaveLength(0);
    expect((await h.json(CHANGE, { cookie: target.cookie })).body).toEqual({ pending: null });
  });
});
