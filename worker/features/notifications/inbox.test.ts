import { describe, expect, it } from 'vitest';
import type { Body, ErrorBody } from '../../testing/bodies';
import { expectErrorShape, Harness } from '../../testing/harness';
import { commonLink, groupNotifications } from './notification-groups';
import type { NotificationType } from './notification-types';
import type { MarkedRead, Notification, NotificationList, UnreadCount } from './notifications.schema';
import { athleteIn, loadWarning, planCreated, servicesAt } from './notifications.testing';

type List = Body<typeof NotificationList>;

const coachUpdate = (title: string, link = '/settings#coaches') => ({ title, body: `${title}.`, link });
const analysisReady = (activityId: string = crypto.randomUUID()) => ({
  source: 'import' as const,
  activityCount: 1,
  newBests: [],
  form: null,
  receipts: [{ id: activityId, name: 'Morning run', startDate: '2027-01-11' }],
});

/**
 * An athlete in `timeZone` who receives no email (mode off), and a way to notify them through the real
 * fan-out at a chosen instant (the row's created_at).
 */
async function inboxWorld(h: Harness, timeZone = 'America/New_York') {
  const a = await athleteIn(h, timeZone, { emailMode: 'off' });
  const s = servicesAt(h, new Date('2027-01-12T12:00:00Z'));
  const notify = async (type: NotificationType, data: Record<string, unknown>, at: string) => {
    const r = await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type,
      dedupeKey: `${type}:${crypto.randomUUID()}`,
      data,
      at,
    });
    expect(r.duplicate).toBe(false);
  };
  const list = async (query = '') => {
    const r = await h.json<List>(`/api/v1/notifications${query}`, { cookie: a.cookie });
    expect(r.status).toBe(200);
    return r.body;
  };
  const unread = async () =>
    (await h.json<Body<typeof UnreadCount>>('/api/v1/notifications/unread-count', { cookie: a.cookie })).body.unread;
  return { ...a, notify, list, unread };
}

describe('GET /api/v1/notifications: groups by local day and type', () => {
  it('splits at local midnight in the account’s zone, not at UTC’s, and labels groups from the catalog', async () => {
    const h = Harness.init();
    const a = await inboxWorld(h, 'America/New_York');
    // New York is UTC−5 in January: 04:30Z is 23:30 on the 11th there, 05:30Z is 00:30 on the 12th.
    await a.notify('coach.update', coachUpdate('Before midnight'), '2027-01-12T04:30:00Z');
    await a.notify('coach.update', coachUpdate('After midnight'), '2027-01-12T05:30:00Z');
    await a.notify('plan.created', planCreated(), '2027-01-12T05:45:00Z');
    await a.notify('coach.update', coachUpdate('Later still'), '2027-01-12T06:00:00Z');

    const body = await a.list();
    expect(body.timeZone).toBe('America/New_York');
    expect(body.unread).toBe(4);
    expect(body.notifications.map((n) => n.title)).toEqual([
      'Later still',
      'Your new plan is ready: Spring marathon',
      'After midnight',
      'Before midnight',
    ]);
    const [later, , after, before] = body.notifications;
    expect(body.groups).toEqual([
      {
        key: '2027-01-12:coach.update',
        type: 'coach.update',
        category: 'coach',
        day: '2027-01-12',
        count: 2,
        unread: 2,
        ids: [later!.id, after!.id],
        latestAt: '2027-01-12T06:00:00.000Z',
        title: '2 coach updates',
        body: null,
        link: '/settings#coaches',
      },
      expect.objectContaining({
        type: 'plan.created',
        day: '2027-01-12',
        count: 1,
        title: 'Your new plan is ready: Spring marathon',
        link: '/training?view=week&date=2026-11-30',
      }),
      expect.objectContaining({
        type: 'coach.update',
        day: '2027-01-11',
        count: 1,
        ids: [before!.id],
        title: 'Before midnight',
        body: 'Before midnight.',
      }),
    ]);
  });

  it('puts the same instants on other days for an account east of UTC', async () => {
    const h = Harness.init();
    const a = await inboxWorld(h, 'Asia/Tokyo');
    // Tokyo is UTC+9: 14:30Z is 23:30 on the 12th, 15:30Z is 00:30 on the 13th.
    await a.notify('load.warning', loadWarning(1), '2027-01-12T14:30:00Z');
    await a.notify('load.warning', loadWarning(2), '2027-01-12T15:30:00Z');
    const body = await a.list();
    expect(body.groups.map((g) => [g.day, g.count, g.title])).toEqual([
      ['2027-01-13', 1, 'Your training load rose quickly this week'],
      ['2027-01-12', 1, 'Your training load rose quickly this week'],
    ]);
    expect(body.groups[0]!.link).toBe('/home#insight-ramp_rate');
  });

  it('links a group to what its notifications share', async () => {
    const h = Harness.init();
    const a = await inboxWorld(h, 'UTC');
    const [one, two] = [crypto.randomUUID(), crypto.randomUUID()];
    await a.notify('analysis.ready', analysisReady(one), '2027-01-12T08:00:00Z');
    const single = await a.list();
    expect(single.groups[0]).toMatchObject({ count: 1, link: `/activities/${one}`, title: '1 new activity analysed' });
    await a.notify('analysis.ready', analysisReady(two), '2027-01-12T09:00:00Z');
    await a.notify('analysis.ready', analysisReady(), '2027-01-12T10:00:00Z');
    const grouped = await a.list();
    expect(grouped.groups).toHaveLength(1);
    expect(grouped.groups[0]).toMatchObject({ count: 3, unread: 3, title: '3 analysis updates', link: '/activities', body: null });
    expect(grouped.notifications.map((n) => n.link)).toContain(`/activities/${two}`);
  });
});

