// Hand-checked weeks for the missed-session rule (issue 58). The week of Monday 30 November 2026.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { WorkoutType } from '../plans.types';
import { type DayWorkout, decideMissed, type MissedWeek, stackedHardDays } from './missed.calc';

const MON = '2026-11-30';
const at = (weekday: number) => addDays(MON, weekday);
const w = (id: string, weekday: number, type: WorkoutType, load: number, status: DayWorkout['status'] = 'planned'): DayWorkout => ({
  id,
  date: at(weekday),
  type,
  status,
  load,
});

/** Tue intervals, Wed easy, Thu threshold, Sat easy, Sun long; Friday off; the week before carried 300. */
function week(over: Partial<MissedWeek> = {}, workouts?: DayWorkout[]): MissedWeek {
  return {
    startDate: MON,
    phase: 'build',
    workouts: workouts ?? [
      w('tue', 1, 'intervals', 70, 'missed'),
      w('wed', 2, 'easy', 40, 'completed'),
      w('thu', 3, 'threshold', 80),
      w('sat', 5, 'easy', 40),
      w('sun', 6, 'long', 120),
    ],
    availableDays: [0, 1, 2, 3, 5, 6],
    previousWeekLoad: 300,
    eventDate: null,
    ...over,
  };
}

describe('a missed key session', () => {
  it('moves to the first free day with no hard day beside it, in place of its easy session, keeping the ramp', () => {
    const wk = week();
    // Wednesday: Thursday holds a key session, Friday is not a training day, Saturday is free of hard neighbours.
    const d = decideMissed(wk.workouts[0]!, wk, at(2));
    // 40 + 80 + 120 (the week without Tuesday and Saturday's easy run) + 70 = 310 ≤ 300 × 1.1.
    expect(d).toEqual({
      kind: 'move',
      workoutId: 'tue',
      to: '2026-12-05',
      replaces: 'sat',
      reason: expect.stringContaining('in place of'),
    });
  });

  it('is dropped, never crammed, when the only day left would break the ramp', () => {
    const wk = week({ previousWeekLoad: 250 });
    // 310 > 250 × 1.1 = 275.
    const d = decideMissed(wk.workouts[0]!, wk, at(2));
    expect(d.kind).toBe('drop');
    expect(d.reason).toMatch(/rise more than 10 % over the last/);
  });

  it('is dropped when every day left would put two hard days together or already holds a key session', () => {
    const workouts = [...week().workouts.slice(0, 4), w('sun', 6, 'tempo', 70)];
    const d = decideMissed(workouts[0]!, week({}, workouts), at(2));
    expect(d.kind).toBe('drop');
    expect(d.reason).toContain('two hard days together');
    expect(d.reason).toContain('already holds a key session');
    expect(stackedHardDays([...workouts, w('sat2', 5, 'intervals', 60)])).toEqual([['2026-12-05', '2026-12-06']]);
  });

  it('keeps the days before the race, and the taper, as planned', () => {
    const wk = week({ availableDays: [0, 1, 2, 3, 4, 5, 6], eventDate: at(6) });
    const d = decideMissed(wk.workouts[0]!, wk, at(2));
    expect(d).toMatchObject({ kind: 'drop', reason: expect.stringContaining('the days before the race') });
    expect(decideMissed(wk.workouts[0]!, week({ phase: 'taper' }), at(2)).reason).toMatch(/taper/);
  });

  it('is an easy session: not made up', () => {
    const wk = week();
    expect(decideMissed(w('e', 2, 'easy', 40, 'missed'), wk, at(3))).toMatchObject({ kind: 'drop', reason: expect.stringMatching(/easy/) });
  });

  it('a long run moves too, but never the day before a hard one', () => {
    const workouts = [
      w('tue', 1, 'intervals', 70, 'completed'),
      w('wed', 2, 'long', 110, 'missed'),
      w('fri', 4, 'tempo', 60),
      w('sun', 6, 'easy', 40),
    ];
    const wk = week({ availableDays: [0, 1, 2, 3, 4, 5, 6] }, workouts);
    // Thursday sits before Friday's tempo; Saturday follows it; Sunday is free, in place of its easy run.
    expect(decideMissed(workouts[1]!, wk, at(2))).toMatchObject({ kind: 'move', to: '2026-12-06', replaces: 'sun' });
  });
});
