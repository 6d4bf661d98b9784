import { formatDistance, formatHoursMinutes, formatWeekdayDate } from '../../../lib/format';
import { CATEGORY_LABELS, type Category, type NotificationType, typeSpec } from '../notification-types';
import { type EmailContent, type EmailLinks, type EmailRecipient, emailCategories, type WeeklySummary } from './email-content';
import {
  absoluteUrl,
  formatChange,
  formatFact,
  formatInstant,
  formatNumber,
  oneLine,
  type ReceiptView,
  receiptViews,
} from './email-format';

// What each kind of email says, with every figure formatted and every link absolute. The HTML bodies
// (email-bodies.tsx) and the plain-text writers (email-text.ts) both print these, so the two parts of
// one message always carry the same facts and links.

/** One event as a block: the catalog's words, when, its figures and the activities they came from. */
export interface EventView {
  title: string;
  body: string;
  at: string;
  facts: { label: string; value: string }[];
  receipts: ReceiptView[];
  link: { label: string; href: string };
}

/** A list cut at `SHOWN` items, with "N more …" pointing into the app. */
export interface EventGroup {
  heading: string;
  events: EventView[];
  more: { label: string; href: string } | null;
}

export interface FooterView {
  reason: string;
  preferencesUrl: string;
  unsubscribe: { label: string; href: string } | null;
  /** Billing and security mail: says it cannot be turned off. */
  locked: boolean;
}

export type BodyView =
  | { kind: 'single'; event: EventView }
  | { kind: 'digest'; group: EventGroup }
  | { kind: 'daily'; date: string; groups: EventGroup[] }
  | { kind: 'weekly'; week: WeeklyView };

export interface EmailView {
  subject: string;
  preheader: string;
  greeting: string;
  body: BodyView;
  footer: FooterView;
  homeUrl: string;
}

export interface WeeklyView {
  heading: string;
  volume: { label: string; value: string }[];
  load: { label: string; value: string }[];
  form: { label: string; value: string }[] | null;
  formNote: string;
  compliance: string;
  nextWeek: { date: string; title: string; detail: string; href: string }[];
  receipts: ReceiptView[];
  link: { label: string; href: string };
}

const SHOWN = 5;

function eventView(type: NotificationType, data: Record<string, unknown>, at: string, r: EmailRecipient, links: EmailLinks): EventView {
  const spec = typeSpec(type);
  return {
    title: spec.title(data),
    body: spec.body(data),
    at: formatInstant(at, r.timeZone),
    facts: (spec.facts?.(data) ?? []).map((f) => ({ label: f.label, value: formatFact(f, r.units) })),
    receipts: receiptViews(spec.receipts?.(data) ?? [], links.appOrigin),
    link: { label: 'Open in Cadence', href: absoluteUrl(links.appOrigin, spec.link(data)) },
  };
}

function group(
  type: NotificationType,
  items: { data: Record<string, unknown>; at: string }[],
  r: EmailRecipient,
  links: EmailLinks,
): EventGroup {
  const spec = typeSpec(type);
  const hidden = items.slice(SHOWN);
  return {
    heading: spec.group(items.length),
    events: items.slice(0, SHOWN).map((i) => eventView(type, i.data, i.at, r, links)),
    more: hidden.length
      ? {
          label: `${spec.group(hidden.length).replace(/^(\d+)/, '$1 more')}`,
          href: absoluteUrl(links.appOrigin, spec.link(hidden[0]!.data)),
        }
      : null,
  };
}