describe('GET /api/v1/notifications: filters and pages', () => {
  it('filters by type, by category and unread only', async () => {
    const h = Harness.init();
    const a = await inboxWorld(h, 'UTC');
    await a.notify('coach.update', coachUpdate('Coach one'), '2027-01-12T08:00:00Z');
    await a.notify('coach.link_request', { linkId: crypto.randomUUID(), orgName: 'Fast Club' }, '2027-01-12T08:30:00Z');
    await a.notify('plan.created', planCreated(), '2027-01-12T09:00:00Z');
    await a.notify('load.warning', loadWarning(), '2027-01-12T09:30:00Z');

    const titles = (b: List) => b.notifications.map((n) => n.title);
    expect(titles(await a.list('?type=coach.update'))).toEqual(['Coach one']);
    expect(titles(await a.list('?category=coach'))).toEqual(['Fast Club asked to see your training', 'Coach one']);
    expect((await a.list('?category=plan')).groups.map((g) => g.type)).toEqual(['plan.created']);

    const all = await a.list();
    const plan = all.notifications.find((n) => n.type === 'plan.created')!;
    expect((await h.call(`/api/v1/notifications/${plan.id}/read`, { method: 'POST', cookie: a.cookie })).status).toBe(200);
    const unread = await a.list('?unread=true');
    expect(titles(unread)).not.toContain(plan.title);
    expect(unread.notifications).toHaveLength(3);
    expect(unread.unread).toBe(3);
    // The filter narrows the rows, never the bell's total.
    expect((await a.list('?category=plan&unread=1')).notifications).toEqual([]);
    expect((await a.list('?category=plan&unread=1')).unread).toBe(3);
  });

  it('pages newest first, each page ending at a local day’s end, with no row twice or left out', async () => {
    const h = Harness.init();
    const a = await inboxWorld(h, 'Europe/Berlin');
    // Berlin days (UTC+1): the 12th has one, the 11th two, the 10th three; 23:30Z on the 10th is the 11th there.
    const times = [
      '2027-01-12T09:00:00Z',
      '2027-01-11T12:00:00Z',
      '2027-01-10T23:30:00Z',
      '2027-01-10T20:00:00Z',
      '2027-01-10T12:00:00Z',
      '2027-01-10T08:00:00Z',
    ];
    for (const [i, at] of times.entries()) await a.notify('coach.update', coachUpdate(`Update ${i}`), at);

    const p1 = await a.list('?limit=2');
    // Two rows would cut the 11th in half: the page stops after the 12th.
    expect(p1.notifications.map((n) => n.title)).toEqual(['Update 0']);
    expect(p1.nextCursor).toEqual(expect.any(String));
    const p2 = await a.list(`?limit=2&cursor=${p1.nextCursor}`);
    expect(p2.notifications.map((n) => n.title)).toEqual(['Update 1', 'Update 2']);
    expect(p2.groups).toEqual([expect.objectContaining({ day: '2027-01-11', count: 2, title: '2 coach updates' })]);
    // The 10th holds three: more than a page, so it is the one day split across pages.
    const p3 = await a.list(`?limit=2&cursor=${p2.nextCursor}`);
    expect(p3.notifications.map((n) => n.title)).toEqual(['Update 3', 'Update 4']);
    const p4 = await a.list(`?limit=2&cursor=${p3.nextCursor}`);
    expect(p4.notifications.map((n) => n.title)).toEqual(['Update 5']);
    expect(p4.nextCursor).toBeNull();

    const seen = [p1, p2, p3, p4].flatMap((p) => p.notifications.map((n) => n.id));
    expect(new Set(seen).size).toBe(6);
    expect(seen).toEqual((await a.list('?limit=100')).notifications.map((n) => n.id));
  });

  it('keeps rows created in the same millisecond apart across a page boundary', async () => {
    const h = Harness.init();
    const a = await inboxWorld(h, 'UTC');
    await a.notify('coach.update', coachUpdate('Twin A'), '2027-01-12T08:00:00.123Z');
    await a.notify('coach.update', coachUpdate('Twin B'), '2027-01-12T08:00:00.123Z');
    const p1 = await a.list('?limit=1');
    const p2 = await a.list(`?limit=1&cursor=${p1.nextCursor}`);
    expect([...p1.notifications, ...p2.notifications].map((n) => n.title).sort()).toEqual(['Twin A', 'Twin B']);
    expect(p2.nextCursor).toBeNull();
  });

  it('refuses bad filters, limits and cursors with 400 in the one error shape', async () => {
    const h = Harness.init();
    const a = await inboxWorld(h, 'UTC');
    for (const q of [
      '?type=nope',
      '?category=social',
      '?type=coach.update&category=coach',
      '?unread=yes',
      '?limit=0',
      '?limit=101',
      '?cursor=a%2Fb',
      '?cursor=bm90LWEtY3Vyc29y',
    ]) {
      const r = await h.json<ErrorBody>(`/api/v1/notifications${q}`, { cookie: a.cookie });
      expect(r.status, q).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
    }
  });
});

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

