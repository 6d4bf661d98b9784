import { localParts, zoneAbbreviation } from '../../../lib/dates';
import { formatDistance, formatRaceTime, formatWeekdayDate } from '../../../lib/format';
import type { Fact, Receipt } from '../notification-types';
import type { EmailRecipient } from './email-content';

// Words and numbers as the reader sees them: their units, their zone, one fixed English style (the
// shared formatters in worker/lib/format.ts, and the few only emails use).

const MINUS = '\u2212';

/** An instant in the reader's zone: "Tue 24 Nov, 00:30 GMT+1" (UTC for a zone the runtime does not know). */
export function formatInstant(iso: string, timeZone: string): string {
  const at = new Date(iso);
  let zone = timeZone;
  try {
    localParts(at, zone);
  } catch {
    zone = 'UTC';
  }
  const p = localParts(at, zone);
  const hhmm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  return `${formatWeekdayDate(p.date)}, ${hhmm} ${zone === 'UTC' ? 'UTC' : zoneAbbreviation(at, zone)}`;
}

/** At most one decimal, a real minus sign; `signed` adds "+" to positive values. */
export function formatNumber(value: number, signed = false): string {
  const rounded = Math.round(value * 10) / 10;
  const body = Math.abs(rounded).toFixed(Number.isInteger(rounded) ? 0 : 1);
  if (rounded < 0) return `${MINUS}${body}`;
  return signed && rounded > 0 ? `+${body}` : body;
}

/** Change against a previous figure in percent ("+12%"), or null without a previous figure. */
export function formatChange(current: number, previous: number): string | null {
  if (previous <= 0) return null;
  const pct = Math.round(((current - previous) / previous) * 100);
  return pct === 0 ? '±0%' : `${pct > 0 ? '+' : MINUS}${Math.abs(pct)}%`;
}

export function formatFact(fact: Fact, units: EmailRecipient['units']): string {
  switch (fact.format) {
    case 'distance_m':
      return formatDistance(fact.value, units);
    case 'duration_s':
      return formatRaceTime(fact.value);
    case 'number':
      return formatNumber(Math.round(fact.value));
    case 'signed_number':
      return formatNumber(fact.value, true);
    case 'percent':
      return `${Math.round(fact.value)}%`;
  }
}

/**
 * An app path as an absolute link on our origin. Only a plain "/path" is kept: "//host", "/\host" or
 * anything not starting with "/" falls back to the home page, so no data can point a link elsewhere.
 */
export function absoluteUrl(appOrigin: string, path: string | null | undefined): string {
  const origin = new URL(appOrigin).origin;
  const safe = path && /^\/(?![/\\])/.test(path) && !/[\s\u0000-\u001f]/.test(path) ? path : '/';
  const url = new URL(origin + safe);
  return url.origin === origin ? url.href : `${origin}/`;
}

export interface ReceiptView {
  name: string;
  date: string;
  href: string;
}

export const receiptViews = (receipts: Receipt[], appOrigin: string): ReceiptView[] =>
  receipts.map((r) => ({
    name: r.name,
    date: formatWeekdayDate(r.startDate, true),
    href: absoluteUrl(appOrigin, `/activities/${encodeURIComponent(r.id)}`),
  }));

/** Subjects and preheaders are one line: user text cannot add a header or a line break. */
export const oneLine = (s: string, max = 200) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
