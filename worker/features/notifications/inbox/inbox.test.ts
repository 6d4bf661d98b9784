import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../testing/bodies';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { loadWarning, planCreated } from '../notifications.testing';
import { type List, analysisReady, coachUpdate, inboxWorld } from './inbox.testing';

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
      '?category=gossip',
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
