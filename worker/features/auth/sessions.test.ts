import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../db/schema';
import { Harness, expectErrorShape } from '../../testing/harness';
import { serializeSessionCookie } from './session-cookie';

describe('sessions', () => {
  it('sets HttpOnly, SameSite=Lax cookies; Secure with the __Host- prefix outside local dev', () => {
    const local = serializeSessionCookie('tok', { secure: false });
    expect(local).toMatch(/^cadence_session=tok; Path=\/; HttpOnly; SameSite=Lax; Max-Age=2592000$/);
    const prod = serializeSessionCookie('tok', { secure: true });
    expect(prod).toMatch(/^__Host-cadence_session=tok;.*HttpOnly.*SameSite=Lax.*Secure/);
  });

  it('stores only a hash of the session id', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const token = cookie.split('=')[1] ?? '';
    const rows = await h.db.select({ tokenHash: sessions.tokenHash }).from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).not.toContain(token);
    expect(rows[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an expired session is refused', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    await h.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id));
    const res = await h.json('/api/v1/me', { cookie });
    expect(res.status).toBe(401);
    expectErrorShape(res.body, 'UNAUTHENTICATED');
  });

  it('slides the expiry forward when used', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const soon = new Date(Date.now() + 3600_000);
    await h.db
      .update(sessions)
      .set({ expiresAt: soon, lastSeenAt: new Date(Date.now() - 2 * 3600_000) })
      .where(eq(sessions.userId, user.id));
    expect((await h.call('/api/v1/me', { cookie })).status).toBe(200);
    const [row] = await h.db.select({ expiresAt: sessions.expiresAt }).from(sessions).where(eq(sessions.userId, user.id));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
  });

  it('rotates the session id after a privilege change', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const admin = await h.userWithRole('admin');
    const grant = await h.call(`/api/v1/admin/users/${admin.id}/permissions/invites.manage`, { method: 'PUT', cookie: owner.cookie });
    expect(grant.status).toBe(200);

    const res = await h.call('/api/v1/me', { cookie: admin.cookie });
    expect(res.status).toBe(200);
    const rotated = res.headers.getSetCookie().find((c) => c.startsWith('cadence_session='));
    expect(rotated).toBeDefined();
    const fresh = rotated!.split(';')[0]!;
    expect(fresh).not.toBe(admin.cookie);
    expect((await h.call('/api/v1/me', { cookie: admin.cookie })).status).toBe(401);
    expect((await h.call('/api/v1/me', { cookie: fresh })).status).toBe(200);
  });

  it('ignores a cookie that is not one of ours', async () => {
    const h = Harness.init();
    const res = await h.json('/api/v1/me', { cookie: 'cadence_session=<script>' });
    expect(res.status).toBe(401);
  });
});

describe('CSRF origin check', () => {
  it('refuses a cross-origin state-changing request', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    const res = await h.json('/api/v1/auth/logout', { method: 'POST', cookie, headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
    expectErrorShape(res.body, 'CSRF');
    expect((await h.call('/api/v1/me', { cookie })).status).toBe(200);
  });

  it('refuses a cookie-authenticated POST with neither Origin nor Sec-Fetch-Site', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    const res = await h.call('/api/v1/auth/logout', { method: 'POST', cookie, headers: { origin: '' } });
    // An empty Origin header counts as absent.
    expect([403]).toContain(res.status);
  });

  it('refuses a cross-site login (login CSRF)', async () => {
    const h = Harness.init();
    const { email, password } = await h.signup();
    const res = await h.call('/api/v1/auth/login', { body: { email, password }, headers: { origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('accepts same-origin requests marked by Sec-Fetch-Site', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    const res = await h.call('/api/v1/auth/logout', { method: 'POST', cookie, headers: { 'sec-fetch-site': 'same-origin', origin: '' } });
    expect(res.status).toBe(200);
  });
});
