import { describe, expect, it } from 'vitest';
import { Harness, PASSWORD, expectErrorShape, uniqueEmail } from '../../testing/harness';

type Invite = { id: string; code: string; status: string; uses: number; maxUses: number; redemptions: { userId: string }[] };

describe('/api/v1/admin/invites', () => {
  it('an admin with invites.manage creates, lists and revokes invites, all audited', async () => {
    const h = Harness.init();
    const admin = await h.userWithRole('admin', ['invites.manage']);
    const created = await h.json<Invite>('/api/v1/admin/invites', {
      body: { maxUses: 3, expiresInDays: 7, note: 'club' },
      cookie: admin.cookie,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ maxUses: 3, uses: 0, status: 'active' });
    expect(created.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);

    const reg = await h.json<{ user: { id: string } }>('/api/v1/auth/register', {
      body: { email: uniqueEmail(), password: PASSWORD, inviteCode: created.body.code, displayName: 'New' },
    });
    expect(reg.status).toBe(201);

    const list = await h.json<{ invites: Invite[] }>('/api/v1/admin/invites', { cookie: admin.cookie });
    const listed = list.body.invites.find((i) => i.id === created.body.id)!;
    expect(listed.uses).toBe(1);
    expect(listed.redemptions.map((r) => r.userId)).toEqual([reg.body.user.id]);

    const revoked = await h.json<Invite>(`/api/v1/admin/invites/${created.body.id}/revoke`, { method: 'POST', cookie: admin.cookie });
    expect(revoked.body.status).toBe('revoked');
    const after = await h.json('/api/v1/auth/register', {
      body: { email: uniqueEmail(), password: PASSWORD, inviteCode: created.body.code, displayName: 'Late' },
    });
    expect(after.status).toBe(400);
    expect((await h.auditFor('invite', created.body.id)).map((a) => a.action)).toEqual([
      'invite.created',
      'invite.redeemed',
      'invite.revoked',
    ]);
  });

  it('the owner may manage invites without an explicit grant', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    expect((await h.call('/api/v1/admin/invites', { body: {}, cookie: owner.cookie })).status).toBe(201);
  });

  it('refuses a duplicate code', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const code = `DUP-${crypto.randomUUID().slice(0, 6)}`;
    expect((await h.call('/api/v1/admin/invites', { body: { code }, cookie: owner.cookie })).status).toBe(201);
    const dup = await h.json('/api/v1/admin/invites', { body: { code }, cookie: owner.cookie });
    expect(dup.status).toBe(409);
    expectErrorShape(dup.body, 'CONFLICT');
  });

  it('validates input', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    for (const body of [{ maxUses: 0 }, { expiresInDays: 1000 }, { code: 'no spaces allowed' }]) {
      const res = await h.json('/api/v1/admin/invites', { body, cookie: owner.cookie });
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 'VALIDATION');
    }
    expect((await h.call('/api/v1/admin/invites/not-a-uuid/revoke', { method: 'POST', cookie: owner.cookie })).status).toBe(400);
  });

  it('404s an unknown invite', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const res = await h.json(`/api/v1/admin/invites/${crypto.randomUUID()}/revoke`, { method: 'POST', cookie: owner.cookie });
    expect(res.status).toBe(404);
  });

  it('refuses anonymous callers, athletes, coaches and admins without the permission', async () => {
    const h = Harness.init();
    expect((await h.json('/api/v1/admin/invites')).status).toBe(401);
    for (const who of [await h.userWithRole('athlete'), await h.userWithRole('coach'), await h.userWithRole('admin')]) {
      const list = await h.json('/api/v1/admin/invites', { cookie: who.cookie });
      expect(list.status).toBe(403);
      expectErrorShape(list.body, 'FORBIDDEN');
      expect((await h.call('/api/v1/admin/invites', { body: {}, cookie: who.cookie })).status).toBe(403);
    }
  });
});
