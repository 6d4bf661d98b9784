// Dates are formatted on the server in the user's time zone, so the HTML and hydration agree.

import { formatDistance as distanceIn } from '../../../worker/lib/format';

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

export function formatDateTime(value: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: safeZone(timeZone) }).format(
    new Date(value),
  );
}

export function formatDate(value: string | Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: safeZone(timeZone) }).format(new Date(value));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "just now", "5 minutes ago", "yesterday"; older than a month falls back to the date. */
export function relativeTime(value: string | Date, now: Date, timeZone: string): string {
  const seconds = Math.round((now.getTime() - new Date(value).getTime()) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds > 30 * 86_400) return formatDate(value, timeZone);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, size] of UNITS) if (seconds >= size) return rtf.format(-Math.floor(seconds / size), unit);
  return 'just now';
}

/** "14:05" in the user's time zone, with the date added when it isn't today there ("14:05 on 3 Mar"). */
export function formatClock(value: string | Date, timeZone: string, now: Date): string {
  const zone = safeZone(timeZone);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(
    new Date(value),
  );
  const day = (d: Date | string) =>
    new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: zone }).format(new Date(d));
  return day(value) === day(now) ? time : `${time} on ${day(value)}`;
}

/** A calendar date ("2026-03-03", already the athlete's local date) as "Tue 3 Mar 2026"; never shifted by a zone. */
export function formatCalendarDate(ymd: string): string {
  const date = new Date(`${ymd}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return ymd;
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    date,
  );
}

/** Metres as km or miles with one decimal ("12.3 km"); null for no distance (strength, yoga…). */
export function formatDistance(metres: number, units: 'km' | 'mi'): string | null {
  return metres > 0 ? distanceIn(metres, units) : null;
}

/** Seconds as h:mm:ss ("1:02:03", "0:45:10"). */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}
