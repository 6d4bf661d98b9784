// Dates on the pages and in date fields are written one way, "25 Nov 2026", the way insights and emails
// write them (worker/lib/format.ts), in the viewer's time zone: checked against an independent reading of
// the instant (UTC arithmetic and the zone's known offsets), never against the code under test.
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../../worker/lib/format';
import { dateFieldText, formatCalendarDate, formatClock, formatDate, formatDateTime, isCalendarDate } from './format';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** The wall-clock date of `iso` shifted by a known offset (minutes), written by hand. */
function expectedDay(iso: string, offsetMin: number): string {
  const d = new Date(Date.parse(iso) + offsetMin * 60_000);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

describe('dates as the app writes them', () => {
  it('an instant is its date in the viewer’s zone, across midnight, the date line and DST', () => {
    const cases: [string, string, number][] = [
      ['2026-11-25T09:00:00Z', 'Europe/London', 0],
      ['2026-11-25T23:30:00Z', 'Asia/Tokyo', 9 * 60],
      ['2026-11-25T03:00:00Z', 'America/Denver', -7 * 60],
      ['2026-03-29T00:30:00Z', 'Europe/Berlin', 60], // the night clocks go forward: still UTC+1 at 00:30Z
      ['2026-03-29T01:30:00Z', 'Europe/Berlin', 120],
      ['2026-11-25T11:00:00Z', 'Pacific/Kiritimati', 14 * 60],
      ['2026-09-03T12:00:00Z', 'UTC', 0],
    ];
    for (const [iso, zone, offset] of cases) expect(formatDate(iso, zone), `${iso} ${zone}`).toBe(expectedDay(iso, offset));
  });

  it('September is "Sep", as everywhere else in Cadence, and an unknown zone reads as UTC', () => {
    expect(formatDate('2026-09-03T12:00:00Z', 'UTC')).toBe('3 Sep 2026');
    expect(formatDate('2026-09-03T12:00:00Z', 'Not/AZone')).toBe('3 Sep 2026');
    expect(formatDate('2026-09-03T12:00:00Z', 'UTC')).toBe(formatDay('2026-09-03'));
  });

  it('a time is 24-hour in the viewer’s zone, with its date', () => {
    expect(formatDateTime('2026-11-25T21:05:00Z', 'America/Denver')).toBe('25 Nov 2026, 14:05');
    expect(formatDateTime('2026-11-25T23:05:00Z', 'Europe/Berlin')).toBe('26 Nov 2026, 00:05');
    const now = new Date('2026-11-25T20:00:00Z');
    expect(formatClock('2026-11-25T21:05:00Z', 'America/Denver', now)).toBe('14:05');
    expect(formatClock('2026-11-24T21:05:00Z', 'America/Denver', now)).toBe('14:05 on 24 Nov');
    // The same day and month a year apart is another day.
    expect(formatClock('2025-11-25T21:05:00Z', 'America/Denver', now)).toBe('14:05 on 25 Nov');
  });

  it('a calendar date keeps its day in every zone, with its weekday', () => {
    for (const ymd of ['2026-03-03', '2026-11-25', '2024-02-29', '2027-01-01']) {
      const d = new Date(`${ymd}T00:00:00Z`);
      const expected = `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
      expect(formatCalendarDate(ymd)).toBe(expected);
    }
    expect(formatCalendarDate('2026-02-30')).toBe('2026-02-30');
  });
});

describe('a date field’s words', () => {
  it('shows its value as the pages write dates, the weekday apart for narrow fields', () => {
    expect(dateFieldText('2026-11-27')).toEqual({ weekday: 'Fri', date: '27 Nov 2026' });
    expect(dateFieldText('2027-02-17')).toEqual({ weekday: 'Wed', date: '17 Feb 2027' });
    expect(dateFieldText('2024-02-29')).toEqual({ weekday: 'Thu', date: '29 Feb 2024' });
  });

  it('shows nothing for what is not a whole date (a half-typed or impossible one)', () => {
    for (const v of ['', '2026-11', '2026-13-01', '2026-02-29', '27/11/2026', '+002026-11-27']) {
      expect(dateFieldText(v), v).toBeNull();
      expect(isCalendarDate(v), v).toBe(false);
    }
  });
});
