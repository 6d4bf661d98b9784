import { describe, expect, it } from 'vitest';
import { dependentRankCorrelation, effectiveN, lag1, rankCorrelation, ranks, spearman } from './correlation.calc';
import { benjaminiYekutieli, firstDiscoveryLevel, harmonic } from './fdr.calc';
import { normalCdf, normalQuantile, twoSidedP } from './normal.calc';
import { daysNeeded, effectiveDaysFor } from './power.calc';

describe('normal distribution', () => {
  it('matches published values of Φ and its quantile', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(twoSidedP(2.5758293035489)).toBeCloseTo(0.01, 13);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424308822899, 10);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 12);
  });
});

describe('Spearman with an interval (statpsych::ci.spear)', () => {
  // R's statpsych manual, ci.spear example: Estimate 0.8699639, SE 0.08241326, CI [0.5840951, 0.9638297].
  const y = [21, 4, 9, 12, 35, 18, 10, 22, 24, 1, 6, 8, 13, 16, 19];
  const x = [67, 28, 30, 28, 52, 40, 25, 37, 44, 10, 14, 20, 28, 40, 51];

  it('gives the package example to 1e-6', () => {
    const r = rankCorrelation(y, x)!;
    expect(r.rho).toBeCloseTo(0.8699639, 6);
    expect(r.se).toBeCloseTo(0.08241326, 6);
    expect(r.low).toBeCloseTo(0.5840951, 6);
    expect(r.high).toBeCloseTo(0.9638297, 6);
  });

  it('ranks ties by their mid-rank', () => {
    expect(ranks([10, 20, 20, 5, 20])).toEqual([2, 4, 4, 1, 4]);
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it('ranks by the sorted values as a sort of the indices does, over random series with many ties', () => {
    // The engine's ranks come from a typed-array sort and a binary search for each value's ties (ADR 070).
    let seed = 1;
    const rand = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    for (let t = 0; t < 200; t++) {
      const n = 1 + Math.floor(rand() * 60);
      const xs = Array.from({ length: n }, () => (t % 2 === 0 ? Math.floor(rand() * 5) : rand() * 100 - 50));
      const order = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]!);
      const expected = new Array<number>(n);
      for (const i of order) {
        const first = order.findIndex((j) => xs[j] === xs[i]);
        const count = xs.filter((x) => x === xs[i]).length;
        expected[i] = first + (count + 1) / 2;
      }
      expect(ranks(xs)).toEqual(expected);
    }
    expect(ranks([])).toEqual([]);
    expect(ranks([-0, 0, 1e-300, -Infinity, Infinity])).toEqual([2.5, 2.5, 4, 1, 5]);
  });

  it('has no answer for a constant series', () => {
    expect(rankCorrelation([1, 1, 1, 1, 1, 1], [1, 2, 3, 4, 5, 6])).toBeNull();
  });
});

describe('effective sample size', () => {
  it('is Bartlett’s first-order form, worked by hand', () => {
    // 90 days, both series AR(1) with r1 = 0.6: 90 · 0.64 / 1.36 = 42.35…
    expect(effectiveN(90, 0.6, 0.6)).toBeCloseTo(42.352941, 5);
    expect(effectiveN(90, 0.6, 0)).toBe(90);
    expect(effectiveN(90, 0.6, -0.5)).toBe(90);
  });

  it('reads the lag-1 autocorrelation of a series', () => {
    // Mean 3; deviations −2 −1 0 1 2; Σd² = 10; Σ dₜdₜ₋₁ = 2 + 0 + 0 + 2 = 4 → 0.4.
    expect(lag1([1, 2, 3, 4, 5])).toBeCloseTo(0.4, 12);
    expect(lag1([1, -1, 1, -1])).toBeCloseTo(-0.75, 12);
    expect(lag1([2, 2, 2])).toBe(0);
  });

  it('widens the interval and weakens the test of a trending pair', () => {
    const x = Array.from({ length: 60 }, (_, i) => i + ((i * 7) % 5));
    const y = Array.from({ length: 60 }, (_, i) => i + ((i * 3) % 11));
    const naive = rankCorrelation(x, y)!;
    const dep = dependentRankCorrelation(x, y)!;
    expect(dep.rho).toBeCloseTo(naive.rho, 12);
    expect(dep.nEff).toBeLessThan(20);
    expect(dep.p).toBeGreaterThan(naive.p);
    expect(dep.high - dep.low).toBeGreaterThan(naive.high - naive.low);
  });
});

describe('Benjamini–Yekutieli', () => {
  it('is worked by hand on a family of four', () => {
    // c(4) = 25/12; q = 0.05 → thresholds k·0.05/(4·25/12) = k · 0.006.
    expect(harmonic(4)).toBeCloseTo(25 / 12, 12);
    expect(firstDiscoveryLevel(4, 0.05)).toBeCloseTo(0.006, 12);
    // Sorted: 0.001 ≤ 0.006 ✓, 0.011 ≤ 0.012 ✓, 0.03 > 0.018, 0.5 > 0.024 → the two smallest.
    expect([...benjaminiYekutieli([0.03, 0.001, 0.5, 0.011], 0.05)].sort()).toEqual([1, 3]);
    // A step-up: 0.0185 fails at k = 3 (0.018) but 0.019 ≤ 0.024 at k = 4 carries every test.
    expect(benjaminiYekutieli([0.02, 0.0185, 0.019, 0.007], 0.05).size).toBe(4);
    // c(2) = 1.5 → 0.0167 at k = 1: 0.007 is a discovery, 0.2 > 0.0333 is not.
    expect([...benjaminiYekutieli([0.007, 0.2], 0.05)]).toEqual([0]);
  });

  it('counts untested questions of the family', () => {
    expect(benjaminiYekutieli([0.004], 0.05, 1).size).toBe(1);
    expect(benjaminiYekutieli([0.004], 0.05, 40).size).toBe(0);
  });
});

describe('days a question needs', () => {
  it('follows the Fisher-z power formula', () => {
    // ρ = 0.5, α = 0.05, 80 %: ((1.96 + 0.8416·√1.125)/0.5493)² + 3 ≈ 36.9.
    expect(effectiveDaysFor(0.5, 0.05)).toBeCloseTo(((1.959964 + 0.841621 * Math.sqrt(1.125)) / Math.atanh(0.5)) ** 2 + 3, 4);
    expect(effectiveDaysFor(0, 0.05)).toBe(Number.POSITIVE_INFINITY);
  });

  it('scales effective days back to calendar days and says how many more', () => {
    const d = daysNeeded(0.4, { days: 60, effectiveRatio: 0.5, m: 40, q: 0.05 });
    expect(d.totalDays).toBe(Math.ceil(effectiveDaysFor(0.4, firstDiscoveryLevel(40, 0.05)) / 0.5));
    expect(d.moreDays).toBe(d.totalDays - 60);
  });
});
