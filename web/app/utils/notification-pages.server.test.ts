// The notification center's address and labels, and the settings form's rules: what the form shows for
// saved preferences, and how a submitted form becomes the API's update with errors beside their fields.
import { describe, expect, it } from 'vitest';
import type { NotificationPreferences } from '../../../worker/features/notifications/notifications.schema';
import { parsePrefsForm, prefsView } from './notification-settings.server';
import { centerHref, typeLabel } from './notifications.server';

const saved = (over: Partial<NotificationPreferences> = {}): NotificationPreferences => ({
  emailMode: 'daily',
  sendMinute: 7 * 60,
  channels: {
    plan: { inApp: true, email: true },
    analysis: { inApp: true, email: false },
    load: { inApp: false, email: true },
    coach: { inApp: true, email: true },
    account: { inApp: true, email: false },
    social: { inApp: true, email: false },
  },
  dnd: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: 22 * 60, end: 7 * 60 })),
  push: { plan: true, analysis: true, load: true, coach: true, account: true, social: true },
  reminder: { on: false, minute: 7 * 60 },
  timeZone: 'Europe/Berlin',
  ...over,
});

const PRO = { email_summaries: true };
const FREE = { email_summaries: false };

/** The form as the browser posts it: ticked boxes present, unticked ones absent. */
const form = (extra: Record<string, string>) => ({
  emailMode: 'alerts',
  sendTime: '06:30',
  dndMode: 'off',
  'inApp.plan': 'on',
  'email.plan': 'on',
  'inApp.account': 'on',
  ...extra,
});

describe('the notification center', () => {
  it('spells its address in one place: a type wins over a category; unread and the page follow', () => {
    expect(centerHref({ type: null, category: null, unread: false })).toBe('/notifications');
    expect(centerHref({ type: 'coach.update', category: 'coach', unread: true }, 'c1')).toBe(
      '/notifications?type=coach.update&unread=1&cursor=c1',
    );
    expect(centerHref({ type: null, category: 'load', unread: false }, null)).toBe('/notifications?category=load');
  });

  it('names a type by its group label without the number, capitalised', () => {
    expect(typeLabel('coach.link_request')).toBe('Coach requests');
    expect(typeLabel('weekly.summary')).toBe('Weekly summaries');
    expect(typeLabel('plan.created')).toBe('Plan updates');
  });
});

describe('notification settings: what the form shows', () => {
  it('one window every day reads as "same"; billing and security email is always on', () => {
    const v = prefsView(saved(), PRO);
    expect(v.dndMode).toBe('same');
    expect(v.every).toEqual({ start: '22:00', end: '07:00' });
    expect(v.sendTime).toBe('07:00');
    const account = v.categories.find((c) => c.value === 'account')!;
    expect(account).toMatchObject({ email: true, emailLocked: true });
    expect(v.categories.find((c) => c.value === 'load')).toMatchObject({ inApp: false, email: true, emailLocked: false });
  });

  it('windows on some days read as "days", the others filled from the first; none reads as "off"', () => {
    const v = prefsView(saved({ dnd: [{ day: 6, start: 23 * 60, end: 9 * 60 }] }), PRO);
    expect(v.dndMode).toBe('days');
    expect(v.days.filter((d) => d.on).map((d) => [d.name, d.start, d.end])).toEqual([['Saturday', '23:00', '09:00']]);
    expect(v.days[0]).toMatchObject({ name: 'Monday', on: false, start: '23:00', end: '09:00' });
    expect(prefsView(saved({ dnd: [] }), PRO).dndMode).toBe('off');
    expect(prefsView(saved({ dnd: [] }), PRO).every).toEqual({ start: '22:00', end: '07:00' });
  });

  it('promises the Monday summary by email only on a plan that includes it', () => {
    const pro = prefsView(saved(), PRO);
    expect(pro.mondayEmail).toBe(true);
    expect(pro.emailModes.every((m) => m.locked === null)).toBe(true);
    expect(pro.emailModes.find((m) => m.value === 'daily')!.line).toContain('the Monday summary');

    const free = prefsView(saved(), FREE);
    expect(free.mondayEmail).toBe(false);
    // The one mode whose point is the Monday email shows locked, with the feature that unlocks it…
    expect(free.emailModes.filter((m) => m.locked).map((m) => [m.value, m.locked])).toEqual([['weekly', 'email_summaries']]);
    // …and no open mode's words mention it.
    for (const m of free.emailModes.filter((x) => !x.locked)) expect(m.line, m.value).not.toMatch(/Monday/);
  });
});

