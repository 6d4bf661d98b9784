import { describe, expect, it } from 'vitest';
import { NOTIFICATION_TYPE_NAMES, NOTIFICATION_TYPES, type NotificationType, typeSpec } from '../notification-types';
import type { EmailContent, EmailLinks, EmailRecipient, WeeklySummary } from './email-content';
import { renderEmail } from './render-email';

const ORIGIN = 'https://app.cadence.test';
// Every kind of hostile user text: markup, every character HTML escapes, a script URL.
const XSS = '<script>alert(1)</script>';
const QUOTES = `"'&<>`;
const JS_URL = 'javascript:alert(document.cookie)';
const IMG = '<img src=x onerror=alert(1)>';
const hostile = (n = 0) => `${XSS} ${QUOTES} ${JS_URL} ${IMG} #${n}`;
const hostileShort = (max: number) => `${XSS}${QUOTES}`.slice(0, max);

const links: EmailLinks = {
  appOrigin: ORIGIN,
  unsubscribeUrl: `${ORIGIN}/unsubscribe?t=TOKEN`,
  oneClickUrl: `${ORIGIN}/api/v1/notifications/unsubscribe?t=TOKEN`,
  preferencesUrl: `${ORIGIN}/settings/notifications`,
};
const lockedLinks: EmailLinks = { ...links, unsubscribeUrl: null, oneClickUrl: null };
const reader = (units: 'km' | 'mi' = 'km', timeZone = 'Europe/Berlin'): EmailRecipient => ({ displayName: hostile(), units, timeZone });

const receipt = (n: number) => ({ id: crypto.randomUUID(), name: hostile(n), startDate: '2026-11-22' });

/** Valid data for every catalog type, with hostile text wherever a user or a coach writes it. */
function dataFor(type: NotificationType, n = 0): Record<string, unknown> {
  const data: Record<NotificationType, unknown> = {
    'plan.created': { planId: crypto.randomUUID(), planName: hostile(n), weeks: 12, rebuilt: n % 2 === 1, startsOn: '2026-11-30' },
    'plan.adapted': { planId: crypto.randomUUID(), count: 2, applied: n % 2, reason: hostileShort(500), decides: 'you' },
    // Never emailed (emailed: false), rendered here anyway: a workout's title is the athlete's or the coach's text.
    'workout.reminder': {
      date: '2026-11-24',
      workoutId: crypto.randomUUID(),
      title: hostileShort(200),
      durationS: 3600,
      count: 1,
      endsAt: '2026-11-24T23:00:00.000Z',
    },
    'analysis.ready': {
      source: 'import',
      activityCount: 2,
      newBests: [{ label: hostileShort(80), seconds: 1294, activityId: crypto.randomUUID() }],
      form: { date: '2026-11-22', ctl: 54.27, atl: 61.4, tsb: -7.13 },
      receipts: [receipt(n), receipt(n + 1)],
    },
    'load.warning': { kind: 'ramp', date: '2026-11-23', value: 8.5, threshold: 7, receipts: [receipt(n)] },
    'weekly.summary': { weekStart: '2026-11-16' },
    'coach.link_request': { linkId: crypto.randomUUID(), orgName: hostile(n) },
    // A coach's free text, and a link that would leave our origin if resolved naively.
    'coach.update': { title: hostile(n), body: hostile(n + 100), link: '//evil.example/steal' },
    'coach.proposal': { conversationId: crypto.randomUUID(), proposalId: crypto.randomUUID(), summary: hostile(n) },
    // A comment is free text from either side: its author's name, the subject's title and its words.
    'comment.posted': {
      subjectKind: 'activity',
      subjectTitle: hostileShort(200),
      authorName: hostileShort(200),
      excerpt: hostileShort(280),
      link: `/activities/${crypto.randomUUID()}#comments`,
    },
    'strava.disconnected': { reason: 'revoked_at_provider', removed: 14, kept: 230 },
    'privacy.export_ready': { requestId: crypto.randomUUID(), bytes: 1_048_576, expiresAt: '2026-11-25T10:00:00.000Z' },
    'strava.cache_reduced': { reduced: 37 },
    'social.achievement': {
      code: 'first_5k',
      title: 'First 5 km run',
      points: 10,
      earnedAt: '2026-11-22T07:00:00.000Z',
      activityIds: [crypto.randomUUID()],
    },
    'billing.trial_ending': { tierName: hostileShort(40), endsOn: '2026-12-01' },
    'billing.payment_failed': {
      tierName: hostileShort(40),
      amountMinor: 1299,
      currency: 'eur',
      graceEndsOn: '2026-12-05',
      invoiceId: null,
    },
    // A display name is the asker's own text.
    'social.follow_request': { userId: crypto.randomUUID(), name: hostileShort(200) },
    'social.follow_accepted': { userId: crypto.randomUUID(), name: hostileShort(200) },
    // A moderator's reason is free text an operator wrote.
    'social.moderation': {
      actionId: crypto.randomUUID(),
      kind: n % 2 === 1 ? 'hide' : 'suspend',
      targetKind: n % 2 === 1 ? 'comment' : 'profile',
      reason: hostileShort(500),
      until: n % 2 === 1 ? null : '2026-12-03T09:00:00.000Z',
    },
    'social.mention': { postId: crypto.randomUUID(), byName: hostileShort(200), postTitle: hostileShort(200), excerpt: hostileShort(280) },
    'social.kudos': { postId: crypto.randomUUID(), byName: hostileShort(200), postTitle: hostileShort(200) },
    'social.comment': { postId: crypto.randomUUID(), byName: hostileShort(200), postTitle: hostileShort(200), excerpt: hostileShort(280) },
  };
  // Through the catalog's own schema: the renderer only ever sees data the fan-out accepted.
  return NOTIFICATION_TYPES[type].data.parse(data[type]) as Record<string, unknown>;
}

