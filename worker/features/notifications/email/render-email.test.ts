import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TYPE_NAMES, typeSpec } from '../notification-types';
import type { EmailContent } from './email-content';
import { renderEmail } from './render-email';
import { contentsFor, dataFor, expectSafeHtml, hostile, links, lockedLinks, ORIGIN, reader, weekly } from './render-email.testing';

describe('notification email rendering', () => {
  for (const type of NOTIFICATION_TYPE_NAMES) {
    it(`${type}: single, digest and daily escape all user text and keep every link on our origin`, () => {
      const locked = typeSpec(type).category === 'account';
      for (const [kind, content] of contentsFor(type)) {
        const out = renderEmail(content, reader(), locked ? lockedLinks : links);
        expectSafeHtml(out.html);
        expect(out.subject, kind).not.toMatch(/[\r\n]/);
        // The text part: the greeting with the raw name (text is not markup), the catalog's words, the links spelled out.
        expect(out.text).toContain(`Hi ${hostile()},`);
        expect(out.text).toContain(typeSpec(type).title(dataFor(type)).slice(0, 20));
        expect(out.text).toContain(`Notification preferences: ${ORIGIN}/settings/notifications`);
        if (locked) {
          expect(out.html).toContain('cannot be turned off');
          expect(out.text).toContain('cannot be turned off');
          expect(out.html).not.toContain('Unsubscribe');
          expect(out.text).not.toContain('Unsubscribe');
        } else {
          expect(out.html).toContain(`href="${ORIGIN}/unsubscribe?t=TOKEN"`);
          expect(out.text).toMatch(/Unsubscribe from .+: https:\/\/app\.cadence\.test\/unsubscribe\?t=TOKEN/);
        }
        // Every link in the text part is on our origin too.
        for (const url of out.text.match(/https?:\/\/\S+/g) ?? []) expect(new URL(url).origin, url).toBe(ORIGIN);
        if (kind === 'digest') {
          expect(out.text).toContain(`2 more`);
          expect(out.html).toContain('2 more');
        }
      }
    });
  }

  it('the weekly summary escapes session and activity names and reads in the reader’s units', () => {
    const km = renderEmail({ kind: 'weekly', summary: weekly() }, reader('km'), links);
    const mi = renderEmail({ kind: 'weekly', summary: weekly() }, reader('mi'), links);
    expectSafeHtml(km.html);
    expectSafeHtml(mi.html);
    // 42 195 m this week, 40 000 m the week before (+5%); sessions of 10 and 25 km.
    for (const [out, dist, prev, tenK, long] of [
      [km, '42.2 km', '40.0 km (+5%)', '10.0 km', '25.0 km'],
      [mi, '26.2 mi', '24.9 mi (+5%)', '6.2 mi', '15.5 mi'],
    ] as const) {
      expect(out.subject).toBe(`Your week of Mon 16 Nov: 5 activities, ${dist}, load 412`);
      for (const part of [out.text, out.html]) {
        expect(part).toContain(dist);
        expect(part).toContain(prev);
        expect(part).toContain(tenK);
        expect(part).toContain(long);
      }
    }
    expect(km.html).not.toContain('26.2 mi');
    expect(mi.html).not.toContain('42.2 km');
    expect(km.text).toContain('  Moving time: 4 h 05 min');
    expect(km.text).toContain('  Training load: 412');
    expect(km.text).toContain('  Previous week: 380 (+9%)');
    expect(km.text).toContain('  Fitness (CTL): 54');
    expect(km.text).toContain('  Fatigue (ATL): 61');
    expect(km.text).toContain('  Form (TSB): \u22127.1');
    expect(km.text).toContain('4 of 5 planned sessions done (80%), 1 skipped.');
    expect(km.text).toContain('  - Tue 24 Nov: ');
    const [r1] = weekly().receipts;
    expect(km.text).toMatch(
      /THIS WEEK’S ACTIVITIES\n {2}- .+ \(Sun 22 Nov 2026\): https:\/\/app\.cadence\.test\/activities\/[0-9a-f-]{36}/,
    );
    expect(r1).toBeDefined();
    expect(km.text).toContain('Unsubscribe from Analysis and weekly summary: https://app.cadence.test/unsubscribe?t=TOKEN');
  });

  it('a week without load history or a plan says so instead of showing zeros', () => {
    const out = renderEmail(
      { kind: 'weekly', summary: weekly({ form: null, compliance: null, nextWeek: [], receipts: [] }) },
      reader(),
      links,
    );
    expectSafeHtml(out.html);
    expect(out.text).toContain('No training-load history yet');
    expect(out.text).toContain('No plan covered this week.');
    expect(out.text).toContain('No key sessions planned for next week.');
    expect(out.text).not.toContain('Fitness (CTL)');
  });

  it('times are shown in the reader’s zone, dates as the local calendar dates they are', () => {
    const content: EmailContent = { kind: 'single', type: 'load.warning', data: dataFor('load.warning'), at: '2026-11-23T23:30:00Z' };
    const berlin = renderEmail(content, reader('km', 'Europe/Berlin'), links);
    const newYork = renderEmail(content, reader('km', 'America/New_York'), links);
    const utc = renderEmail(content, reader('km', 'UTC'), links);
    // 23:30 UTC is already Tuesday 00:30 in Berlin, still Monday 18:30 in New York.
    expect(berlin.text).toMatch(/Tue 24 Nov, 00:30 (GMT\+1|CET)/);
    expect(newYork.text).toContain('Mon 23 Nov, 18:30 EST');
    expect(utc.text).toContain('Mon 23 Nov, 23:30 UTC');
    expect(berlin.html).toMatch(/Tue 24 Nov, 00:30 (GMT\+1|CET)/);
    // A receipt's date is the activity's own local date, the same in every zone.
    for (const out of [berlin, newYork]) expect(out.text).toContain('(Sun 22 Nov 2026)');
    // The alert's facts, signed, with the catalog's labels.
    expect(berlin.text).toContain('  CTL change, 7 days: +8.5');
    expect(berlin.text).toContain('  Threshold: +7');
  });

  it('a daily summary groups the day’s events by type and links each one into the app', () => {
    const plan = dataFor('plan.created');
    const a1 = dataFor('analysis.ready', 1);
    const a2 = dataFor('analysis.ready', 2);
    const out = renderEmail(
      {
        kind: 'daily',
        date: '2026-11-24',
        items: [
          { type: 'analysis.ready', data: a1, at: '2026-11-24T06:00:00Z' },
          { type: 'plan.created', data: plan, at: '2026-11-24T07:00:00Z' },
          { type: 'analysis.ready', data: a2, at: '2026-11-24T08:00:00Z' },
        ],
      },
      reader('mi', 'America/Denver'),
      links,
    );
    expectSafeHtml(out.html);
    expect(out.subject).toBe('Your Cadence day, Tue 24 Nov: 2 analysis updates, 1 plan update');
    const headings = ['2 ANALYSIS UPDATES', '1 PLAN UPDATE'].map((h) => out.text.indexOf(h));
    expect(headings.every((i) => i >= 0)).toBe(true);
    expect(headings[0]).toBeLessThan(headings[1]!);
    expect(out.text).toContain('Tue 24 Nov, 01:00 MST');
    expect(out.text).toContain(`Open in Cadence: ${ORIGIN}/training`);
    expect(out.text).toContain('  Form (TSB): \u22127.1');
    // Both categories in the footer's one link.
    expect(out.text).toContain('Unsubscribe from “Analysis and weekly summary” and “Training plan”: ');
    expect(out.text).toContain('because you chose a daily summary and “Analysis and weekly summary” and “Training plan” emails are on.');
  });

  it('a coach’s link cannot point the email anywhere but our origin', () => {
    const out = renderEmail(
      { kind: 'single', type: 'coach.update', data: dataFor('coach.update'), at: '2026-11-23T10:00:00Z' },
      reader(),
      links,
    );
    expect(out.html).not.toContain('evil.example');
    expect(out.text).toContain(`Open in Cadence: ${ORIGIN}/`);
  });
});
