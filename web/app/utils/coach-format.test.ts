// The coach dashboard's week line: "still to come" only where it is true.
import { describe, expect, it } from 'vitest';
import { stillToCome } from './coach-format';

const week = (planned: number, done: number, missed: number) => ({ planned: { count: planned }, done: { count: done }, missed });

describe('stillToCome', () => {
  it('counts the workouts not done when none of the last 7 days was missed (so none was due yet)', () => {
    expect(stillToCome(week(2, 0, 0))).toBe(2);
    expect(stillToCome(week(4, 3, 0))).toBe(1);
  });

  it('says nothing when all are done, or when a missed workout means some of them were due', () => {
    expect(stillToCome(week(2, 2, 0))).toBeNull();
    expect(stillToCome(week(0, 0, 0))).toBeNull();
    expect(stillToCome(week(4, 0, 2))).toBeNull();
  });
});
