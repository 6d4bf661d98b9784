import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { Goal } from '../plans.types';
import { alternativeTaper, periodize, splitPhases, taperVolume, taperWeeksFor } from './periodization.calc';

const START = '2027-01-04'; // a Monday
const goal = (kind: Goal['kind'], weeks: number | null, extraDays = 0): Goal => ({
  kind,
  eventDate: weeks === null ? null : addDays(START, weeks * 7 - 1 + extraDays),
  eventName: null,
});
const phases = (g: Goal, age: number | null = 35, taper?: number) => periodize(g, START, age, taper).weeks.map((w) => w.phase);

describe('periodization', () => {
  it('splits the weeks before the taper about 47.5 / 32.5 / 12.5 (base / build / peak)', () => {
    expect(splitPhases(15, true)).toEqual([...Array(8).fill('base'), ...Array(5).fill('build'), 'peak', 'peak']);
    expect(splitPhases(3, true)).toEqual(['base', 'build', 'peak']);
    expect(splitPhases(2, true)).toEqual(['build', 'peak']);
    expect(splitPhases(8, false)).toEqual([...Array(4).fill('base'), ...Array(4).fill('build')]);
  });

  it('a marathon of 18 weeks: 3-week taper (or 2), recovery every 4th week in base and build', () => {
    expect(phases(goal('run_marathon', 18))).toEqual([
      ...['base', 'base', 'base', 'recovery', 'base', 'base', 'base', 'recovery'],
      ...['build', 'build', 'build', 'recovery', 'build', 'peak', 'peak', 'taper', 'taper', 'taper'],
    ]);
    const p = periodize(goal('run_marathon', 18), START, 35);
    expect(p.weeks.map((w) => w.nominal)).toEqual([
      ...Array(8).fill('base'),
      ...Array(5).fill('build'),
      'peak',
      'peak',
      'taper',
      'taper',
      'taper',
    ]);
    expect(p.weeks.filter((w) => w.phase === 'recovery').map((w) => w.week)).toEqual([4, 8, 12]);
    expect(p.weeks.slice(-3).map((w) => w.taper!.volume)).toEqual([0.7, 0.5, 0.4]);
    expect(p.weeks.at(-1)).toMatchObject({ raceWeek: true, endDate: addDays(START, 18 * 7 - 1), days: 7 });
    expect(alternativeTaper('run_marathon', 18)).toBe(2);
    expect(phases(goal('run_marathon', 18), 35, 2).filter((x) => x === 'taper')).toHaveLength(2);
  });

  it('tapers by distance: 5k/10k 1 week, half 2, tri 2–3, full 3, bike 2; none for general fitness', () => {
    expect(taperWeeksFor('run_5k', 10)).toBe(1);
    expect(taperWeeksFor('run_10k', 12)).toBe(1);
    expect(taperWeeksFor('run_half', 14)).toBe(2);
    expect(taperWeeksFor('tri_sprint', 12)).toBe(2);
    expect(taperWeeksFor('tri_olympic', 16)).toBe(2);
    expect(taperWeeksFor('tri_70_3', 16)).toBe(2);
    expect(taperWeeksFor('tri_70_3', 20)).toBe(3);
    expect(taperWeeksFor('tri_full', 24)).toBe(3);
    expect(taperWeeksFor('bike_event', 14)).toBe(2);
    expect(taperWeeksFor('general_fitness', 8)).toBe(0);
    expect([1, 2, 3].map((n) => taperVolume(n, n - 1))).toEqual([0.6, 0.5, 0.4]);
  });

  it('compressed plans shrink the taper with the plan, never below a week', () => {
    expect(taperWeeksFor('tri_full', 10)).toBe(2); // 3 × 10/20 = 1.5
    expect(taperWeeksFor('run_marathon', 6)).toBe(1);
    const p = periodize(goal('run_marathon', 8), START, 30);
    expect(p.compressed).toBe(true);
    expect(p.weeks.map((w) => w.phase)).toEqual(['base', 'base', 'base', 'recovery', 'build', 'build', 'peak', 'taper']);
  });

  it('a race week of 1–3 days is one more taper week at the last share', () => {
    const p = periodize(goal('run_half', 14, 2), START, 30); // the race on the Tuesday of week 15
    expect(p.weeks).toHaveLength(15);
    expect(p.weeks.at(-1)).toMatchObject({ days: 2, raceWeek: true, phase: 'taper' });
    expect(p.weeks.slice(-3).map((w) => w.taper!.volume)).toEqual([0.7, 0.5, 0.5]);
  });

  it('masters recover every 3rd week; general fitness is an 8-week block with no event', () => {
    const p = periodize({ kind: 'general_fitness', eventDate: '2027-03-01', eventName: 'ignored' }, START, 61);
    expect(p).toMatchObject({ eventDate: null, endDate: addDays(START, 55), recoveryEvery: 3 });
    expect(p.weeks.map((w) => w.phase)).toEqual(['base', 'base', 'recovery', 'base', 'build', 'recovery', 'build', 'build']);
  });
});
