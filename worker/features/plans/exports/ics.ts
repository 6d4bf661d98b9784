// The plan as an iCalendar feed (RFC 5545, with RFC 7986's NAME and REFRESH-INTERVAL) that
// calendar apps subscribe to. Workouts are all-day events on the athlete's local calendar day:
// the date string is copied as is (no Date, no time zone), so no offset or DST change can move it.
// UIDs depend only on the workout id and SEQUENCE on its revision, so a subscribed calendar updates
// an edited workout in place instead of duplicating it.
import { addDays } from '../../../lib/dates.ts';
import { byDayAndSlot, slotPrefix } from '../plans.types.ts';
import type { ExportPlan, ExportWorkout } from './export.types.ts';
import { formatDistance, formatDuration, stepsText, workoutText } from './workout-text.ts';

export { stepsText };

export interface IcsFeedOptions {
  /** DTSTAMP of every event: when this feed was rendered. */
  now: Date;
  calendarName: string;
  /** The right-hand side of every UID (`workout-<id>@<host>`). */
  host: string;
}

const CRLF = '\r\n';
const SLOT_WORDS = { am: 'Morning', pm: 'Evening' } as const;
const MAX_OCTETS = 75;

/** TEXT escaping (RFC 5545 §3.3.11). Control characters other than tab are not allowed in TEXT: dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n|\r/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

const utf8Octets = (codePoint: number): number => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/** Folds a content line into lines of at most 75 octets, never inside a UTF-8 sequence (§3.1). */
export function foldLine(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Octets(ch.codePointAt(0)!);
    if (octets + size > MAX_OCTETS) {
      lines.push(current);
      // The continuation's leading space is one of its 75 octets.
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  lines.push(current);
  return lines.join(CRLF);
}

/** 20261124 from 2026-11-24. */
const icsDate = (ymd: string): string => ymd.replaceAll('-', '');

/** A UTC DATE-TIME: 20261124T073000Z. */
const icsUtc = (instant: Date): string => `${instant.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/**
 * "Tempo run (1 h 10 min)"; a completed workout is ticked so the calendar shows what is done. A day's morning or
 * evening session says so first ("AM · Easy run (40 min)"): the events stay all-day, so the order of a day's two is
 * the calendar app's, and the words carry it.
 */
function summary(w: ExportWorkout): string {
  const length = w.durationSec > 0 ? formatDuration(w.durationSec) : w.distanceM ? formatDistance(w.distanceM) : null;
  const title = `${slotPrefix(w.slot)}${length ? `${w.title} (${length})` : w.title}`;
  return w.status === 'completed' ? `✓ ${title}` : title;
}

function description(w: ExportWorkout): string {
  const steps = workoutText(w);
  const slot = w.slot ? `${SLOT_WORDS[w.slot]} session.` : '';
  return [slot, w.description.trim(), steps.join('\n')].filter(Boolean).join('\n\n');
}

/** Rest days and skipped workouts are not events: nothing to do on that day. */
export const isCalendarWorkout = (w: ExportWorkout): boolean => w.sport !== 'rest' && w.type !== 'rest' && w.status !== 'skipped';

function eventLines(w: ExportWorkout, opts: IcsFeedOptions): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:workout-${w.id}@${opts.host}`,
    `SEQUENCE:${w.revision}`,
    `DTSTAMP:${icsUtc(opts.now)}`,
    `LAST-MODIFIED:${icsUtc(w.updatedAt)}`,
    `DTSTART;VALUE=DATE:${icsDate(w.date)}`,
    `DTEND;VALUE=DATE:${icsDate(addDays(w.date, 1))}`,
    `SUMMARY:${escapeText(summary(w))}`,
    `DESCRIPTION:${escapeText(description(w))}`,
    'STATUS:CONFIRMED',
    // An all-day workout must not mark the whole day busy.
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** The whole feed, CRLF-terminated lines folded at 75 octets. Events are in date order, a day's AM before PM. */
export function icsFeed(plan: ExportPlan, workouts: ExportWorkout[], opts: IcsFeedOptions): string {
  const events = workouts.filter(isCalendarWorkout).sort((a, b) => byDayAndSlot(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const name = escapeText(opts.calendarName);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Cadence//Training plan feed//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${name}`,
    `X-WR-CALNAME:${name}`,
    `X-WR-CALDESC:${escapeText(`${plan.goalLabel}, ${plan.startDate} to ${plan.endDate}`)}`,
    // Google polls subscriptions every 8–24 h unless told otherwise; clients that honour these poll hourly.
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    ...events.flatMap((w) => eventLines(w, opts)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