describe('grouping rules', () => {
  const row = (over: Partial<Notification>): Notification => ({
    id: crypto.randomUUID(),
    type: 'coach.update',
    category: 'coach',
    title: 't',
    body: 'b',
    link: '/x',
    readAt: null,
    createdAt: '2027-03-28T12:00:00.000Z',
    ...over,
  });

  it('keeps a DST change day one day (Europe/Berlin, 23 hours on 2027-03-28)', () => {
    const groups = groupNotifications(
      [
        row({ createdAt: '2027-03-28T21:59:00.000Z' }),
        row({ createdAt: '2027-03-27T23:00:00.000Z' }),
        row({ createdAt: '2027-03-27T22:59:00.000Z' }),
      ],
      'Europe/Berlin',
    );
    expect(groups.map((g) => [g.day, g.count])).toEqual([
      ['2027-03-28', 2],
      ['2027-03-27', 1],
    ]);
  });

  it('finds what links share, and never links outside the app', () => {
    expect(commonLink(['/activities/a', '/activities/b#x'])).toBe('/activities');
    expect(commonLink(['/ai-coach/1#proposal-a', '/ai-coach/2#proposal-b'])).toBe('/ai-coach');
    expect(commonLink(['/settings#coaches', '/settings#coaches'])).toBe('/settings#coaches');
    expect(commonLink(['/settings#coaches', '/coach'])).toBeNull();
    expect(commonLink(['/activities', null])).toBeNull();
    expect(commonLink(['//evil.example/x', '//evil.example/x'])).toBeNull();
    expect(groupNotifications([row({ link: 'https://evil.example' })], 'UTC')[0]!.link).toBeNull();
    expect(groupNotifications([row({ type: 'org_invite' }), row({ type: 'org_invite' })], 'UTC')[0]!.title).toBe('2 notifications');
  });
});
