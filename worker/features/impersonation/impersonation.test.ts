// Owner-only, time-boxed impersonation: start, the separate cookie, resolution next to the owner's own
// session, expiry, tamper, wrong binding, rotation, no renewal, end, logout, and the audit trail.
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions, users } from '../../db/schema';
import { eventually } from '../../testing/eventually';
import { expectErrorShape, Harness } from '../../testing/harness';
import { bumpAuthVersion, IMP, impCookieFrom, impersonating, impRows, meOf, sessionSet } from './impersonation.testing';

const START = '/api/v1/admin/impersonation';

describe('starting an impersonation', () => {
  it('sets its own cookie (never the session cookie), resolves to the target, and audits the start', async () => {
    const h = Harness.init();
    const { owner, target, imp, both, res } = await impersonating(h);
    const set = res.headers.getSetCookie().find((c) => c.startsWith(`${IMP}=`)) ?? '';
    expect(set).toMatch(/HttpOnly/);
    expect(set).toMatch(/SameSite=Lax/);
    expect(set).toMatch(/Path=\//);
    expect(Number(/Max-Age=(\d+)/.exec(set)?.[1])).toBeLessThanOrEqual(1800);
    expect(sessionSet(res)).toBeUndefined();
    expect((await meOf(h, both)).id).toBe(target.id);
    expect((await meOf(h, owner.cookie)).id).toBe(owner.id);
    const state = await h.json<{ impersonating: { userId: string; impersonatorId: string; expiresAt: string } }>(
      '/api/v1/me/impersonation',
      {
        cookie: both,
      },
    );
    expect(state.body.impersonating).toMatchObject({ userId: target.id, impersonatorId: owner.id, displayName: 'Ann Runner' });
    expect(new Date(state.body.impersonating.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(1800_000);
    expect((await h.json('/api/v1/me/impersonation', { cookie: owner.cookie })).body).toEqual({ impersonating: null });
    // The token alone is no session, and without the owner's session it is nothing.
    expect((await meOf(h, `cadence_session=${imp.split('=')[1]}`)).status).toBe(401);
    expect((await meOf(h, imp)).status).toBe(401);
    const started = await h.auditFor('user', target.id);
    const row = started.find((a) => a.action === 'impersonation.started');
    expect(row?.actorId).toBe(owner.id);
    expect(row?.payload).toMatchObject({ reason: 'Support ticket 42' });
    expect(JSON.stringify(row?.payload)).not.toContain(imp.split('=')[1] ?? '-');
  });

  it('audits every request made while impersonating with both identities (reads included, no bodies)', async () => {
    const h = Harness.init();
    const { owner, target, both } = await impersonating(h);
    await h.call('/api/v1/me', { cookie: both });
    await h.call('/api/v1/me', { cookie: both, method: 'PATCH', body: { displayName: 'Ann R' } });
    const rows = await eventually(
      () => h.auditFor('user', target.id).then((r) => r.filter((a) => a.action === 'impersonation.request')),
      (r) => r.length >= 2,
    );
    expect(rows.every((r) => r.actorId === owner.id)).toBe(true);
    expect(rows.map((r) => r.payload)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ method: 'GET', route: '/api/v1/me', status: 200 }),
        expect.objectContaining({ method: 'PATCH', route: '/api/v1/me', status: 200 }),
      ]),
    );
    expect(JSON.stringify(rows)).not.toContain('Ann R"');
    // The owner's own requests are not impersonation requests.
    await h.call('/api/v1/me', { cookie: owner.cookie });
    const after = await h.auditFor('user', owner.id);
    expect(after.some((a) => a.action === 'impersonation.request')).toBe(false);
  });

  it('is owner-only, needs a reason, and refuses owners, yourself, unknown and blocked users', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const admin = await h.userWithRole('admin', ['users.manage', 'users.read']);
    const other = await h.userWithRole('owner');
    const athlete = await h.signup();
    const blocked = await h.signup();
    await h.db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, blocked.user.id));
    const cases: [string, unknown, number, string][] = [
      [admin.cookie, { userId: athlete.user.id, reason: 'x' }, 403, 'FORBIDDEN'],
      [athlete.cookie, { userId: athlete.user.id, reason: 'x' }, 403, 'FORBIDDEN'],
      [owner.cookie, { userId: athlete.user.id }, 400, 'VALIDATION'],
      [owner.cookie, { userId: athlete.user.id, reason: '   ' }, 400, 'VALIDATION'],
      [owner.cookie, { userId: athlete.user.id, reason: 'x'.repeat(501) }, 400, 'VALIDATION'],
      [owner.cookie, { userId: other.id, reason: 'x' }, 403, 'FORBIDDEN'],
      [owner.cookie, { userId: owner.id, reason: 'x' }, 400, 'BAD_REQUEST'],
      [owner.cookie, { userId: crypto.randomUUID(), reason: 'x' }, 404, 'NOT_FOUND'],
      [owner.cookie, { userId: blocked.user.id, reason: 'x' }, 409, 'CONFLICT'],
    ];
    for (const [cookie, body, status, code] of cases) {
      const r = await h.json(START, { cookie, body });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expectErrorShape(r.body, code);
      expect(impCookieFrom(r.res)).toBeNull();
    }
    expect(await impRows(h, owner.id)).toHaveLength(0);
  });

  it('cannot escalate: no second impersonation, no operator console, even when the target is an admin', async () => {
    const h = Harness.init();
    const { target, both } = await impersonating(h, { targetRole: 'admin', grants: ['invites.manage', 'users.read'] });
    const again = await h.json(START, { cookie: both, body: { userId: target.id, reason: 'x' } });
    expect(again.status).toBe(403);
    expectErrorShape(again.body, 'IMPERSONATION_BLOCKED');
    const invites = await h.json('/api/v1/admin/invites', { cookie: both });
    expect(invites.status).toBe(403);
    expectErrorShape(invites.body, 'IMPERSONATION_BLOCKED');
    expect((await h.json('/api/v1/admin/invites', { cookie: target.cookie })).status).toBe(200);
    const role = await h.json(`/api/v1/admin/users/${target.id}/role`, { cookie: both, method: 'PUT', body: { role: 'athlete' } });
    expect(role.status).toBe(403);
    expect((await h.call('/admin', { cookie: both })).status).toBe(403);
    expect((await h.call('/admin/invites', { cookie: both })).status).toBe(403);
  });
});