describe('notification settings: the submitted form', () => {
  it('becomes the whole update: channels from the ticks, account email left to the lock', () => {
    const { input, fieldErrors } = parsePrefsForm(form({}));
    expect(fieldErrors).toEqual({});
    expect(input).toEqual({
      emailMode: 'alerts',
      sendMinute: 6 * 60 + 30,
      channels: {
        plan: { inApp: true, email: true },
        analysis: { inApp: false, email: false },
        load: { inApp: false, email: false },
        coach: { inApp: false, email: false },
        account: { inApp: true },
        social: { inApp: false, email: false },
      },
      dnd: [],
    });
  });

  it('"same" repeats one window on every day; "days" takes the ticked days only', () => {
    expect(parsePrefsForm(form({ dndMode: 'same', everyStart: '21:00', everyEnd: '06:00' })).input?.dnd).toHaveLength(7);
    const days = parsePrefsForm(form({ dndMode: 'days', dnd2On: 'on', dnd2Start: '20:00', dnd2End: '23:00', dnd5Start: '01:00' }));
    expect(days.input?.dnd).toEqual([{ day: 2, start: 20 * 60, end: 23 * 60 }]);
  });

  it('puts each error beside its own field and saves nothing', () => {
    const bad = parsePrefsForm(
      form({ sendTime: '7am', emailMode: 'sometimes', dndMode: 'days', dnd3On: 'on', dnd3Start: '22:00', dnd3End: '22:00', dnd4On: 'on' }),
    );
    expect(bad.input).toBeNull();
    expect(bad.fieldErrors).toEqual({
      sendTime: 'Enter a time of day, like 07:00',
      dnd4: 'Enter a start and an end time, like 22:00 and 07:00',
      dnd3: 'A do-not-disturb window needs a start and an end that differ',
      emailMode: 'Choose how much email you want',
    });
    expect(parsePrefsForm(form({ dndMode: 'sometimes' })).fieldErrors).toEqual({ dndMode: 'Choose when do-not-disturb applies' });
  });

  it('push per category comes from the ticks only when the form showed the push column; the view shows the saved switches', () => {
    const withPush = parsePrefsForm(form({ pushShown: '1', 'push.coach': 'on', 'push.account': 'on' }));
    expect(withPush.input?.push).toEqual({ plan: false, analysis: false, load: false, coach: true, account: true, social: false });
    expect(parsePrefsForm(form({})).input).not.toHaveProperty('push');
    const view = prefsView(saved({ push: { plan: true, analysis: false, load: true, coach: true, account: true, social: true } }), PRO);
    expect(view.categories.map((c) => [c.value, c.push])).toEqual([
      ['plan', true],
      ['analysis', false],
      ['load', true],
      ['coach', true],
      ['account', true],
      ['social', true],
    ]);
  });

  it('the daily workout reminder: on with a time, off keeping its time, a time needed only to turn it on', () => {
    expect(parsePrefsForm(form({ reminderOn: 'on', reminderTime: '06:15' })).input?.reminder).toEqual({ on: true, minute: 6 * 60 + 15 });
    expect(parsePrefsForm(form({ reminderTime: '06:15' })).input?.reminder).toEqual({ on: false, minute: 6 * 60 + 15 });
    expect(parsePrefsForm(form({ reminderTime: '' })).input?.reminder).toEqual({ on: false });
    const bad = parsePrefsForm(form({ reminderOn: 'on', reminderTime: 'soon' }));
    expect(bad.input).toBeNull();
    expect(bad.fieldErrors).toEqual({ reminderTime: 'Enter a time of day, like 07:00' });
    // A form without the reminder's field (an older page) leaves it as it was.
    expect(parsePrefsForm(form({})).input).not.toHaveProperty('reminder');
    expect(prefsView(saved({ reminder: { on: true, minute: 5 * 60 + 45 } }), PRO).reminder).toEqual({ on: true, time: '05:45' });
  });
});
