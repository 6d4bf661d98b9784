// The calendar's visible range in the org's time zone, built with the same date helpers (worker/lib/dates) as the
// worker (SMS, reminders), so "Monday 00:00 in Denver" is one instant everywhere, DST days included.
// Pure: the loader computes it and the browser polls exactly its [from, to).

import { addDays, localParts, zonedToUtc } from '../../../worker/lib/dates';

export type CalendarView = 'day' | 'week' | 'month';
export const CALENDAR_VIEWS: CalendarView[] = ['day', 'week', 'month'];

export interface CalendarDay {
  /** YYYY-MM-DD, org-local. */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** False for the padding days of a month grid (before the 1st, after the last); they are not polled. */
  inRange: boolean;
}

export interface CalendarRange {
  view: CalendarView;
  date: string;
  /** ISO instants of the polled range [from, to). */
  from: string;
  to: string;
  days: CalendarDay[];
  title: string;
  prev: string;
  next: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isRealDate = (date: string) => DATE.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
const fmt = (date: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

/** The view and date a URL asks for, falling back to this week around today (org-local). */
export function parseCalendarParams(params: URLSearchParams, today: string): { view: CalendarView; date: string } {
  const v = params.get('view');
  const d = params.get('date') ?? '';
  return { view: CALENDAR_VIEWS.includes(v as CalendarView) ? (v as CalendarView) : 'week', date: isRealDate(d) ? d : today };
}

/** Monday of the week holding `date`. */
export const mondayOf = (date: string) => addDays(date, -((weekdayOf(date) + 6) % 7));

const firstOfMonth = (date: string) => `${date.slice(0, 8)}01`;
function addMonths(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const t = new Date(Date.UTC(y, m, 1));
  return t.toISOString().slice(0, 10);
}

export function calendarRange(view: CalendarView, date: string, timeZone: string): CalendarRange {
  let start: string;
  let end: string;
  let gridStart: string;
  let gridEnd: string;
  let prev: string;
  let next: string;
  let title: string;
  if (view === 'day') {
    start = gridStart = date;
    end = gridEnd = addDays(date, 1);
    prev = addDays(date, -1);
    next = end;
    title = fmt(date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  } else if (view === 'week') {
    start = gridStart = mondayOf(date);
    end = gridEnd = addDays(start, 7);
    prev = addDays(start, -7);
    next = end;
    const last = addDays(start, 6);
    const sameMonth = start.slice(0, 7) === last.slice(0, 7);
    title = `${fmt(start, sameMonth ? { day: 'numeric' } : { day: 'numeric', month: 'short' })} – ${fmt(last, { day: 'numeric', month: 'short', year: 'numeric' })}`;
  } else {
    start = firstOfMonth(date);
    end = addMonths(start, 1);
    gridStart = mondayOf(start);
    gridEnd = addDays(mondayOf(addDays(end, -1)), 7);
    prev = addMonths(start, -1);
    next = end;
    title = fmt(start, { month: 'long', year: 'numeric' });
  }
  const days: CalendarDay[] = [];
  for (let d = gridStart; d < gridEnd; d = addDays(d, 1)) days.push({ date: d, weekday: weekdayOf(d), inRange: d >= start && d < end });
  return {
    view,
    date,
    from: zonedToUtc(start, '00:00', timeZone).toISOString(),
    to: zonedToUtc(end, '00:00', timeZone).toISOString(),
    days,
    title,
    prev,
    next,
  };
}

/** The org-local date an instant falls on (which calendar cell a booking goes in). */
export const localDateOf = (iso: string, timeZone: string) => localParts(new Date(iso), timeZone).date;

/** "09:05" in the org's zone. */
export function localTimeOf(iso: string, timeZone: string): string {
  const p = localParts(new Date(iso), timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** "Mon 9 Mar" for a YYYY-MM-DD. */
export const dayLabel = (date: string) => fmt(date, { weekday: 'short', day: 'numeric', month: 'short' });
export const longDayLabel = (date: string) => fmt(date, { weekday: 'long', day: 'numeric', month: 'long' });