const weekly = (over: Partial<WeeklySummary> = {}): WeeklySummary => ({
  weekStart: '2026-11-16',
  weekEnd: '2026-11-22',
  volume: { activities: 5, distanceM: 42_195, movingTimeS: 4 * 3600 + 5 * 60, previousDistanceM: 40_000 },
  load: { total: 412.4, previous: 380 },
  form: { date: '2026-11-22', ctl: 54.27, atl: 61.4, tsb: -7.13 },
  compliance: { planned: 5, completed: 4, skipped: 1, percent: 80 },
  nextWeek: [
    { date: '2026-11-24', title: hostile(7), kind: 'intervals', distanceM: 10_000, durationS: 3600 },
    { date: '2026-11-29', title: 'Long run', kind: 'long', distanceM: 25_000, durationS: null },
  ],
  receipts: [receipt(1), receipt(2)],
  ...over,
});

const ALLOWED_TAGS = new Set([
  'html',
  'head',
  'meta',
  'body',
  'table',
  'tbody',
  'tr',
  'td',
  'div',
  'p',
  'a',
  'h1',
  'h2',
  'h3',
  'hr',
  'ul',
  'li',
  'span',
  'strong',
  'i',
]);
const ALLOWED_ATTRS = new Set([
  'lang',
  'dir',
  'content',
  'http-equiv',
  'name',
  'style',
  'border',
  'width',
  'cellpadding',
  'cellspacing',
  'role',
  'align',
  'href',
  'target',
  'data-skip-in-text',
]);

/** The raw markup: only our tags and attributes, every link absolute on our origin, no user text unescaped. */
function expectSafeHtml(html: string) {
  expect(html.startsWith('<!DOCTYPE html')).toBe(true);
  // Raw, never; escaped (`&lt;img … onerror=…&gt;`) it is just text, which the checks below prove.
  for (const raw of [XSS, QUOTES, IMG, '<script', '<img']) expect(html).not.toContain(raw);
  // Outlook's conditional comments (the Button's padding hack) are the only comments.
  const markup = html.replace(/^<!DOCTYPE[^>]*>/, '').replace(/<!--\[if mso\]>[\s\S]*?<!\[endif\]-->/g, '');
  expect(markup).not.toContain('<!--');
  for (const m of markup.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    expect(ALLOWED_TAGS, `tag <${m[1]}>`).toContain(m[1]!.toLowerCase());
    for (const a of m[2]!.matchAll(/\s([^\s=]+)(?:="([^"]*)")?/g)) {
      expect(ALLOWED_ATTRS, `attribute ${a[1]} on <${m[1]}>`).toContain(a[1]!.toLowerCase());
      // Attribute values are quoted and escaped: no raw quote, angle bracket or ampersand entity break-out.
      expect(a[2] ?? '').not.toMatch(/[<>"]/);
    }
  }
  // What is left between tags is text: no angle bracket survives unescaped.
  expect(markup.replace(/<\/?[a-zA-Z][^>]*>/g, '')).not.toMatch(/[<>]/);
  const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) {
    expect(href.startsWith(`${ORIGIN}/`), href).toBe(true);
    expect(new URL(href).origin).toBe(ORIGIN);
  }
  // Escaped, the hostile text is there as text.
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
}

const contentsFor = (type: NotificationType): [string, EmailContent][] => {
  const items = Array.from({ length: 7 }, (_, n) => ({ data: dataFor(type, n), at: `2026-11-23T2${n % 4}:1${n}:00Z` }));
  return [
    ['single', { kind: 'single', type, data: dataFor(type), at: '2026-11-23T23:30:00Z' }],
    ['digest', { kind: 'digest', type, items }],
    ['daily', { kind: 'daily', date: '2026-11-24', items: items.slice(0, 2).map((i) => ({ type, ...i })) }],
  ];
};

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
