import { describe, expect, it } from 'vitest';
import { Harness, expectErrorShape } from '../../testing/harness';

describe('owner-only user administration', () => {
  it("changes a user's role, audited, and rotates their session", async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const target = await h.signup();
    const res = await h.call(`/api/v1/admin/users/${target.user.id}/role`, {
      method: 'PUT',
      body: { role: 'coach' },
      cookie: owner.cookie,
    });
    expect(res.status).toBe(200);
    expect((await h.userById(target.user.id))?.role).toBe('coach');
    const audit = (await h.auditFor('user', target.user.id)).find((a) => a.action === 'user.role_changed');
    expect(audit).toMatchObject({ actorId: owner.id, payload: { from: 'athlete', to: 'coach' } });
    const me = await h.call('/api/v1/me', { cookie: target.cookie });
    expect(me.headers.getSetCookie().some((c) => c.startsWith('cadence_session='))).toBe(true);
  });

  it('grants and revokes permissions (admins only), audited', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const admin = await h.userWithRole('admin');
    const athlete = await h.userWithRole('athlete');
    expect((await h.call(`/api/v1/admin/users/${admin.id}/permissions/audit.read`, { method: 'PUT', cookie: owner.cookie })).status).toBe(
      200,
    );
    expect(
      (await h.call(`/api/v1/admin/users/${admin.id}/permissions/audit.read`, { method: 'DELETE', cookie: owner.cookie })).status,
    ).toBe(200);
    expect((await h.auditFor('user', admin.id)).map((a) => a.action)).toEqual(['permission.granted', 'permission.revoked']);
    const bad = await h.json(`/api/v1/admin/users/${athlete.id}/permissions/audit.read`, { method: 'PUT', cookie: owner.cookie });
    expect(bad.status).toBe(400);
  });

  it('validates input and 404s unknown users', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const badRole = await h.json(`/api/v1/admin/users/${owner.id}/role`, { method: 'PUT', body: { role: 'king' }, cookie: owner.cookie });
    expect(badRole.status).toBe(400);
    expectErrorShape(badRole.body, 'VALIDATION');
    const badPerm = await h.call(`/api/v1/admin/users/${owner.id}/permissions/launch.missiles`, { method: 'PUT', cookie: owner.cookie });
    expect(badPerm.status).toBe(400);
    const unknown = await h.json(`/api/v1/admin/users/${crypto.randomUUID()}/role`, {
      method: 'PUT',
      body: { role: 'coach' },
      cookie: owner.cookie,
    });
    expect(unknown.status).toBe(404);
    const self = await h.json(`/api/v1/admin/users/${owner.id}/role`, { method: 'PUT', body: { role: 'athlete' }, cookie: owner.cookie });
    expect(self.status).toBe(403);
  });

  it('refuses everyone but the owner', async () => {
    const h = Harness.init();
    const target = await h.signup();
    expect((await h.call(`/api/v1/admin/users/${target.user.id}/role`, { method: 'PUT', body: { role: 'admin' } })).status).toBe(401);
    const admin = await h.userWithRole('admin', ['users.manage', 'invites.manage']);
    const res = await h.json(`/api/v1/admin/users/${target.user.id}/role`, {
      method: 'PUT',
      body: { role: 'admin' },
      cookie: admin.cookie,
    });
    expect(res.status).toBe(403);
    expect((await h.userById(target.user.id))?.role).toBe('athlete');
  });
});
