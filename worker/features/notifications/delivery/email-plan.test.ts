import { describe, expect, it } from 'vitest';
import { planEmail, wantsWeeklyEmail } from './email-plan';
import { effectiveChannels, EMAIL_MODES } from '../preferences/notification-preferences';
import { CATEGORIES, NOTIFICATION_TYPES, typeSpec, type NotificationType } from '../notification-types';

const prefs = (emailMode: (typeof EMAIL_MODES)[number], off: string[] = []) => ({
  emailMode,
  channels: effectiveChannels(Object.fromEntries(off.map((c) => [c, { email: false }]))),
});

describe('the preference matrix: what is emailed, and when', () => {
  // mode → [normal, alert, transactional]
  const expected = {
    daily: ['daily', 'now', 'now'],
    weekly: ['none', 'now', 'now'],
    alerts: ['none', 'now', 'now'],
    off: ['none', 'none', 'now'],
  } as const;

  it.each(EMAIL_MODES)('mode %s with every category on', (mode) => {
    for (const [i, urgency] of (['normal', 'alert', 'transactional'] as const).entries()) {
      for (const category of CATEGORIES)
        expect(planEmail({ category, urgency }, prefs(mode)), `${category}/${urgency}`).toBe(expected[mode][i]);
    }
  });

  it.each(EMAIL_MODES)('mode %s: a category switched off sends nothing but billing and security mail', (mode) => {
    for (const type of Object.keys(NOTIFICATION_TYPES) as NotificationType[]) {
      const spec = typeSpec(type);
      const got = planEmail(spec, prefs(mode, [spec.category]));
      expect(got, type).toBe(spec.urgency === 'transactional' ? 'now' : 'none');
    }
  });

  it('a switched-off category leaves the others alone', () => {
    expect(planEmail({ category: 'load', urgency: 'alert' }, prefs('daily', ['plan']))).toBe('now');
    expect(planEmail({ category: 'plan', urgency: 'normal' }, prefs('daily', ['load']))).toBe('daily');
  });

  it('the account category cannot be switched off by email', () => {
    expect(effectiveChannels({ account: { email: false } }).account.email).toBe(true);
  });

  it('the Monday summary goes by email in modes daily and weekly with analysis email on', () => {
    expect(EMAIL_MODES.filter((m) => wantsWeeklyEmail(prefs(m)))).toEqual(['daily', 'weekly']);
    expect(wantsWeeklyEmail(prefs('weekly', ['analysis']))).toBe(false);
  });

  it('a type the catalog never emails (the workout reminder) stays off email in every mode, category on', () => {
    for (const mode of EMAIL_MODES) expect(planEmail(typeSpec('workout.reminder'), prefs(mode)), mode).toBe('none');
  });
});
