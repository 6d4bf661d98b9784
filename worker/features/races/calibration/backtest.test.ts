// The calibration guard (ADR 096): a small seeded backtest over generated athletes with known truth, so a change to
// the prediction core that breaks the 80 % range fails here. The full run is `npm run bench -- race-calibration`.
import { describe, expect, it } from 'vitest';
import { generateAthlete } from './athletes.testing';
import { backtest, strata, summarize } from './backtest.testing';

describe('race prediction calibration', () => {
  it('holds the actual time in the 80 % range for ≥ 78 % of 300 generated athletes × 4 distances', () => {
    const b = backtest(300, 56);
    const all = summarize(b.outcomes);
    // 0.78, not 0.80: with ~1,100 predictions (300 athletes × 4 distances, less those without a best) the sampling
    // error of a true 80 % is ~1.2 points (and the four distances of one athlete are correlated), so a sound core can
    // read 78–79 % on one seed. The full benchmark (5,000 athletes) reads 86.7 %.
    expect(all.n).toBeGreaterThan(1000);
    expect(all.coverage).toBeGreaterThanOrEqual(0.78);
    // An honest range, not a wide one: the full run reads 15 % wide, 3.1 % median error.
    expect(all.coverage).toBeLessThanOrEqual(0.94);
    for (const [label, os] of strata(b.outcomes).slice(1, 5)) expect(summarize(os).coverage, label).toBeGreaterThanOrEqual(0.74);
  });

  it('generates the same athletes from the same seed', () => {
    expect(generateAthlete(7, 56)).toEqual(generateAthlete(7, 56));
  });
});
