import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { layoutWeek, trainingDays, weekdayOf } from './week-layout.calc';
import type { SessionSpec } from './workouts.calc';

const MONDAY = '2027-01-04';
const all = new Set([0, 1, 2, 3, 4, 5, 6]);
const run = (type: SessionSpec['type'], role: SessionSpec['role'], minutes = 45): SessionSpec => ({
  sport: 'run',
  type,
  role,
  minutes,
  work: 20,
});
const opts = { prevHard: false, prevLong: false, raceDate: null, eventDate: null, perDay: 1 };

describe('week layout', () => {
  it('knows its weekdays: Monday = 0 … Sunday = 6', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => weekdayOf(addDays(MONDAY, i)))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('trains at most six days: with all seven available, the day after the long block rests', () => {
    const single = trainingDays(MONDAY, 7, all, 6, null, false);
    expect(single.training.map(weekdayOf)).toEqual([1, 2, 3, 4, 5, 6]); // Sunday long, Monday rest
    expect(weekdayOf(single.longDate!)).toBe(6);
    const tri = trainingDays(MONDAY, 7, all, 5, null, true);
    expect(tri.training.map(weekdayOf)).toEqual([1, 2, 3, 4, 5, 6]); // Saturday long ride, Sunday long run, Monday rest
    const race = trainingDays(MONDAY, 7, all, 6, addDays(MONDAY, 6), false);
    expect(race.training.map(weekdayOf)).toEqual([0, 1, 2, 3, 5]); // race Sunday, rest Friday, shakeout Saturday
  });

  it('puts the long run on the long day and hard days apart, never next to last week’s hard day', () => {
    const days = trainingDays(MONDAY, 7, new Set([0, 1, 2, 3, 4, 6]), 6, null, false);
    const sessions = [
      run('long', 'long', 120),
      run('threshold', 'hard'),
      run('intervals', 'hard'),
      run('easy', 'easy'),
      run('easy', 'easy'),
    ];
    const layout = layoutWeek(days, sessions, { ...opts, prevHard: true });
    const at = (type: string) => layout.placed.filter((p) => p.spec.type === type).map((p) => weekdayOf(p.date));
    expect(at('long')).toEqual([6]);
    const hard = layout.hardDates.map(weekdayOf);
    expect(hard).toHaveLength(2);
    expect(hard).not.toContain(0); // Sunday before the week was hard
    expect(hard[1]! - hard[0]!).toBeGreaterThan(1);
    expect(new Set(layout.placed.map((p) => p.date)).size).toBe(layout.placed.length); // one run a day
  });

  it('makes a hard session easy when no free day is left that is not next to another hard day', () => {
    const days = trainingDays(MONDAY, 7, new Set([0, 1, 2]), 0, null, false);
    const layout = layoutWeek(days, [run('long', 'long', 90), run('threshold', 'hard'), run('vo2max', 'hard')], opts);
    expect(layout.hardDates).toHaveLength(1);
    expect(layout.placed.filter((p) => p.madeEasy)).toHaveLength(1);
    expect(layout.placed.find((p) => p.madeEasy)!.spec).toMatchObject({ type: 'easy', role: 'easy' });
  });

  it('keeps the day before the race easy, even when the race falls in the next week', () => {
    const days = trainingDays(MONDAY, 7, all, 6, null, false);
    const layout = layoutWeek(days, [run('long', 'long', 90), run('threshold', 'hard'), run('intervals', 'hard'), run('tempo', 'hard')], {
      ...opts,
      eventDate: addDays(MONDAY, 7),
    });
    expect(layout.hardDates).not.toContain(addDays(MONDAY, 6));
  });

  it('stacks a triathlete’s swim on a hard day, never two sessions of one sport a day, strength off hard days', () => {
    const days = trainingDays(MONDAY, 7, new Set([1, 3, 5, 6]), 5, null, true);
    const sessions: SessionSpec[] = [
      { sport: 'bike', type: 'long', role: 'long', minutes: 150, work: 0 },
      { sport: 'run', type: 'long', role: 'long', minutes: 60, work: 0 },
      { sport: 'brick', type: 'brick', role: 'hard', minutes: 70, work: 30 },
      { sport: 'run', type: 'intervals', role: 'hard', minutes: 55, work: 20 },
      { sport: 'swim', type: 'intervals', role: 'hard', minutes: 40, work: 20 },
      { sport: 'swim', type: 'technique', role: 'easy', minutes: 35, work: 0 },
      { sport: 'strength', type: 'strength', role: 'strength', minutes: 30, work: 0 },
    ];
    const layout = layoutWeek(days, sessions, { ...opts, perDay: 2 });
    const byDay = new Map<string, SessionSpec[]>();
    for (const p of layout.placed) byDay.set(p.date, [...(byDay.get(p.date) ?? []), p.spec]);
    for (const [date, specs] of byDay) {
      const endurance = specs.filter((s) => s.sport !== 'strength');
      expect(endurance.length, date).toBeLessThanOrEqual(2);
      expect(new Set(endurance.map((s) => s.sport)).size).toBe(endurance.length);
      if (specs.some((s) => s.sport === 'strength')) expect(layout.hardDates).not.toContain(date);
    }
    expect(layout.placed.find((p) => p.spec.sport === 'swim' && p.spec.role === 'hard')).toBeDefined();
  });
});
