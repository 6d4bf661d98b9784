// The coach calendar's visible ranges (web/app/utils/coach-calendar.ts): the loader computes them and
// the browser polls exactly [from, to), so they must be org-local midnights across DST changes.
import { describe, expect, it } from 'vitest';
import { calendarRange, localDateOf, localTimeOf, parseCalendarParams } from '../../../../web/app/utils/coach-calendar';

const DENVER = 'America/Denver';
const hours = (r: { from: string; to: string }) => (Date.parse(r.to) - Date.parse(r.from)) / 3_600_000;

describe('calendarRange', () => {
  it('a week is Monday to Monday at Denver midnight, 167 hours across the spring-forward change', () => {
    const r = calendarRange('week', '2026-03-05', DENVER);
    expect(r.from).toBe('2026-03-02T07:00:00.000Z');
    expect(r.to).toBe('2026-03-09T06:00:00.000Z');
    expect(hours(r)).toBe(167);
    expect(r.days.map((d) => d.date)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(r.prev).toBe('2026-02-23');
    expect(r.next).toBe('2026-03-09');
    expect(r.title).toBe('2 – 8 Mar 2026');
  });

  it('the fall-back day is 25 hours and the spring-forward day 23', () => {
    expect(hours(calendarRange('day', '2026-11-01', DENVER))).toBe(25);
    expect(hours(calendarRange('day', '2026-03-08', DENVER))).toBe(23);
    expect(calendarRange('day', '2026-11-01', DENVER).from).toBe('2026-11-01T06:00:00.000Z');
  });

  it('a month polls the month only; the grid pads to whole Monday weeks that are not polled', () => {
    const r = calendarRange('month', '2026-03-19', DENVER);
    expect(r.from).toBe('2026-03-01T07:00:00.000Z');
    expect(r.to).toBe('2026-04-01T06:00:00.000Z');
    expect(r.days[0]).toMatchObject({ date: '2026-02-23', inRange: false, weekday: 1 });
    expect(r.days.at(-1)).toMatchObject({ date: '2026-04-05', inRange: false, weekday: 0 });
    expect(r.days.filter((d) => d.inRange)).toHaveLength(31);
    expect(r.days.length % 7).toBe(0);
    expect([r.prev, r.next, r.title]).toEqual(['2026-02-01', '2026-04-01', 'March 2026']);
    // December → January crosses the year.
    expect(calendarRange('month', '2026-12-31', DENVER)).toMatchObject({ next: '2027-01-01', prev: '2026-11-01' });
  });

  it('a week across a month end names both months; ranges stay within the API’s 62-day limit', () => {
    expect(calendarRange('week', '2026-11-30', DENVER).title).toBe('30 Nov – 6 Dec 2026');
    for (const date of ['2026-01-31', '2026-03-01', '2026-10-31', '2026-12-01'])
      expect(hours(calendarRange('month', date, DENVER))).toBeLessThanOrEqual(62 * 24);
  });

  it('places an instant on its org-local day and clock', () => {
    // 05:30 UTC on 9 March is still 8 March, 23:30 in Denver (MDT).
    expect(localDateOf('2026-03-09T05:30:00Z', DENVER)).toBe('2026-03-08');
    expect(localTimeOf('2026-03-09T05:30:00Z', DENVER)).toBe('23:30');
  });
});

describe('parseCalendarParams', () => {
  it('keeps a valid view and date, and falls back to this week around today otherwise', () => {
    expect(parseCalendarParams(new URLSearchParams('view=month&date=2026-03-09'), '2026-01-01')).toEqual({
      view: 'month',
      date: '2026-03-09',
    });
    expect(parseCalendarParams(new URLSearchParams('view=year&date=2026-02-30'), '2026-01-01')).toEqual({
      view: 'week',
      date: '2026-01-01',
    });
    expect(parseCalendarParams(new URLSearchParams('date=09/03/2026'), '2026-01-01')).toEqual({ view: 'week', date: '2026-01-01' });
  });
});
