import { describe, expect, it } from 'vitest';
import { Harness, PASSWORD, expectErrorShape } from '../../testing/harness';

type Me = { user: { id: string; units: string; timeZone: string; birthDate: string | null; sex: string | null; displayName: string } };

describe('GET /api/v1/me', () => {
  it('returns the signed-in user', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup({ displayName: 'Grace' });
    const res = await h.json<Me>('/api/v1/me', { cookie });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, displayName: 'Grace', units: 'km', timeZone: 'UTC' });
    expect(res.body.user).not.toHaveProperty('passwordHash');
  });

  it('needs a session', async () => {
    const h = Harness.init();
    const res = await h.json('/api/v1/me');
    expect(res.status).toBe(401);
    expectErrorShape(res.body, 'UNAUTHENTICATED');
  });
});

describe('PATCH /api/v1/me', () => {
  it('persists units, time zone, birth date and sex, and audits field names only', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const patch = { units: 'mi', timeZone: 'America/Denver', birthDate: '1980-04-02', sex: 'female' };
    const res = await h.json<Me>('/api/v1/me', { method: 'PATCH', body: patch, cookie });
    expect(res.status).toBe(200);
    const again = await h.json<Me>('/api/v1/me', { cookie });
    expect(again.body.user).toMatchObject(patch);
    const audit = (await h.auditFor('user', user.id)).find((a) => a.action === 'profile.updated');
    expect(audit?.payload).toEqual({ fields: ['units', 'timeZone', 'birthDate', 'sex'] });
    expect(JSON.stringify(audit)).not.toContain('1980-04-02');
  });

  it('clears optional fields with null', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    await h.call('/api/v1/me', { method: 'PATCH', body: { sex: 'male', birthDate: '1990-01-01' }, cookie });
    const res = await h.json<Me>('/api/v1/me', { method: 'PATCH', body: { sex: null, birthDate: null }, cookie });
    expect(res.body.user).toMatchObject({ sex: null, birthDate: null });
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }],
    [{ units: 'furlongs' }],
    [{ birthDate: '2999-01-01' }],
    [{ birthDate: '01/02/1990' }],
    [{ displayName: '' }],
    [{}],
  ])('refuses %j', async (patch) => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    const res = await h.json('/api/v1/me', { method: 'PATCH', body: patch, cookie });
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 'VALIDATION');
  });

  it('needs a session', async () => {
    const h = Harness.init();
    expect((await h.call('/api/v1/me', { method: 'PATCH', body: { units: 'mi' } })).status).toBe(401);
  });
});

describe('POST /api/v1/me/password', () => {
  it('changes the password and signs out the other sessions only', async () => {
    const h = Harness.init();
    const { email, cookie } = await h.signup();
    const other = await h.login(email, PASSWORD);
    const res = await h.call('/api/v1/me/password', {
      body: { currentPassword: PASSWORD, newPassword: 'my new secure passphrase' },
      cookie: other,
    });
    expect(res.status).toBe(200);
    expect((await h.call('/api/v1/me', { cookie: other })).status).toBe(200);
    expect((await h.call('/api/v1/me', { cookie })).status).toBe(401);
    expect((await h.call('/api/v1/auth/login', { body: { email, password: 'my new secure passphrase' } })).status).toBe(200);
  });

  it('refuses a wrong current password', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    const res = await h.json('/api/v1/me/password', {
      body: { currentPassword: 'wrong one here', newPassword: 'my new secure passphrase' },
      cookie,
    });
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 'VALIDATION');
  });

  it('needs a session', async () => {
    const h = Harness.init();
    expect((await h.call('/api/v1/me/password', { body: { currentPassword: 'a', newPassword: 'bbbbbbbbbbbbbbb' } })).status).toBe(401);
  });
});

describe('/api/v1/me/sessions', () => {
  it('lists your sessions and marks the current one', async () => {
    const h = Harness.init();
    const { email, cookie } = await h.signup();
    await h.login(email, PASSWORD);
    const res = await h.json<{ sessions: { id: string; current: boolean }[] }>('/api/v1/me/sessions', { cookie });
    expect(res.status).toBe(200);
    expect(res.body.sessions).toHaveLength(2);
    expect(res.body.sessions.filter((s) => s.current)).toHaveLength(1);
  });

  it('signs out one of your sessions', async () => {
    const h = Harness.init();
    const { email, cookie } = await h.signup();
    const other = await h.login(email, PASSWORD);
    const list = await h.json<{ sessions: { id: string; current: boolean }[] }>('/api/v1/me/sessions', { cookie });
    const target = list.body.sessions.find((s) => !s.current)!;
    expect((await h.call(`/api/v1/me/sessions/${target.id}`, { method: 'DELETE', cookie })).status).toBe(200);
    expect((await h.call('/api/v1/me', { cookie: other })).status).toBe(401);
  });

  it("answers 404 for another user's session and leaves it alone", async () => {
    const h = Harness.init();
    const alice = await h.signup();
    const bob = await h.signup();
    const bobs = await h.json<{ sessions: { id: string }[] }>('/api/v1/me/sessions', { cookie: bob.cookie });
    const res = await h.json(`/api/v1/me/sessions/${bobs.body.sessions[0]!.id}`, { method: 'DELETE', cookie: alice.cookie });
    expect(res.status).toBe(404);
    expectErrorShape(res.body, 'NOT_FOUND');
    expect((await h.call('/api/v1/me', { cookie: bob.cookie })).status).toBe(200);
  });

  it('validates the id and needs a session', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    expect((await h.call('/api/v1/me/sessions/not-a-uuid', { method: 'DELETE', cookie })).status).toBe(400);
    expect((await h.call('/api/v1/me/sessions')).status).toBe(401);
  });
});
