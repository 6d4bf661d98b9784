import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  fromEpochDay,
  inDailyWindow,
  localDateOf,
  localDayRange,
  localParts,
  minutesOfDay,
  mondayOf,
  offsetMinutes,
  toEpochDay,
  zoneAbbreviation,
  zonedToUtc,
} from './dates';

describe('calendar day arithmetic', () => {
  it('agrees with Date for every day over four centuries of edge cases', () => {
    for (let n = toEpochDay('1899-12-25'); n <= toEpochDay('2101-01-05'); n += 1) {
      expect(fromEpochDay(n)).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
      if (n % 997 === 0) n += 30; // sample the middle, walk every day near the ends
    }
    expect(fromEpochDay(toEpochDay('2000-02-29'))).toBe('2000-02-29');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2025-12-31', '2026-03-01')).toBe(60);
  });

  it('finds the Monday of any day', () => {
    expect(mondayOf('2026-11-21')).toBe('2026-11-16'); // a Saturday
    expect(mondayOf('2026-11-16')).toBe('2026-11-16');
    expect(mondayOf('2026-11-22')).toBe('2026-11-16'); // Sunday ends the week
    expect(mondayOf('1970-01-01')).toBe('1969-12-29');
  });
});

const DENVER = 'America/Denver';

describe('zoned time', () => {
  it('reads local parts and offsets on both sides of DST', () => {
    expect(localParts(new Date('2026-03-07T04:00:00Z'), DENVER)).toEqual({
      date: '2026-03-06',
      hour: 21,
      minute: 0,
      second: 0,
      weekday: 5,
    });
    expect(offsetMinutes(new Date('2026-01-15T12:00:00Z'), DENVER)).toBe(-420);
    expect(offsetMinutes(new Date('2026-07-15T12:00:00Z'), DENVER)).toBe(-360);
    expect(offsetMinutes(new Date('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });

  it('turns a local wall-clock time into the right instant, across changes, gaps and overlaps', () => {
    expect(zonedToUtc('2026-03-07', '09:00', DENVER).toISOString()).toBe('2026-03-07T16:00:00.000Z'); // MST
    expect(zonedToUtc('2026-03-09', '09:00', DENVER).toISOString()).toBe('2026-03-09T15:00:00.000Z'); // MDT
    // 02:30 does not exist on 8 March 2026 in Denver: the same reading after the jump.
    expect(zonedToUtc('2026-03-08', '02:30', DENVER).toISOString()).toBe('2026-03-08T09:30:00.000Z');
    expect(localParts(zonedToUtc('2026-03-08', '02:30', DENVER), DENVER)).toMatchObject({ hour: 3, minute: 30 });
    // 01:30 happens twice on 1 November 2026: the first one (MDT).
    expect(zonedToUtc('2026-11-01', '01:30', DENVER).toISOString()).toBe('2026-11-01T07:30:00.000Z');
    expect(zonedToUtc('2026-06-01', '00:00', 'UTC').toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(zonedToUtc('2026-10-25', '12:00', 'Europe/London').toISOString()).toBe('2026-10-25T12:00:00.000Z');
  });

  it('gives 23- and 25-hour days on change days', () => {
    const spring = localDayRange('2026-03-08', DENVER);
    expect((spring.end.getTime() - spring.start.getTime()) / 3_600_000).toBe(23);
    const fall = localDayRange('2026-11-01', DENVER);
    expect((fall.end.getTime() - fall.start.getTime()) / 3_600_000).toBe(25);
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('names the zone as people read it and tests windows that cross midnight', () => {
    expect(zoneAbbreviation(new Date('2026-01-15T12:00:00Z'), DENVER)).toBe('MST');
    expect(zoneAbbreviation(new Date('2026-07-15T12:00:00Z'), DENVER)).toBe('MDT');
    const [s, e] = [minutesOfDay('21:00'), minutesOfDay('08:00')];
    expect([
      inDailyWindow(minutesOfDay('23:30'), s, e),
      inDailyWindow(minutesOfDay('07:59'), s, e),
      inDailyWindow(minutesOfDay('08:00'), s, e),
      inDailyWindow(minutesOfDay('20:59'), s, e),
    ]).toEqual([true, true, false, false]);
    expect(inDailyWindow(minutesOfDay('13:00'), minutesOfDay('12:00'), minutesOfDay('14:00'))).toBe(true);
    expect(inDailyWindow(600, 600, 600)).toBe(false);
  });

  it('answers the same when an answer is kept: each instant and midnight against a fresh formatter, past the memo bound', () => {
    const zones = [DENVER, 'Europe/London', 'Asia/Kathmandu', 'Pacific/Chatham', 'Pacific/Kiritimati', 'America/St_Johns'];
    const fresh = new Map(
      zones.map((z) => [z, new Intl.DateTimeFormat('en-CA', { timeZone: z, year: 'numeric', month: '2-digit', day: '2-digit' })]),
    );
    // 3 × 6 × 1,000 instants from 2024, 7 h 13 min apart (then twice, three times that; DST changes each year): the memo
    // fills and empties.
    for (let pass = 0; pass < 3; pass++)
      for (let i = 0; i < 1_000; i++) {
        const instant = new Date(Date.UTC(2024, 0, 1) + (i * 433 + pass * 17) * 60_000 * (pass + 1));
        for (const z of zones) {
          expect(localDateOf(instant, z)).toBe(fresh.get(z)!.format(instant));
          expect(localDateOf(instant, z)).toBe(fresh.get(z)!.format(instant)); // the kept answer
        }
      }
    for (const z of zones)
      for (let d = 0; d < 400; d += 3) {
        const date = addDays('2025-12-01', d);
        const first = zonedToUtc(date, '00:00', z);
        const again = zonedToUtc(date, '00:00', z);
        expect(again.getTime()).toBe(first.getTime());
        expect(again).not.toBe(first); // a Date of its own: a caller changing it changes nothing kept
        expect(localParts(first, z)).toMatchObject({ date, hour: 0, minute: 0 });
      }
    expect(() => zonedToUtc('2026-01-01', '00:00', 'Not/AZone')).toThrow(RangeError);
    expect(() => localDateOf(new Date(Number.NaN), DENVER)).toThrow(RangeError);
  });
});
