import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications } from '../../../db/schema';
import { Harness } from '../../../testing/harness';
import type { NotificationType } from '../notification-types';
import { athleteIn, loadWarning, servicesAt } from '../notifications.testing';

// The pages over the inbox service, as a browser without JavaScript uses them: the bell in the shell,
// the center's filters and groups, its buttons as plain form posts, and the preferences form.

/** A zone where "now" sits mid-day, so notifications a few minutes old share one local day. */
const midDayZone = () => {
  const hour = new Date().getUTCHours();
  return hour >= 1 && hour <= 21 ? 'UTC' : 'Pacific/Honolulu';
};

async function pageWorld(h: Harness) {
  const a = await athleteIn(h, midDayZone(), { emailMode: 'off' });
  const s = servicesAt(h, new Date());
  const notify = (type: NotificationType, data: Record<string, unknown>, minutesAgo: number) =>
    s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type,
      dedupeKey: `${type}:${crypto.randomUUID()}`,
      data,
      at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    });
  const post = (path: string, values: Record<string, string>) =>
    h.call(path, {
      method: 'POST',
      body: new URLSearchParams(values).toString(),
      cookie: a.cookie,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  const rows = () => h.db.select().from(notifications).where(eq(notifications.userId, a.user.id));
  return { ...a, s, notify, post, rows };
}

const coach = (title: string) => ({ title, body: `${title}.`, link: '/settings#coaches' });

describe('the bell', () => {
  it('shows the unread count in the shell of every signed-in page, read and deleted ones left out', async () => {
    const h = Harness.init();
    const a = await pageWorld(h);
    const home = async () => (await h.call('/home', { cookie: a.cookie })).text();
    expect(await home()).toContain('aria-label="Notifications"');
    for (const n of [1, 2, 3]) await a.notify('coach.update', coach(`Update ${n}`), n);
    const [first, second] = await a.rows();
    await a.s.notifications.markRead(a.user.id, first!.id);
    await a.s.notifications.remove(a.user.id, second!.id);
    const html = await home();
    expect(html).toContain('aria-label="Notifications, 1 unread"');
    expect(html).toMatch(/class="bell-badge"[^>]*>1</);
    expect(await (await h.call('/activities', { cookie: a.cookie })).text()).toContain('Notifications, 1 unread');
  });

  it('caps the badge at 99+ and keeps the exact number in its name', async () => {
    const h = Harness.init();
    const a = await pageWorld(h);
    await Promise.all(Array.from({ length: 100 }, (_, i) => a.notify('load.warning', loadWarning(i), i % 50)));
    const html = await (await h.call('/home', { cookie: a.cookie })).text();
    expect(html).toContain('aria-label="Notifications, 100 unread"');
    expect(html).toMatch(/class="bell-badge"[^>]*>99\+</);
  });
});

describe('the notification center page', () => {
  it('groups one type on one day into one row, filters by links, and is all caught up when empty', async () => {
    const h = Harness.init();
    const a = await pageWorld(h);
    const empty = await (await h.call('/notifications', { cookie: a.cookie })).text();
    expect(empty).toContain('You&#x27;re all caught up');
    for (const n of [1, 2, 3]) await a.notify('coach.update', coach(`Update ${n}`), n);
    await a.notify('load.warning', loadWarning(), 10);

    const html = await (await h.call('/notifications', { cookie: a.cookie })).text();
    expect(html).toContain('3 coach updates');
    expect(html).toContain('Today');
    expect(html).toContain('Your training load rose quickly this week');
    expect(html).toContain('href="/home#insight-ramp_rate"');
    const coachOnly = await (await h.call('/notifications?category=coach', { cookie: a.cookie })).text();
    expect(coachOnly).toContain('3 coach updates');
    expect(coachOnly).not.toContain('Your training load rose quickly');
    // A mangled page link starts again from the newest, with the filter kept.
    const stale = await h.call('/notifications?category=coach&cursor=bm9wZQ', { cookie: a.cookie });
    expect(stale.status).toBe(302);
    expect(stale.headers.get('location')).toBe('/notifications?category=coach');
  });

  it('marks a group, one and all read, and deletes, as plain form posts', async () => {
    const h = Harness.init();
    const a = await pageWorld(h);
    for (const n of [1, 2]) await a.notify('coach.update', coach(`Update ${n}`), n);
    await a.notify('load.warning', loadWarning(1), 5);
    await a.notify('load.warning', loadWarning(2), 6);
    const all = await a.rows();
    const [c1, c2] = all.filter((r) => r.kind === 'coach.update');
    const [l1, l2] = all.filter((r) => r.kind === 'load.warning');

    const group = await a.post('/notifications', { intent: 'read-group', ids: `${c1!.id},${c2!.id}` });
    expect(group.status).toBe(200);
    expect(await group.text()).toContain('Marked 2 read.');
    const del = await a.post('/notifications', { intent: 'delete', id: l1!.id });
    expect(await del.text()).toContain('Deleted.');
    const again = await a.post('/notifications', { intent: 'delete', id: l1!.id });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('no longer here');
    expect(await a.s.notifications.unreadCount(a.user.id)).toBe(1);
    // Mark all read within a filter reaches only that filter.
    await a.notify('coach.update', coach('Update 3'), 0);
    await a.post('/notifications?category=load', { intent: 'read-all', category: 'load' });
    const after = new Map((await a.rows()).map((r) => [r.id, r]));
    expect(after.get(l2!.id)!.readAt).not.toBeNull();
    expect(await a.s.notifications.unreadCount(a.user.id)).toBe(1);
    const rest = await a.post('/notifications', { intent: 'read-all' });
    expect(await rest.text()).toContain('Marked 1 read.');
    expect(await a.s.notifications.unreadCount(a.user.id)).toBe(0);
  });

  it("cannot touch another athlete's notifications from the page", async () => {
    const h = Harness.init();
    const a = await pageWorld(h);
    const b = await pageWorld(h);
    await b.notify('coach.update', coach('Bob'), 1);
    const [bobs] = await b.rows();
    const attempts: Record<string, string>[] = [
      { intent: 'read-group', ids: bobs!.id },
      { intent: 'delete', id: bobs!.id },
    ];
    for (const values of attempts) {
      const res = await a.post('/notifications', values);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('no longer here');
    }
    const [still] = await b.rows();
    expect(still).toMatchObject({ readAt: null, deletedAt: null });
  });
});

describe('the notification settings page', () => {
  const valid = {
    intent: 'save',
    'inApp.plan': 'on',
    'email.plan': 'on',
    'inApp.analysis': 'on',
    'inApp.load': 'on',
    'email.load': 'on',
    'inApp.coach': 'on',
    'email.coach': 'on',
    'inApp.account': 'on',
    emailMode: 'weekly',
    sendTime: '06:30',
    dndMode: 'days',
    dnd1On: 'on',
    dnd1Start: '23:00',
    dnd1End: '06:00',
    dnd6Start: '12:00',
    dnd6End: '14:00',
    everyStart: '22:00',
    everyEnd: '07:00',
  };

  it('shows the grid, the locked billing email and the zone, and saves every part without JavaScript', async () => {
    const h = Harness.init();
    const a = await pageWorld(h);
    const page = await (await h.call('/settings/notifications', { cookie: a.cookie })).text();
    for (const text of [
      'Analysis and weekly summary',
      'Imports analysed, new bests, your Monday summary.',
      'Billing and security email is always sent, even during do-not-disturb.',
      'Daily summary',
      'ends the next morning',
      midDayZone(),
    ])
      expect(page).toContain(text);
    expect((await h.call('/settings', { cookie: a.cookie }).then((r) => r.text())).includes('href="/settings/notifications"')).toBe(true);

    const res = await a.post('/settings/notifications', valid);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Saved');
    const prefs = await a.s.notifications.preferences.get(a.user.id);
    expect(prefs).toMatchObject({
      emailMode: 'weekly',
      sendMinute: 390,
      // Saturday was not ticked: only Monday's window, past midnight.
      dnd: [{ day: 1, start: 1380, end: 360 }],
    });
    expect(prefs.channels.analysis).toEqual({ inApp: true, email: false });
    // Not sent by the form (a disabled box), and locked on by the service anyway.
    expect(prefs.channels.account).toEqual({ inApp: true, email: true });

    await a.post('/settings/notifications', { ...valid, dndMode: 'same', everyStart: '21:30', everyEnd: '06:45' });
    const same = await a.s.notifications.preferences.get(a.user.id);
    expect(same.dnd).toHaveLength(7);
    expect(new Set(same.dnd.map((w) => `${w.start}-${w.end}`))).toEqual(new Set(['1290-405']));
    await a.post('/settings/notifications', { ...valid, dndMode: 'off' });
    expect((await a.s.notifications.preferences.get(a.user.id)).dnd).toEqual([]);
  });

  it('answers a refused save with the message beside the field and what was typed, and saves nothing', async () => {
    const h = Harness.init();
    const a = await pageWorld(h);
    const before = await a.s.notifications.preferences.get(a.user.id);
    const res = await a.post('/settings/notifications', {
      ...valid,
      sendTime: '25:00',
      dndMode: 'same',
      everyStart: '22:00',
      everyEnd: '22:00',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="field-sendTime-error"[^>]*>Enter a time of day, like 07:00</);
    expect(html).toMatch(/id="every-error"[^>]*>A do-not-disturb window needs a start and an end that differ</);
    expect(html).toContain('value="25:00"');
    expect(await a.s.notifications.preferences.get(a.user.id)).toEqual(before);
  });

  it('turns the daily workout reminder on at a time without JavaScript, shows it, and refuses a time it cannot read', async () => {
    const h = Harness.init();
    const a = await pageWorld(h);
    const page = await (await h.call('/settings/notifications', { cookie: a.cookie })).text();
    expect(page).toContain('Daily workout reminder');
    expect(page).toMatch(/name="reminderOn"(?![^>]*checked)/);
    expect((await a.s.notifications.preferences.get(a.user.id)).reminder).toEqual({ on: false, minute: 420 });

    expect((await a.post('/settings/notifications', { ...valid, reminderOn: 'on', reminderTime: '06:15' })).status).toBe(200);
    expect((await a.s.notifications.preferences.get(a.user.id)).reminder).toEqual({ on: true, minute: 375 });
    const shown = await (await h.call('/settings/notifications', { cookie: a.cookie })).text();
    expect(shown).toMatch(/name="reminderOn"[^>]*checked/);
    expect(shown).toContain('value="06:15"');

    const bad = await a.post('/settings/notifications', { ...valid, reminderOn: 'on', reminderTime: 'dawn' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="field-reminderTime-error"[^>]*>Enter a time of day, like 07:00</);
    // Off keeps the time for next time.
    await a.post('/settings/notifications', { ...valid, reminderTime: '06:15' });
    expect((await a.s.notifications.preferences.get(a.user.id)).reminder).toEqual({ on: false, minute: 375 });
  });
});
