import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, fromEpochDay, mondayOf, toEpochDay } from './dates';

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
