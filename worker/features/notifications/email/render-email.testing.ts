// The email renderer's test fixtures: valid data for every catalog type with hostile text wherever a user or
// a coach writes it, a weekly summary, the links and the reader, and the check that rendered markup is safe.
import { expect } from 'vitest';
import { NOTIFICATION_TYPES, type NotificationType } from '../notification-types';
import type { EmailContent, EmailLinks, EmailRecipient, WeeklySummary } from './email-content';

export const ORIGIN = 'https://app.cadence.test';
// Every kind of hostile user text: markup, every character HTML escapes, a script URL.
const XSS = '<script>alert(1)</script>';
const QUOTES = `"'&<>`;
const JS_URL = 'javascript:alert(document.cookie)';
const IMG = '<img src=x onerror=alert(1)>';
export const hostile = (n = 0) => `${XSS} ${QUOTES} ${JS_URL} ${IMG} #${n}`;
const hostileShort = (max: number) => `${XSS}${QUOTES}`.slice(0, max);

export const links: EmailLinks = {
  appOrigin: ORIGIN,
  unsubscribeUrl: `${ORIGIN}/unsubscribe?t=TOKEN`,
  oneClickUrl: `${ORIGIN}/api/v1/notifications/unsubscribe?t=TOKEN`,
  preferencesUrl: `${ORIGIN}/settings/notifications`,
};
export const lockedLinks: EmailLinks = { ...links, unsubscribeUrl: null, oneClickUrl: null };
export const reader = (units: 'km' | 'mi' = 'km', timeZone = 'Europe/Berlin'): EmailRecipient => ({
  displayName: hostile(),
  units,
  timeZone,
});

const receipt = (n: number) => ({ id: crypto.randomUUID(), name: hostile(n), startDate: '2026-11-22' });

/** Valid data for every catalog type, with hostile text wherever a user or a coach writes it. */
export function dataFor(type: NotificationType, n = 0): Record<string, unknown> {
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

export const weekly = (over: Partial<WeeklySummary> = {}): WeeklySummary => ({
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
export function expectSafeHtml(html: string) {
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

export const contentsFor = (type: NotificationType): [string, EmailContent][] => {
  const items = Array.from({ length: 7 }, (_, n) => ({ data: dataFor(type, n), at: `2026-11-23T2${n % 4}:1${n}:00Z` }));
  return [
    ['single', { kind: 'single', type, data: dataFor(type), at: '2026-11-23T23:30:00Z' }],
    ['digest', { kind: 'digest', type, items }],
    ['daily', { kind: 'daily', date: '2026-11-24', items: items.slice(0, 2).map((i) => ({ type, ...i })) }],
  ];
};