describe('the impersonation token', () => {
  it('expires (no renewal): the request falls back to the owner, the cookie is cleared, the end is audited', async () => {
    const h = Harness.init();
    const { owner, target, both } = await impersonating(h);
    const [row] = await impRows(h, owner.id);
    // Sliding renewal must never extend it, however stale its last_seen_at.
    await h.db.update(sessions).set({ lastSeenAt: sql`now() - interval '2 hours'` }).where(eq(sessions.id, row!.id));
    expect((await meOf(h, both)).id).toBe(target.id);
    const [after] = await impRows(h, owner.id);
    expect(after!.expiresAt.getTime()).toBe(row!.expiresAt.getTime());
    // Its time is up (the clock moved past it).
    await h.db.update(sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(sessions.id, row!.id));
    const me = await meOf(h, both);
    expect(me.id).toBe(owner.id);
    expect(impCookieFrom(me.res)).toBe(`${IMP}=`);
    expect(await impRows(h, owner.id)).toHaveLength(0);
    const ended = (await h.auditFor('user', target.id)).filter((a) => a.action === 'impersonation.ended');
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ actorId: owner.id, payload: { how: 'expired' } });
  });

  it('tampered, unknown or bound to another session: falls back to the owner and clears the cookie', async () => {
    const h = Harness.init();
    const { owner, target, imp } = await impersonating(h);
    const value = imp.split('=')[1] ?? '';
    const flipped = `${value.slice(0, -1)}${value.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [flipped, 'not-a-token!', 'A'.repeat(43)]) {
      const me = await meOf(h, `${owner.cookie}; ${IMP}=${bad}`);
      expect(me.id, bad).toBe(owner.id);
      expect(impCookieFrom(me.res)).toBe(`${IMP}=`);
    }
    // The real token next to another of the owner's sessions (another browser): not bound to it.
    const second = await h.login(owner.email, 'correct horse battery staple');
    expect((await meOf(h, `${second}; ${imp}`)).id).toBe(owner.id);
    // Next to someone else's session: theirs, never the target.
    const stranger = await h.signup();
    expect((await meOf(h, `${stranger.cookie}; ${imp}`)).id).toBe(stranger.user.id);
    // The genuine pair still works: nothing above ended it.
    expect((await meOf(h, `${owner.cookie}; ${imp}`)).id).toBe(target.id);
  });

  it("ends when the owner's own session rotates (privilege change) or is signed out", async () => {
    const h = Harness.init();
    const a = await impersonating(h);
    await bumpAuthVersion(h, a.owner.id);
    const me = await meOf(h, a.both);
    expect(me.id).toBe(a.owner.id);
    const rotated = sessionSet(me.res)?.split(';')[0] ?? '';
    expect(rotated).not.toBe(a.owner.cookie);
    expect(impCookieFrom(me.res)).toBe(`${IMP}=`);
    expect((await meOf(h, `${rotated}; ${a.imp}`)).id).toBe(a.owner.id);
    // Signed out of their own session: the impersonation cookie alone is nothing.
    const b = await impersonating(h);
    await h.call('/api/v1/auth/logout', { cookie: b.owner.cookie, method: 'POST' });
    expect((await meOf(h, b.both)).status).toBe(401);
  });

  it("ends on the target's privilege change or block", async () => {
    const h = Harness.init();
    const { owner, target, both } = await impersonating(h);
    await bumpAuthVersion(h, target.id);
    expect((await meOf(h, both)).id).toBe(owner.id);
    const ended = (await h.auditFor('user', target.id)).find((a) => a.action === 'impersonation.ended');
    expect(ended?.payload).toMatchObject({ how: 'revoked' });
    // Blocked by an operator while someone is viewing as them: back to the owner at once.
    const b = await impersonating(h);
    await h.db.update(users).set({ blockedAt: new Date() }).where(eq(users.id, b.target.id));
    expect((await meOf(h, b.both)).id).toBe(b.owner.id);
    expect(await impRows(h, b.owner.id)).toHaveLength(0);
  });
});

describe('ending an impersonation', () => {
  it('"end now" ends only the impersonation; the owner is back in their own, intact session', async () => {
    const h = Harness.init();
    const { owner, target, both } = await impersonating(h);
    const r = await h.json(START, { cookie: both, method: 'DELETE' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ impersonating: null });
    expect(impCookieFrom(r.res)).toBe(`${IMP}=`);
    expect(sessionSet(r.res)).toBeUndefined();
    expect((await meOf(h, both)).id).toBe(owner.id);
    expect((await meOf(h, owner.cookie)).id).toBe(owner.id);
    const ended = (await h.auditFor('user', target.id)).filter((a) => a.action === 'impersonation.ended');
    expect(ended.map((e) => e.payload)).toEqual([expect.objectContaining({ how: 'manual' })]);
  });

  it('logout while impersonating ends only the impersonation (API and page)', async () => {
    const h = Harness.init();
    const a = await impersonating(h);
    const r = await h.call('/api/v1/auth/logout', { cookie: a.both, method: 'POST' });
    expect(r.status).toBe(200);
    expect(sessionSet(r)).toBeUndefined();
    expect((await meOf(h, a.owner.cookie)).id).toBe(a.owner.id);
    const how = (await h.auditFor('user', a.target.id)).find((x) => x.action === 'impersonation.ended')?.payload;
    expect(how).toMatchObject({ how: 'logout' });
    const b = await impersonating(h);
    const page = await h.call('/logout', { cookie: b.both, method: 'POST', body: new FormData() });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/admin');
    expect(impCookieFrom(page)).toBe(`${IMP}=`);
    expect((await meOf(h, b.owner.cookie)).id).toBe(b.owner.id);
  });
});

describe('pages', () => {
  it('the banner names the target on every app page; start and "End now" work as plain form posts', async () => {
    const h = Harness.init();
    const owner = await h.userWithRole('owner');
    const athlete = await h.signup({ displayName: 'Ann Runner' });
    const form = new FormData();
    form.set('intent', 'start');
    form.set('userId', athlete.user.id);
    form.set('reason', 'Ticket 7');
    const start = await h.call('/impersonation', { cookie: owner.cookie, body: form });
    expect(start.status).toBe(302);
    expect(start.headers.get('location')).toBe('/home');
    const imp = impCookieFrom(start);
    expect(imp).toMatch(new RegExp(`^${IMP}=.+`));
    const both = `${owner.cookie}; ${imp}`;
    for (const path of ['/home', '/settings']) {
      const html = await (await h.call(path, { cookie: both })).text();
      expect(html, path).toContain('You are viewing Cadence as <strong>Ann Runner</strong>');
      expect(html).toMatch(/<time[^>]*>(29:5\d|30:00)<\/time>/);
    }
    expect(await (await h.call('/home', { cookie: owner.cookie })).text()).not.toContain('You are viewing Cadence as');
    const noReason = new FormData();
    noReason.set('intent', 'start');
    noReason.set('userId', athlete.user.id);
    const refused = await h.call('/impersonation', { cookie: owner.cookie, body: noReason });
    expect(refused.status).toBe(400);
    const end = new FormData();
    end.set('intent', 'end');
    const ended = await h.call('/impersonation', { cookie: both, body: end });
    expect(ended.status).toBe(302);
    expect(ended.headers.get('location')).toBe('/admin');
    expect(impCookieFrom(ended)).toBe(`${IMP}=`);
    expect(await (await h.call('/home', { cookie: both })).text()).not.toContain('You are viewing Cadence as');
  });
});
