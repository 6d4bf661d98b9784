import { describe, expect, it } from 'vitest';
import { Harness, PASSWORD, expectErrorShape, uniqueEmail } from '../../testing/harness';

const register = (h: Harness, body: Record<string, unknown>) => h.json('/api/v1/auth/register', { body });
const valid = async (h: Harness, extra: Record<string, unknown> = {}) => ({
  email: uniqueEmail(),
  password: PASSWORD,
  inviteCode: await h.createInvite(),
  displayName: 'Ada',
  ...extra,
});

describe('POST /api/v1/auth/register', () => {
  it('creates the account, starts a session and audits the invite use', async () => {
    const h = Harness.init();
    const input = await valid(h);
    const { status, body, res } = await register(h, input);
    expect(status).toBe(201);
    const user = (body as { user: { id: string; email: string; role: string } }).user;
    expect(user.email).toBe(input.email);
    expect(user.role).toBe('athlete');
    const cookie = res.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/cadence_session=[A-Za-z0-9_-]{40,}/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');

    const audits = await h.auditFor('user', user.id);
    expect(audits.map((a) => a.action)).toContain('user.registered');
    const me = await h.json<{ user: { id: string } }>('/api/v1/me', { cookie: cookie.split(';')[0] });
    expect(me.body.user.id).toBe(user.id);
  });

  it('records who used the invite and when', async () => {
    const h = Harness.init();
    const input = await valid(h);
    const { body } = await register(h, input);
    const userId = (body as { user: { id: string } }).user.id;
    const rows = await h.db.execute<{ action: string; payload: { userId: string } }>(
      `select a.action, a.payload from audit_log a join invites i on i.id::text = a.target_id where i.code = '${input.inviteCode}'`,
    );
    expect(rows.rows).toEqual([expect.objectContaining({ action: 'invite.redeemed', payload: expect.objectContaining({ userId }) })]);
  });

  it('refuses a missing invite code with a validation error', async () => {
    const h = Harness.init();
    const { inviteCode: _, ...input } = await valid(h);
    const { status, body } = await register(h, input);
    expect(status).toBe(400);
    expectErrorShape(body, 'VALIDATION');
  });

  it.each([
    ['unknown', async (h: Harness) => 'NOPE-NOPE'],
    ['expired', async (h: Harness) => h.createInvite({ expiresAt: new Date(Date.now() - 1000) })],
    ['revoked', async (h: Harness) => h.createInvite({ revoked: true })],
  ])('refuses an %s invite and creates nothing', async (_label, make) => {
    const h = Harness.init();
    const input = await valid(h, { inviteCode: await make(h) });
    const { status, body } = await register(h, input);
    expect(status).toBe(400);
    expectErrorShape(body, 'INVITE_INVALID');
    const login = await h.call('/api/v1/auth/login', { body: { email: input.email, password: PASSWORD } });
    expect(login.status).toBe(401);
  });

  it('a single-use invite admits exactly one account', async () => {
    const h = Harness.init();
    const code = await h.createInvite({ maxUses: 1 });
    const first = await register(h, await valid(h, { inviteCode: code }));
    const second = await register(h, await valid(h, { inviteCode: code }));
    expect(first.status).toBe(201);
    expect(second.status).toBe(400);
    expectErrorShape(second.body, 'INVITE_INVALID');
  });

  it('a multi-use invite is never overdrawn by concurrent signups', async () => {
    const h = Harness.init();
    const code = await h.createInvite({ maxUses: 2 });
    const inputs = await Promise.all([1, 2, 3, 4, 5].map(() => valid(h, { inviteCode: code })));
    const results = await Promise.all(inputs.map((i) => register(h, i)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 400)).toHaveLength(3);
  });

  it('codes are matched case-insensitively', async () => {
    const h = Harness.init();
    const code = await h.createInvite();
    const { status } = await register(h, await valid(h, { inviteCode: ` ${code.toLowerCase()} ` }));
    expect(status).toBe(201);
  });

  it.each([
    ['too short', 'short1!'],
    ['common', 'password1234'],
    ['common with suffix', 'Qwertyuiop123!'],
    ['one repeated character', 'aaaaaaaaaaaa'],
  ])('refuses a %s password', async (_label, password) => {
    const h = Harness.init();
    const { status, body } = await register(h, await valid(h, { password }));
    expect(status).toBe(400);
    expect(['VALIDATION', 'WEAK_PASSWORD']).toContain((body as { error: { code: string } }).error.code);
  });

  it('refuses a password over 256 characters', async () => {
    const h = Harness.init();
    const { status, body } = await register(h, await valid(h, { password: 'x1'.repeat(129) }));
    expect(status).toBe(400);
    expectErrorShape(body, 'VALIDATION');
  });

  it('refuses a taken email (any case) and does not use up the invite', async () => {
    const h = Harness.init();
    const { email } = await h.signup();
    const code = await h.createInvite({ maxUses: 1 });
    const dup = await register(h, await valid(h, { email: email.toUpperCase(), inviteCode: code }));
    expect(dup.status).toBe(409);
    expectErrorShape(dup.body, 'EMAIL_TAKEN');
    const fresh = await register(h, await valid(h, { inviteCode: code }));
    expect(fresh.status).toBe(201);
  });

  it('rejects malformed JSON with the error shape', async () => {
    const h = Harness.init();
    const { status, body } = await h.json('/api/v1/auth/register', { body: '{not json' });
    expect(status).toBe(400);
    expect((body as { error: { requestId: string } }).error.requestId).toBeTruthy();
  });
});
