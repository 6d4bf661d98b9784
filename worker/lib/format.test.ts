import { describe, expect, it } from 'vitest';
import {
  fixed,
  formatBytes,
  formatDay,
  formatDayMonth,
  formatDistance,
  formatHoursMinutes,
  formatMinSec,
  formatPace,
  formatRaceTime,
  formatWeekdayDate,
  monthName,
  signed,
} from './format';

describe('format', () => {
  it('numbers carry a real minus sign, and a rounded zero none', () => {
    expect(fixed(-0.04, 1)).toBe('0.0');
    expect(fixed(-1.25, 1)).toBe('\u22121.3');
    expect(signed(3.21)).toBe('+3.2');
    expect(signed(0)).toBe('0.0');
  });

  it('bytes in powers of 1024, one decimal below 100, never rounded up to a limit', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(584_704)).toBe('571 KB');
    expect(formatBytes(1_048_576)).toBe('1 MB');
    expect(formatBytes(25 * 1024 * 1024 + 1)).toBe('25 MB');
    expect(formatBytes(25.06 * 1024 * 1024)).toBe('25.1 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
  });

  it('distances and paces in the athlete units', () => {
    expect(formatDistance(21_097.5, 'km')).toBe('21.1 km');
    expect(formatDistance(21_097.5, 'mi')).toBe('13.1 mi');
    expect(formatPace(299.6, 'km')).toBe('5:00 /km');
    expect(formatPace(292, 'mi', '\u00a0')).toBe('4:52\u00a0/mi');
    expect(formatMinSec(245.4)).toBe('4:05');
  });

  it('durations: race times and training time', () => {
    expect(formatRaceTime(3723)).toBe('1:02:03');
    expect(formatRaceTime(2710)).toBe('45:10');
    expect(formatRaceTime(-65)).toBe('\u22121:05');
    expect(formatHoursMinutes(4 * 3600 + 5 * 60)).toBe('4 h 05 min');
    expect(formatHoursMinutes(45 * 60)).toBe('45 min');
  });

  it('calendar dates, never shifted by a zone', () => {
    expect(formatDay('2026-03-03')).toBe('3 Mar 2026');
    expect(formatDayMonth('2026-03-03')).toBe('3 Mar');
    expect(formatWeekdayDate('2026-03-09')).toBe('Mon 9 Mar');
    expect(formatWeekdayDate('2026-11-30', true)).toBe('Mon 30 Nov 2026');
    expect(monthName(8)).toBe('Sep');
    expect(monthName(12)).toBe('');
  });
});
