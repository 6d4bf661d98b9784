import { describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import { hrvReadiness, MIN_BASELINE_DAYS, type Reading, restingHrReadiness } from './readiness.calc';

const today = '2026-11-26';
const series = (values: number[], source = 'garmin', end = today): Reading[] =>
  values.map((value, i) => ({ day: addDays(end, i - values.length + 1), value, source }));

describe('readiness against the athlete’s own normal range', () => {
  it('says it is establishing until 21 days of one source', () => {
    const r = hrvReadiness(series(Array(20).fill(60)), today);
    expect(r).toEqual({ status: 'establishing', source: 'garmin', days: 20, needed: MIN_BASELINE_DAYS });
    expect(hrvReadiness([], today)).toEqual({ status: 'none' });
  });

  it('never splices sources: a new device starts its own range', () => {
    const old = series(Array(50).fill(60), 'polar', addDays(today, -3));
    const fresh = series([55, 56, 57], 'garmin');
    const r = hrvReadiness([...old, ...fresh], today);
    expect(r).toMatchObject({ status: 'establishing', source: 'garmin', days: 3 });
  });

  it('is worked by hand: a week below the range on the log scale', () => {
    // 53 baseline days alternating 50 and 70 ms, then 7 days at 45 ms. The range reads all 60 days.
    const base = Array.from({ length: 53 }, (_, i) => (i % 2 ? 70 : 50));
    const r = hrvReadiness(series([...base, ...Array(7).fill(45)]), today);
    const logs = [...base, ...Array(7).fill(45)].map(Math.log);
    const m = logs.reduce((s, x) => s + x, 0) / logs.length;
    const s = Math.sqrt(logs.reduce((a, x) => a + (x - m) ** 2, 0) / (logs.length - 1));
    expect(r.status).toBe('below');
    if (r.status !== 'below') return;
    expect(r.baselineDays).toBe(60);
    expect(r.week).toBeCloseTo(Math.log(45), 12);
    expect(r.low).toBeCloseTo(m - 0.5 * s, 12);
    expect(r.high).toBeCloseTo(m + 0.5 * s, 12);
  });

  it('takes the source with more readings when two read the same newest day', () => {
    const garmin = series(Array(30).fill(50));
    const typed = [{ day: today, value: 47, source: 'checkin' }];
    expect(restingHrReadiness([...typed, ...garmin], today)).toMatchObject({ source: 'garmin', status: 'within' });
  });

  it('reads resting HR on its own scale, and a steady week is within', () => {
    const r = restingHrReadiness(series(Array.from({ length: 40 }, (_, i) => 48 + (i % 3))), today);
    expect(r.status).toBe('within');
  });

  it('says when there is no recent week to compare', () => {
    const r = hrvReadiness(series(Array(30).fill(60), 'garmin', addDays(today, -10)), today);
    expect(r).toEqual({ status: 'no_recent', source: 'garmin', lastDay: addDays(today, -10) });
  });
});
