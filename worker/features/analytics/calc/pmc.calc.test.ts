import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { fitnessSeries, rampRate } from './pmc.calc';

// An independent implementation of the same recurrence, written out longhand: LTS_d = s·(1−e^(−1/42)) + LTS_(d−1)·e^(−1/42).
function reference(loads: number[]) {
  const a42 = Math.exp(-1 / 42);
  const a7 = Math.exp(-1 / 7);
  const ctl: number[] = [];
  const atl: number[] = [];
  loads.forEach((s, i) => {
    ctl.push(s * (1 - a42) + (i > 0 ? ctl[i - 1]! : 0) * a42);
    atl.push(s * (1 - a7) + (i > 0 ? atl[i - 1]! : 0) * a7);
  });
  return { ctl, atl };
}

describe('performance management recurrence', () => {
  // A hand-made 60-day block: build weeks with a long day, rest days, one big race day, a taper.
  const loads = Array.from({ length: 60 }, (_, i) => {
    if (i === 45) return 310;
    if (i % 7 === 0) return 0;
    if (i % 7 === 6) return 140 + i;
    if (i > 52) return 30;
    return 55 + ((i * 37) % 40);
  });
  const start = '2026-03-01';
  const map = new Map(loads.map((l, i) => [addDays(start, i), l]));
  const series = fitnessSeries(map, start, addDays(start, 59));
  const ref = reference(loads);

  it('matches an independent computation on a 60-day series to 0.01', () => {
    expect(series).toHaveLength(60);
    series.forEach((d, i) => {
      expect(d.ctl).toBeCloseTo(ref.ctl[i]!, 2);
      expect(d.atl).toBeCloseTo(ref.atl[i]!, 2);
    });
    // Spot value worked by hand: day 0 with load 0 then day 1 with load 55+37=92 → CTL = 92·(1−e^(−1/42)).
    expect(series[1]!.ctl).toBeCloseTo(92 * (1 - Math.exp(-1 / 42)), 6);
    expect(series[1]!.atl).toBeCloseTo(92 * 0.1331221, 5);
  });

  it('decays exactly on a rest day', () => {
    const rest = 7; // i % 7 === 0
    expect(loads[rest]).toBe(0);
    expect(series[rest]!.ctl).toBeCloseTo(series[rest - 1]!.ctl * Math.exp(-1 / 42), 10);
    expect(series[rest]!.atl).toBeCloseTo(series[rest - 1]!.atl * Math.exp(-1 / 7), 10);
  });

  it("uses yesterday's CTL and ATL for today's TSB", () => {
    expect(series[0]!.tsb).toBe(0);
    for (let i = 1; i < series.length; i++) expect(series[i]!.tsb).toBeCloseTo(ref.ctl[i - 1]! - ref.atl[i - 1]!, 10);
    // The race day's own load does not change its form: only the next day's.
    expect(series[45]!.tsb).toBeCloseTo(series[44]!.ctl - series[44]!.atl, 10);
  });

  it('fills days without training as zero load and reports the 7-day ramp', () => {
    const sparse = fitnessSeries(new Map([['2026-01-01', 100]]), '2026-01-01', '2026-01-10');
    expect(sparse.map((d) => d.load)).toEqual([100, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(rampRate(sparse)).toBeCloseTo(sparse[9]!.ctl - sparse[2]!.ctl, 10);
    expect(rampRate(sparse.slice(0, 7))).toBeNull();
  });

  it('starts from a seed: the seed is the day before, and a split series continues exactly', () => {
    const seed = { ctl: 62.5, atl: 71.25 };
    const seeded = fitnessSeries(map, start, addDays(start, 59), seed);
    // Day 0 (load 0) decays the seed; its TSB is the seed's own balance.
    expect(seeded[0]!.tsb).toBeCloseTo(seed.ctl - seed.atl, 10);
    expect(seeded[0]!.ctl).toBeCloseTo(seed.ctl * Math.exp(-1 / 42), 10);
    expect(seeded[0]!.atl).toBeCloseTo(seed.atl * Math.exp(-1 / 7), 10);
    // Linear recurrence: a seeded series is the zero-seeded one plus the seed's own decay.
    seeded.forEach((d, i) => {
      expect(d.ctl).toBeCloseTo(series[i]!.ctl + seed.ctl * Math.exp(-(i + 1) / 42), 8);
      expect(d.atl).toBeCloseTo(series[i]!.atl + seed.atl * Math.exp(-(i + 1) / 7), 8);
    });
    // Seeding the second half with the first half's last day reproduces the whole series.
    const firstHalf = fitnessSeries(map, start, addDays(start, 29));
    const secondHalf = fitnessSeries(map, addDays(start, 30), addDays(start, 59), firstHalf[29]!);
    secondHalf.forEach((d, i) => {
      expect(d.ctl).toBeCloseTo(series[30 + i]!.ctl, 10);
      expect(d.tsb).toBeCloseTo(series[30 + i]!.tsb, 10);
    });
    // The default is the zero seed: existing callers are unchanged.
    expect(fitnessSeries(map, start, addDays(start, 59), { ctl: 0, atl: 0 })).toEqual(series);
  });
});
