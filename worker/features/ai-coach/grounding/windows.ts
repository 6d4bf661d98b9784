// Date windows named in plain English ("last month", "in October", "since 2026-09-01", "last 10 days",
// "on November 7", "on Saturday"), resolved against today's date in the athlete's zone. Every window is
// explicit: no phrase means "all time" unless the athlete says "ever" or "all time".
import { addDays, mondayOf, toEpochDay } from '../../../lib/dates';
import { dayText } from './units';

export interface Window {
  from: string;
  to: string;
  /** How the answer names it: "last month (2026-10-01 to 2026-10-31)". */
  label: string;
  /** The phrase alone ("last month"), when the window has one. */
  phrase?: string;
}

export const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_RE =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
export const monthIndex = (name: string): number => MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3)));

const pad2 = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
const isoOk = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};
const count = (s: string) => NUMBER_WORDS[s.toLowerCase()] ?? Number(s);

export const windowLabel = (from: string, to: string, phrase?: string) => (phrase ? `${phrase} (${from} to ${to})` : `${from} to ${to}`);

const mk = (from: string, to: string, phrase: string): Window => ({ from, to, label: windowLabel(from, to, phrase), phrase });

/** A month and day without a year: the latest such date on or before today. */
export function monthDayOnOrBefore(month: number, day: number, today: string): string | null {
  let y = Number(today.slice(0, 4));
  if (day < 1 || day > lastDayOf(y, month)) return null;
  let d = `${y}-${pad2(month + 1)}-${pad2(day)}`;
  if (d > today) {
    y -= 1;
    if (day > lastDayOf(y, month)) return null;
    d = `${y}-${pad2(month + 1)}-${pad2(day)}`;
  }
  return d;
}

