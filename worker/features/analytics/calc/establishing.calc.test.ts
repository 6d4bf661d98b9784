import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { formStatus, rampBand } from '../insights/bands';
import {
  ESTABLISH_DAYS,
  ESTABLISH_MAX_GAP_DAYS,
  ESTABLISH_MIN_TRAINING_DAYS,
  fitnessEstablishment,
  fitnessEstablishments,
} from './establishing.calc';
import { fitnessSeries, rampRate } from './pmc.calc';

const TODAY = '2026-11-25';
/** Every day from `n` days ago to `m` days ago (inclusive), ascending. */
const daily = (n: number, m = 0) => Array.from({ length: n - m + 1 }, (_, i) => addDays(TODAY, -n + i));

describe('fitness establishment', () => {
  it('uses 8 weeks, a 4-week gap and 8 training days', () => {
    expect([ESTABLISH_DAYS, ESTABLISH_MAX_GAP_DAYS, ESTABLISH_MIN_TRAINING_DAYS]).toEqual([56, 28, 8]);
  });

  it('does not count a 2009 file before 30 recent days: 26 more days', () => {
    const e = fitnessEstablishment(['2009-05-17', ...daily(29)], TODAY);
    expect(e).toEqual({ established: false, daysMore: 26, since: addDays(TODAY, -29), historyDays: 30, trainingDays: 30 });
  });

  it('does not count sparse old files, each more than four weeks apart', () => {
    const sparse = ['2019-03-02', '2021-07-10', '2024-01-05', addDays(TODAY, -120), addDays(TODAY, -80)];
    expect(fitnessEstablishment([...sparse, ...daily(29)], TODAY)).toMatchObject({ daysMore: 26, historyDays: 30 });
  });

  it('is established on the 56th day of daily training, not the 55th', () => {
    expect(fitnessEstablishment(daily(54), TODAY)).toMatchObject({ established: false, daysMore: 1, historyDays: 55 });
    expect(fitnessEstablishment(daily(55), TODAY)).toEqual({
      established: true,
      daysMore: 0,
      since: addDays(TODAY, -55),
      historyDays: 56,
      trainingDays: 56,
    });
  });

  it('keeps a stretch across exactly 28 empty days and breaks it at 29', () => {
    // Training 100…80 days ago, then 28 empty days (79…52 ago), then daily from 51 days ago.
    const kept = [...daily(100, 80), ...daily(51)];
    expect(fitnessEstablishment(kept, TODAY)).toMatchObject({ established: true, since: addDays(TODAY, -100) });
    const broken = [...daily(100, 81), ...daily(51)];
    expect(fitnessEstablishment(broken, TODAY)).toMatchObject({ established: false, daysMore: 4, since: addDays(TODAY, -51) });
  });

  it('counts the empty days up to today: a long history that stopped is not current', () => {
    expect(fitnessEstablishment(daily(400, 28), TODAY)).toMatchObject({ established: true });
    expect(fitnessEstablishment(daily(400, 29), TODAY)).toEqual({
      established: false,
      daysMore: 56,
      since: null,
      historyDays: 0,
      trainingDays: 0,
    });
    expect(fitnessEstablishment([], TODAY).daysMore).toBe(56);
  });

  it('needs 8 training days as well as 56 days: weekly training is enough, fewer is not', () => {
    const weekly = Array.from({ length: 9 }, (_, i) => addDays(TODAY, -7 * (8 - i)));
    expect(fitnessEstablishment(weekly, TODAY)).toMatchObject({ established: true, trainingDays: 9, historyDays: 57 });
    const fortnightly = Array.from({ length: 5 }, (_, i) => addDays(TODAY, -14 * (4 - i)));
    expect(fitnessEstablishment(fortnightly, TODAY)).toMatchObject({ established: false, daysMore: 3, trainingDays: 5 });
  });

  it('ignores days after today', () => {
    expect(fitnessEstablishment([...daily(55), addDays(TODAY, 3)], TODAY)).toMatchObject({ established: true, trainingDays: 56 });
  });

  // The calendar's weekly form asks for every Sunday of a history at once.
  it('in one pass over many dates: the same answer as asking for each date alone', () => {
    // Gaps of 1–40 days (around the 28-day edge); dates before the history, and 0–40 days after its training days.
    const history = fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 60 });
    const asks = fc.array(fc.tuple(fc.nat(), fc.integer({ min: -3, max: 40 })), { maxLength: 40 });
    fc.assert(
      fc.property(history, asks, (gaps, picks) => {
        const days = ['2022-01-01'];
        for (const g of gaps) days.push(addDays(days.at(-1)!, g));
        const dates = [...new Set(picks.map(([i, off]) => addDays(days[i % days.length]!, off)))].sort();
        expect(fitnessEstablishments(days, dates)).toEqual(dates.map((d) => fitnessEstablishment(days, d)));
      }),
    );
  });
});

// Why 56: what the zero start does to a steady athlete's labels, from the recurrence itself.
describe('the zero start on a steady load', () => {
  const labelsOn = (load: number, day: number) => {
    const from = addDays(TODAY, -(day - 1));
    const loads = new Map(daily(day - 1).map((d) => [d, load]));
    const series = fitnessSeries(loads, from, TODAY);
    const last = series.at(-1)!;
    return { tsb: last.tsb, form: formStatus(last.tsb), ramp: rampBand(rampRate(series)!) };
  };

  it('reads "overreaching" on day 30 of 95 a day (the issue’s −45) and still on day 42', () => {
    expect(labelsOn(95, 30)).toMatchObject({ form: 'overreaching' });
    expect(labelsOn(95, 30).tsb).toBeCloseTo(-95 * (Math.exp(-29 / 42) - Math.exp(-29 / 7)), 9);
    expect(labelsOn(95, 42).form).toBe('overreaching');
  });

  it('no longer does on day 56 up to 110 a day, and the ramp is not "very high" up to 167', () => {
    expect(labelsOn(110, 56).form).toBe('productive');
    expect(labelsOn(112, 56).form).toBe('overreaching');
    expect(labelsOn(165, 56).ramp).toBe('high');
    expect(labelsOn(170, 56).ramp).toBe('very_high');
  });
});
