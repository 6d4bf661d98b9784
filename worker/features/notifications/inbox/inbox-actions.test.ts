import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../testing/bodies';
import { expectErrorShape, Harness } from '../../../testing/harness';
import type { MarkedRead, Notification } from '../notifications.schema';
import { loadWarning, planCreated } from '../notifications.testing';
import { coachUpdate, inboxWorld } from './inbox.testing';

describe('reading and deleting', () => {
  it('marks one read (POST and PATCH), a group read, and all read within a filter', async () => {
    const h = Harness.init();
    const a = await inboxWorld(h, 'UTC');
    for (const n of [1, 2, 3]) await a.notify('coach.update', coachUpdate(`Coach ${n}`), `2027-01-12T0${n}:00:00Z`);
    await a.notify('plan.created', planCreated(), '2027-01-12T04:00:00Z');
    await a.notify('load.warning', loadWarning(), '2027-01-12T05:00:00Z');
    await a.notify('load.warning', loadWarning(2), '2027-01-12T06:00:00Z');
    expect(await a.unread()).toBe(6);

    const list = await a.list();
    const plan = list.notifications.find((n) => n.type === 'plan.created')!;
    const patched = await h.json<Notification>(`/api/v1/notifications/${plan.id}/read`, { method: 'PATCH', cookie: a.cookie });
    expect(patched.status).toBe(200);
    expect(patched.body.readAt).toEqual(expect.any(String));
    // Again: still read, first read time kept.
    const again = await h.json<Notification>(`/api/v1/notifications/${plan.id}/read`, { method: 'POST', cookie: a.cookie });
    expect(again.body.readAt).toBe(patched.body.readAt);
    expect(await a.unread()).toBe(5);

    const coachGroup = list.groups.find((g) => g.type === 'coach.update')!;
    expect(coachGroup.count).toBe(3);
    const group = await h.json<MarkedRead>('/api/v1/notifications/read', { body: { ids: coachGroup.ids }, cookie: a.cookie });
    expect(group.status).toBe(200);
    expect(group.body).toEqual({ updated: 3, unread: 2 });
    expect((await a.list()).groups.find((g) => g.type === 'coach.update')).toMatchObject({ unread: 0, count: 3 });

    await a.notify('coach.update', coachUpdate('Coach 4'), '2027-01-12T07:00:00Z');
    const loadOnly = await h.json<MarkedRead>('/api/v1/notifications/read-all?category=load', { method: 'POST', cookie: a.cookie });
    expect(loadOnly.body).toEqual({ updated: 2, unread: 1 });
    expect((await a.list('?unread=true')).notifications.map((n) => n.title)).toEqual(['Coach 4']);
    const all = await h.json<MarkedRead>('/api/v1/notifications/read-all', { method: 'POST', cookie: a.cookie });
    expect(all.body).toEqual({ updated: 1, unread: 0 });
    expect(await a.unread()).toBe(0);
  });

  it('deletes softly: gone from lists and counts, and it stays gone', async () => {
    const h = Harness.init();
    const a = await inboxWorld(h, 'UTC');
    await a.notify('coach.update', coachUpdate('Keep'), '2027-01-12T08:00:00Z');
    await a.notify('coach.update', coachUpdate('Drop'), '2027-01-12T09:00:00Z');
    const drop = (await a.list()).notifications.find((n) => n.title === 'Drop')!;

    const del = await h.json<{ ok: true }>(`/api/v1/notifications/${drop.id}`, { method: 'DELETE', cookie: a.cookie });
    expect(del.status).toBe(200);
    const after = await a.list();
    expect(after.notifications.map((n) => n.title)).toEqual(['Keep']);
    expect(after.groups).toEqual([expect.objectContaining({ count: 1, title: 'Keep' })]);
    expect(after.unread).toBe(1);
    expect(await a.unread()).toBe(1);
    // Deleted: not readable, not deletable again, not countable by a mark-all.
    expect((await h.call(`/api/v1/notifications/${drop.id}`, { method: 'DELETE', cookie: a.cookie })).status).toBe(404);
    expect((await h.call(`/api/v1/notifications/${drop.id}/read`, { method: 'POST', cookie: a.cookie })).status).toBe(404);
    expect((await h.call('/api/v1/notifications/read', { body: { ids: [drop.id] }, cookie: a.cookie })).status).toBe(404);
    const all = await h.json<MarkedRead>('/api/v1/notifications/read-all', { method: 'POST', cookie: a.cookie });
    expect(all.body).toEqual({ updated: 1, unread: 0 });
  });

  it('counts only unread, undeleted rows', async () => {
    const h = Harness.init();
    const a = await inboxWorld(h, 'UTC');
    for (const n of [1, 2, 3, 4]) await a.notify('coach.update', coachUpdate(`C${n}`), `2027-01-12T0${n}:00:00Z`);
    const [c4, c3, c2] = (await a.list()).notifications;
    await h.call(`/api/v1/notifications/${c4!.id}/read`, { method: 'POST', cookie: a.cookie });
    await h.call(`/api/v1/notifications/${c3!.id}`, { method: 'DELETE', cookie: a.cookie });
    // Read, then deleted: counted by neither.
    await h.call(`/api/v1/notifications/${c2!.id}/read`, { method: 'POST', cookie: a.cookie });
    await h.call(`/api/v1/notifications/${c2!.id}`, { method: 'DELETE', cookie: a.cookie });
    const res = await h.call('/api/v1/notifications/unread-count', { cookie: a.cookie });
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(await res.json()).toEqual({ unread: 1 });
  });
});

