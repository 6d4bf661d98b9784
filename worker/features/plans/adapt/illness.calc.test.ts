// Hand-checked re-entry after illness and injury (issue 58, ADR 103): a fortnight from Monday 30 November 2026.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { WorkoutType } from '../plans.types';
import type { AdaptWorkout } from './adapt.types';
import { healthSteps } from './illness.calc';

const MON = '2026-11-30';
const w = (id: string, day: number, type: WorkoutType, status: AdaptWorkout['status'] = 'planned'): AdaptWorkout => ({
  id,
  date: addDays(MON, day),
  slot: null,
  type,
  status,
  durationSec: 3600,
  load: 60,
});

/** Mon easy, Tue intervals, Wed easy, Thu tempo, Sat long, then the same the week after, and a threshold on day 15. */
const plan = [
  w('d0', 0, 'easy', 'completed'),
  w('d1', 1, 'intervals'),
  w('d2', 2, 'easy'),
  w('d3', 3, 'tempo'),
  w('d5', 5, 'long'),
  w('d7', 7, 'easy'),
  w('d8', 8, 'intervals'),
  w('d10', 10, 'tempo'),
  w('d12', 12, 'long'),
  w('d15', 15, 'threshold'),
];

describe('an illness with an end', () => {
  it('skips its days (hard and long first), then as many easy-only days as it lasted, then −20 % on the first hard one', () => {
    // Ill Tue 1 – Sat 5 December (5 days), read on Tuesday: skips d1, d3, d5 (key) then d2; easy-only to the 10th.
    const a = healthSteps({ id: 'n', kind: 'illness', from: addDays(MON, 1), to: addDays(MON, 5) }, plan, addDays(MON, 1));
    expect(a.until).toBe('2026-12-05');
    expect(a.reentryUntil).toBe('2026-12-10');
    expect(a.steps).toEqual([
      { kind: 'skip', workoutId: 'd1' },
      { kind: 'skip', workoutId: 'd3' },
      { kind: 'skip', workoutId: 'd5' },
      { kind: 'skip', workoutId: 'd2' },
      { kind: 'replace', workoutId: 'd8', type: 'easy' },
      { kind: 'replace', workoutId: 'd10', type: 'easy' },
      { kind: 'adjust', workoutId: 'd15', percent: -20 },
    ]);
    expect(a.reason).toContain('5 days of easy training only');
    expect(a.reason).not.toContain('physio');
  });

  it('reads a past illness for its re-entry only, and keeps re-entry between 3 and 7 days', () => {
    // One day ill (Tuesday), read on Thursday: nothing left to skip; re-entry 3 days, to Friday 4th: Thursday's tempo.
    const a = healthSteps({ id: 'n', kind: 'illness', from: addDays(MON, 1), to: addDays(MON, 1) }, plan, addDays(MON, 3));
    expect(a.reentryUntil).toBe('2026-12-04');
    expect(a.steps).toEqual([
      { kind: 'replace', workoutId: 'd3', type: 'easy' },
      { kind: 'adjust', workoutId: 'd8', percent: -20 },
    ]);
    const long = healthSteps({ id: 'n', kind: 'illness', from: '2026-11-01', to: addDays(MON, 0) }, plan, addDays(MON, 1));
    expect(long.reentryUntil).toBe('2026-12-07');
  });
});

describe('a note still going, and an injury', () => {
  it('skips today and the next two days, and says to check with a physio for an injury', () => {
    const a = healthSteps({ id: 'n', kind: 'injury', from: addDays(MON, 1), to: null }, plan, addDays(MON, 1));
    // Covers Tue 1 – Thu 3 (3 days): re-entry 3 days to Sunday 6th; the first hard one after, the 8th, −20 %.
    expect(a.until).toBe('2026-12-03');
    expect(a.steps.map((s) => [s.kind, 'workoutId' in s ? s.workoutId : ''])).toEqual([
      ['skip', 'd1'],
      ['skip', 'd3'],
      ['skip', 'd2'],
      ['adjust', 'd8'],
    ]);
    expect(a.reason).toMatch(/still going/);
    expect(a.reason).toMatch(/Check with a physio/);
  });
});
