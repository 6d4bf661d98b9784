// Dates are formatted on the server in the user's time zone, so the HTML and hydration agree. Every date
// is written one way, "25 Nov 2026" (weekday first where the day matters), by the hand-built formatters the
// emails and insights use too: no ICU's variant ("Sept", "Tue, 3 Mar") can make two pages disagree.

import { localParts } from '../../../worker/lib/dates';
import { formatDistance as distanceIn, formatDay, formatDayMonth, formatWeekdayDate } from '../../../worker/lib/format';

function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * The one zone an activity's page reads its start in (ADR 031 amendment, issue 37): where it was done when
 * the source says so (an IANA zone, as Strava sends), else the athlete's own zone. The header's date and
 * every "Started …" on the page come from it, so they cannot disagree.
 */
export function activityZone(activityTimeZone: string | null | undefined, athleteTimeZone: string): string {
  return activityTimeZone && safeZone(activityTimeZone) === activityTimeZone ? activityTimeZone : safeZone(athleteTimeZone);
}

/** YYYY-MM-DD of an instant in a zone. */
export function isoDateIn(value: string | Date, timeZone: string): string {
  return localParts(new Date(value), safeZone(timeZone)).date;
}

/** "25 Nov 2026, 14:05" in the user's time zone. */
export function formatDateTime(value: string | Date, timeZone: string): string {
  const l = localParts(new Date(value), safeZone(timeZone));
  return `${formatDay(l.date)}, ${pad2(l.hour)}:${pad2(l.minute)}`;
}

/** "25 Nov 2026": the instant's date in the user's time zone. */
export function formatDate(value: string | Date, timeZone: string): string {
  return formatDay(localParts(new Date(value), safeZone(timeZone)).date);
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
  const at = localParts(new Date(value), zone);
  const time = `${pad2(at.hour)}:${pad2(at.minute)}`;
  return at.date === localParts(now, zone).date ? time : `${time} on ${formatDayMonth(at.date)}`;
}

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(ymd: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return false;
  const d = new Date(`${ymd}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}

/** A calendar date ("2026-03-03", already the athlete's local date) as "Tue 3 Mar 2026"; never shifted by a zone. */
export function formatCalendarDate(ymd: string): string {
  return isCalendarDate(ymd) ? formatWeekdayDate(ymd, true) : ymd;
}

/**
 * What a date field shows for its value, "Fri" and "27 Nov 2026" (a narrow field drops the weekday); null
 * while it holds no whole date.
 */
export function dateFieldText(ymd: string): { weekday: string; date: string } | null {
  if (!isCalendarDate(ymd)) return null;
  const date = formatDay(ymd);
  return { weekday: formatWeekdayDate(ymd, true).slice(0, -date.length - 1), date };
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