describe('tenancy and input', () => {
  it("answers 404 for another user's notification, and changes nothing", async () => {
    const h = Harness.init();
    const alice = await inboxWorld(h, 'UTC');
    const bob = await inboxWorld(h, 'UTC');
    await alice.notify('coach.update', coachUpdate('Alice’s'), '2027-01-12T08:00:00Z');
    await bob.notify('coach.update', coachUpdate('Bob’s'), '2027-01-12T08:00:00Z');
    const [bobs] = (await bob.list()).notifications;
    const [alices] = (await alice.list()).notifications;

    for (const [path, init] of [
      [`/api/v1/notifications/${bobs!.id}/read`, { method: 'POST' }],
      [`/api/v1/notifications/${bobs!.id}/read`, { method: 'PATCH' }],
      [`/api/v1/notifications/${bobs!.id}`, { method: 'DELETE' }],
      // One foreign id in a group: the whole group is refused, Alice's own stays unread.
      ['/api/v1/notifications/read', { body: { ids: [alices!.id, bobs!.id] } }],
    ] as const) {
      const r = await h.json<ErrorBody>(path, { ...init, cookie: alice.cookie });
      expect(r.status, `${init.method ?? 'POST'} ${path}`).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    expect(await bob.unread()).toBe(1);
    expect((await bob.list()).notifications).toHaveLength(1);
    expect(await alice.unread()).toBe(1);
    // Alice's mark-all never reaches Bob's.
    await h.call('/api/v1/notifications/read-all', { method: 'POST', cookie: alice.cookie });
    expect(await bob.unread()).toBe(1);
  });

  it('needs a session everywhere and refuses malformed ids and bodies with 400', async () => {
    const h = Harness.init();
    const id = crypto.randomUUID();
    for (const [path, init] of [
      ['/api/v1/notifications', {}],
      ['/api/v1/notifications/unread-count', {}],
      [`/api/v1/notifications/${id}/read`, { method: 'PATCH' }],
      [`/api/v1/notifications/${id}`, { method: 'DELETE' }],
      ['/api/v1/notifications/read', { body: { ids: [id] } }],
      ['/api/v1/notifications/read-all', { method: 'POST' }],
    ] as const) {
      const r = await h.json<ErrorBody>(path, init);
      expect(r.status, path).toBe(401);
      expectErrorShape(r.body, 'UNAUTHENTICATED');
    }
    const { cookie } = await h.signup();
    for (const [path, init] of [
      ['/api/v1/notifications/123/read', { method: 'PATCH' }],
      ['/api/v1/notifications/123', { method: 'DELETE' }],
      ['/api/v1/notifications/read', { body: { ids: [] } }],
      ['/api/v1/notifications/read', { body: { ids: ['nope'] } }],
      ['/api/v1/notifications/read', { body: { ids: [id], extra: true } }],
      ['/api/v1/notifications/read', { body: { ids: Array.from({ length: 101 }, () => crypto.randomUUID()) } }],
      ['/api/v1/notifications/read-all?category=nope', { method: 'POST' }],
      ['/api/v1/notifications/read-all?type=plan.created&category=plan', { method: 'POST' }],
    ] as const) {
      const r = await h.json<ErrorBody>(path, { ...init, cookie });
      expect(r.status, path).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
    }
  });
});
