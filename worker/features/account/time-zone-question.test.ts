import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password';
import { Harness, PASSWORD, expectErrorShape, uniqueEmail } from '../../testing/harness';

// Issue 37: an account on the old UTC default is asked once whether to use the device's zone;
// either answer goes through PATCH /api/v1/me and is remembered on the account (time_zone_confirmed_at).
type Me = { user: { timeZone: string; timeZoneConfirmed: boolean } };

describe('the "use your device\'s time zone?" question', () => {
  it('is open for an account that never chose a zone, and closed once it chose one at signup', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    expect((await h.json<Me>('/api/v1/me', { cookie })).body.user).toMatchObject({ timeZone: 'UTC', timeZoneConfirmed: false });

    const inviteCode = await h.createInvite();
    const res = await h.call('/api/v1/auth/register', {
      body: { email: uniqueEmail(), password: PASSWORD, inviteCode, displayName: 'Zoe', timeZone: 'Europe/Paris' },
    });
    expect(res.status).toBe(201);
    const chose = await h.json<Me>('/api/v1/me', { cookie: res.headers.getSetCookie()[0]!.split(';')[0]! });
    expect(chose.body.user).toMatchObject({ timeZone: 'Europe/Paris', timeZoneConfirmed: true });
  });

  it('"Use it" sets the zone and stops the question', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    const res = await h.json<Me>('/api/v1/me', { method: 'PATCH', body: { timeZone: 'Europe/Paris' }, cookie });
    expect(res.status).toBe(200);
    expect((await h.json<Me>('/api/v1/me', { cookie })).body.user).toMatchObject({ timeZone: 'Europe/Paris', timeZoneConfirmed: true });
  });

  it('"Keep UTC" keeps the zone and stops the question', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    const res = await h.json<Me>('/api/v1/me', { method: 'PATCH', body: { timeZoneConfirmed: true }, cookie });
    expect(res.status).toBe(200);
    expect((await h.json<Me>('/api/v1/me', { cookie })).body.user).toMatchObject({ timeZone: 'UTC', timeZoneConfirmed: true });
  });

  it.each([[{ timeZone: 'Europe/Atlantis' }], [{ timeZoneConfirmed: false }], [{ timeZoneConfirmed: 'yes' }]])(
    'refuses %j with 400 and leaves the question open',
    async (patch) => {
      const h = Harness.init();
      const { cookie } = await h.signup();
      const res = await h.json('/api/v1/me', { method: 'PATCH', body: patch, cookie });
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 'VALIDATION');
      expect((await h.json<Me>('/api/v1/me', { cookie })).body.user).toMatchObject({ timeZone: 'UTC', timeZoneConfirmed: false });
    },
  );

  it('cannot be answered by the read-only demo account', async () => {
    const h = Harness.init();
    const email = uniqueEmail('demo');
    const r = await h.db.execute(sql`
      INSERT INTO users (email, password_hash, display_name, role)
      VALUES (${email}, ${await hashPassword(PASSWORD)}, 'Demo Viewer', 'demo') RETURNING id`);
    const id = (r.rows[0] as { id: string }).id;
    const cookie = await h.login(email, PASSWORD);
    for (const body of [{ timeZone: 'Europe/Paris' }, { timeZoneConfirmed: true }]) {
      const res = await h.json('/api/v1/me', { method: 'PATCH', body, cookie });
      expect(res.status).toBe(403);
    }
    const row = await h.db.execute(sql`SELECT time_zone, time_zone_confirmed_at FROM users WHERE id = ${id}`);
    expect(row.rows[0]).toMatchObject({ time_zone: 'UTC', time_zone_confirmed_at: null });
  });
});