function weeklyView(s: WeeklySummary, r: EmailRecipient, links: EmailLinks): WeeklyView {
  const change = formatChange(s.volume.distanceM, s.volume.previousDistanceM);
  const loadChange = formatChange(s.load.total, s.load.previous);
  const c = s.compliance;
  return {
    heading: `Your week: ${formatWeekdayDate(s.weekStart)} – ${formatWeekdayDate(s.weekEnd, true)}`,
    volume: [
      { label: 'Activities', value: String(s.volume.activities) },
      { label: 'Distance', value: formatDistance(s.volume.distanceM, r.units) },
      { label: 'Previous week', value: `${formatDistance(s.volume.previousDistanceM, r.units)}${change ? ` (${change})` : ''}` },
      { label: 'Moving time', value: formatHoursMinutes(s.volume.movingTimeS) },
    ],
    load: [
      { label: 'Training load', value: formatNumber(Math.round(s.load.total)) },
      { label: 'Previous week', value: `${formatNumber(Math.round(s.load.previous))}${loadChange ? ` (${loadChange})` : ''}` },
    ],
    form: s.form
      ? [
          { label: 'Fitness (CTL)', value: formatNumber(Math.round(s.form.ctl)) },
          { label: 'Fatigue (ATL)', value: formatNumber(Math.round(s.form.atl)) },
          { label: 'Form (TSB)', value: formatNumber(s.form.tsb, true) },
        ]
      : null,
    formNote: s.form
      ? `On ${formatWeekdayDate(s.form.date, true)}.`
      : 'No training-load history yet: fitness and form appear once activities with load are in.',
    compliance: !c
      ? 'No plan covered this week.'
      : `${c.completed} of ${c.planned} planned sessions done${c.percent === null ? '' : ` (${Math.round(c.percent)}%)`}${c.skipped ? `, ${c.skipped} skipped` : ''}.`,
    nextWeek: s.nextWeek.map((w) => ({
      date: formatWeekdayDate(w.date),
      title: w.title,
      detail: [
        w.kind,
        w.distanceM !== null ? formatDistance(w.distanceM, r.units) : null,
        w.durationS !== null ? formatHoursMinutes(w.durationS) : null,
      ]
        .filter(Boolean)
        .join(' · '),
      href: absoluteUrl(links.appOrigin, '/training'),
    })),
    receipts: receiptViews(s.receipts, links.appOrigin),
    link: { label: 'Open your dashboard', href: absoluteUrl(links.appOrigin, '/home') },
  };
}

const labelsOf = (categories: Category[]) => categories.map((c) => `“${CATEGORY_LABELS[c].label}”`);
const joinAnd = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

function footerView(content: EmailContent, links: EmailLinks): FooterView {
  const categories = emailCategories(content);
  const locked = links.unsubscribeUrl === null;
  const named = `${joinAnd(labelsOf(categories))} ${categories.length > 1 ? 'emails are' : 'email is'} on`;
  const reason = locked
    ? 'This is a billing and security email about your Cadence account. It is sent whatever your notification settings and cannot be turned off.'
    : content.kind === 'daily'
      ? `You get this summary because you chose a daily summary and ${named}.`
      : content.kind === 'weekly'
        ? `You get the Monday summary because ${named} in your notification preferences.`
        : `You get this email because ${named} in your notification preferences.`;
  return {
    reason,
    preferencesUrl: links.preferencesUrl,
    // Several labels are quoted so "Training plan" and "Coach and proposals" read as two.
    unsubscribe: links.unsubscribeUrl
      ? {
          label: `Unsubscribe from ${categories.length > 1 ? joinAnd(labelsOf(categories)) : CATEGORY_LABELS[categories[0]!].label}`,
          href: links.unsubscribeUrl,
        }
      : null,
    locked,
  };
}

/** The whole message as data: subject, preheader, body and footer for one reader. */
export function emailView(content: EmailContent, r: EmailRecipient, links: EmailLinks): EmailView {
  const base = { greeting: `Hi ${r.displayName},`, footer: footerView(content, links), homeUrl: absoluteUrl(links.appOrigin, '/home') };
  switch (content.kind) {
    case 'single': {
      const event = eventView(content.type, content.data, content.at, r, links);
      return { ...base, subject: oneLine(event.title), preheader: oneLine(event.body, 140), body: { kind: 'single', event } };
    }
    case 'digest': {
      const g = group(content.type, content.items, r, links);
      return {
        ...base,
        subject: oneLine(g.heading),
        preheader: oneLine(g.events.map((e) => e.title).join(' · '), 140),
        body: { kind: 'digest', group: g },
      };
    }
    case 'daily': {
      const byType = new Map<NotificationType, { data: Record<string, unknown>; at: string }[]>();
      for (const i of content.items) byType.set(i.type, [...(byType.get(i.type) ?? []), { data: i.data, at: i.at }]);
      const groups = [...byType].map(([type, items]) => group(type, items, r, links));
      const counts = groups.map((g) => g.heading).join(', ');
      const date = formatWeekdayDate(content.date, true);
      return {
        ...base,
        subject: oneLine(`Your Cadence day, ${formatWeekdayDate(content.date)}: ${counts}`),
        preheader: oneLine(counts, 140),
        body: { kind: 'daily', date, groups },
      };
    }
    case 'weekly': {
      const week = weeklyView(content.summary, r, links);
      const s = content.summary;
      const headline = `${s.volume.activities} ${s.volume.activities === 1 ? 'activity' : 'activities'}, ${formatDistance(s.volume.distanceM, r.units)}, load ${formatNumber(Math.round(s.load.total))}`;
      return {
        ...base,
        subject: oneLine(`Your week of ${formatWeekdayDate(s.weekStart)}: ${headline}`),
        preheader: oneLine(`${headline}${s.form ? `; form ${formatNumber(s.form.tsb, true)}` : ''}.`, 140),
        body: { kind: 'weekly', week },
      };
    }
  }
}
