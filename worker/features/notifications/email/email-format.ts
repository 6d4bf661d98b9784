import { localParts, zoneAbbreviation } from '../../../lib/dates';
import type { Fact, Receipt } from '../notification-types';
import type { EmailRecipient } from './email-content';

// Words and numbers as the reader sees them: their units, their zone, one fixed English style. Built by
// hand rather than with Intl's locale data so every mail client and every runtime shows the same text.

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUS = '\u2212';

/** A local calendar date: "2026-11-30" → "Mon 30 Nov 2026" (or without the year). */
export function formatDate(ymd: string, withYear = true): string {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  return `${weekday} ${d} ${MONTHS[m - 1]}${withYear ? ` ${y}` : ''}`;
}

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
  return `${formatDate(p.date, false)}, ${hhmm} ${zone === 'UTC' ? 'UTC' : zoneAbbreviation(at, zone)}`;
}

export const formatDistance = (meters: number, units: EmailRecipient['units']) =>
  units === 'mi' ? `${(meters / 1609.344).toFixed(1)} mi` : `${(meters / 1000).toFixed(1)} km`;

/** Moving time: "4 h 05 min", "45 min". */
export function formatHours(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const h = Math.floor(minutes / 60);
  return h ? `${h} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}

/** A performance: "1:02:03", "21:34". */
export function formatClock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
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
      return formatClock(fact.value);
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
    date: formatDate(r.startDate),
    href: absoluteUrl(appOrigin, `/activities/${encodeURIComponent(r.id)}`),
  }));

/** Subjects and preheaders are one line: user text cannot add a header or a line break. */
export const oneLine = (s: string, max = 200) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