/** The first date written in the text: ISO, "October 5", "5 October", "Oct 5th, 2026". */
export function dateIn(text: string, today: string): string | null {
  const iso = /\b(\d{4}-\d{2}-\d{2})\b/.exec(text);
  if (iso && isoOk(iso[1]!)) return iso[1]!;
  const md = new RegExp(`\\b${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?`, 'i').exec(text);
  const dm = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}\\b(?:,?\\s+(\\d{4}))?`, 'i').exec(text);
  const hit = md
    ? { month: monthIndex(md[1]!), day: Number(md[2]), year: md[3] }
    : dm
      ? { month: monthIndex(dm[2]!), day: Number(dm[1]), year: dm[3] }
      : null;
  if (!hit || hit.month < 0) return null;
  if (hit.year) {
    const d = `${hit.year}-${pad2(hit.month + 1)}-${pad2(hit.day)}`;
    return isoOk(d) && hit.day <= lastDayOf(Number(hit.year), hit.month) ? d : null;
  }
  return monthDayOnOrBefore(hit.month, hit.day, today);
}

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const WEEKDAY_RE = /\b(last\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?\b/;

/** The latest such weekday on or before today ("last Saturday": before today). */
function weekdayOnOrBefore(weekday: number, today: string, strictlyBefore: boolean): string {
  const todayMon0 = (toEpochDay(today) + 3) % 7;
  let back = (todayMon0 - weekday + 7) % 7;
  if (back === 0 && strictlyBefore) back = 7;
  return addDays(today, -back);
}

/**
 * The one day a text names, or null: "today", "yesterday", an ISO date, "November 7" / "7 Nov" /
 * "Nov 7th" (the latest on or before today without a year), or a weekday ("on Saturday", "Saturday's":
 * the latest on or before today; "last Saturday": before today). A range ("between … and …") is not one day.
 */
export function dayIn(text: string, today: string): { date: string; phrase?: string } | null {
  const t = text.toLowerCase().replace(/[’‘]/g, "'");
  if (rangeIn(t, today) || /\bsince\b/.test(t)) return null;
  if (/\btoday(?:'s)?\b/.test(t)) return { date: today, phrase: 'today' };
  if (/\byesterday(?:'s)?\b/.test(t)) return { date: addDays(today, -1), phrase: 'yesterday' };
  const d = dateIn(t, today);
  if (d) return { date: d };
  const wd = weekdayIn(t, today);
  return wd ? { date: wd } : null;
}

function weekdayIn(t: string, today: string): string | null {
  const wd = WEEKDAY_RE.exec(t);
  return wd ? weekdayOnOrBefore(WEEKDAYS.indexOf(wd[2]!), today, Boolean(wd[1])) : null;
}

const RANGE_RE = /\b(?:between|from)\s+(.+?)\s+(?:and|to|until|till|through)\s+(.+?)(?=[?!,;]|\.(?:\s|$)|$)/;

/** "between 2026-10-01 and 2026-10-15", "from Nov 1 to Nov 7": both ends dates, the start not after the end. */
function rangeIn(t: string, today: string): { from: string; to: string } | null {
  const m = RANGE_RE.exec(t);
  if (!m) return null;
  const to = dateIn(m[2]!, today);
  // A start without a year is the latest such day on or before the end ("Dec 28 to Jan 3").
  const from = to ? dateIn(m[1]!, to) : null;
  return from && to && from <= to ? { from, to } : null;
}

/** "3 weeks ago", "two months ago", "10 days ago" → that date. */
export function agoIn(text: string, today: string): string | null {
  const m = /\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a)\s+(day|week|month)s?\s+ago\b/i.exec(text);
  if (!m) return null;
  const n = m[1]!.toLowerCase() === 'a' ? 1 : count(m[1]!);
  const unit = m[2]!.toLowerCase();
  return addDays(today, -(unit === 'day' ? n : unit === 'week' ? 7 * n : 30 * n));
}

/** The window a question names, or null when it names none. `returnDate` resolves "since I got back". */
export function windowIn(text: string, today: string, returnDate: string | null = null): Window | null {
  const t = text.toLowerCase();
  const y = Number(today.slice(0, 4));
  const mo = Number(today.slice(5, 7)) - 1;
  const range = rangeIn(t, today);
  if (range) return { ...range, label: windowLabel(range.from, range.to) };
  if (returnDate && /\bsince (?:i (?:got|came|was) back|my return|returning|coming back|i returned|the (?:injury|break))\b/.test(t))
    return mk(returnDate, today, 'since your return');
  const since = /\bsince\s+(.{3,30})/.exec(t);
  if (since) {
    const d = dateIn(since[1]!, today) ?? weekdayIn(since[1]!, today);
    if (d && d <= today) return mk(d, today, `since ${dayText(d, today)}`);
  }
  const lastN = /\b(?:last|past|previous)\s+(\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twelve)\s+(day|week|month)s?\b/.exec(t);
  if (lastN) {
    const n = count(lastN[1]!);
    const days = lastN[2] === 'day' ? n : lastN[2] === 'week' ? 7 * n : 30 * n;
    if (days >= 1 && days <= 3660) return mk(addDays(today, -days + 1), today, `the last ${n} ${lastN[2]}${n === 1 ? '' : 's'}`);
  }
  if (/\btoday\b/.test(t)) return mk(today, today, 'today');
  if (/\byesterday\b/.test(t)) return mk(addDays(today, -1), addDays(today, -1), 'yesterday');
  // One named day ("on November 7", "on Saturday"): before the month and week rules, so "Nov 7" is that day.
  const day = dayIn(t, today);
  if (day) return { from: day.date, to: day.date, label: windowLabel(day.date, day.date) };
  if (/\bthis week\b/.test(t)) return mk(mondayOf(today), today, 'this week');
  if (/\blast week\b/.test(t)) return mk(addDays(mondayOf(today), -7), addDays(mondayOf(today), -1), 'last week');
  if (/\bthis month\b/.test(t)) return mk(`${today.slice(0, 7)}-01`, today, 'this month');
  if (/\blast month\b/.test(t)) {
    const py = mo === 0 ? y - 1 : y;
    const pm = mo === 0 ? 11 : mo - 1;
    return mk(`${py}-${pad2(pm + 1)}-01`, `${py}-${pad2(pm + 1)}-${pad2(lastDayOf(py, pm))}`, 'last month');
  }
  if (/\bthis year\b/.test(t)) return mk(`${y}-01-01`, today, 'this year');
  if (/\blast year\b/.test(t)) return mk(`${y - 1}-01-01`, `${y - 1}-12-31`, 'last year');
  const inMonth = new RegExp(`\\b(?:in|during|for)\\s+${MONTH_RE}\\b(?:\\s+(\\d{4}))?`).exec(t);
  if (inMonth) {
    const m = monthIndex(inMonth[1]!);
    const yy = inMonth[2] ? Number(inMonth[2]) : m > mo ? y - 1 : y;
    const to = `${yy}-${pad2(m + 1)}-${pad2(lastDayOf(yy, m))}`;
    return mk(`${yy}-${pad2(m + 1)}-01`, to < today ? to : today, `${MONTHS[m]![0]!.toUpperCase()}${MONTHS[m]!.slice(1)} ${yy}`);
  }
  const inYear = /\b(?:in|during)\s+(20\d{2})\b/.exec(t);
  if (inYear) {
    const yy = Number(inYear[1]);
    const to = `${yy}-12-31`;
    if (`${yy}-01-01` <= today) return mk(`${yy}-01-01`, to < today ? to : today, String(yy));
  }
  if (/\b(?:ever|all[- ]time|of all time)\b/.test(t)) return mk('2000-01-01', today, 'all time');
  return null;
}
