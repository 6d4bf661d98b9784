// The critical-speed view: the two-parameter model up to 20 min, the marathon evidence beyond.
import { describe, expect, it } from 'vitest';
import { criticalSpeedPredict, csFraction } from './critical-speed.calc';
import { FIVE_K, HALF, MARATHON, TODAY } from './races.testing';

const cs = { csMps: 4, dPrimeM: 200, date: '2026-11-16' };

describe('criticalSpeedPredict', () => {
  it('solves distance = CS·t + D′ inside 20 min: 5 km at CS 4 m/s, D′ 200 m takes (5000 − 200) / 4 = 1200 s', () => {
    const r = criticalSpeedPredict(FIVE_K, cs, TODAY);
    expect('timeS' in r && r.timeS).toBeCloseTo(1200, 3);
  });

  it('holds a marathon between 85 % and 93 % of CS (Smyth & Muniz-Pumares 2020)', () => {
    for (const csMps of [3, 3.5, 4, 4.6]) {
      const r = criticalSpeedPredict(MARATHON, { ...cs, csMps }, TODAY);
      if (!('timeS' in r)) throw new Error(r.insufficient);
      expect(r.fraction).toBeGreaterThanOrEqual(0.8);
      expect(r.fraction).toBeLessThanOrEqual(0.93);
      expect(MARATHON / r.timeS / csMps).toBeCloseTo(r.fraction, 6);
    }
    expect(csFraction(150 * 60, cs)).toBeCloseTo(0.93, 9);
    expect(csFraction(225 * 60, cs)).toBeCloseTo(0.85, 9);
  });

  it('falls continuously and never below the floor', () => {
    let prev = Number.POSITIVE_INFINITY;
    for (let t = 120; t < 12 * 3600; t += 60) {
      const f = csFraction(t, cs);
      expect(f).toBeLessThanOrEqual(prev + 1e-12);
      expect(f).toBeGreaterThanOrEqual(0.8);
      prev = f;
    }
  });

  it('gives a half between the 5 km pace and the marathon pace', () => {
    const half = criticalSpeedPredict(HALF, cs, TODAY);
    const mara = criticalSpeedPredict(MARATHON, cs, TODAY);
    if (!('timeS' in half) || !('timeS' in mara)) throw new Error('no answer');
    expect(HALF / half.timeS).toBeLessThan(FIVE_K / 1200);
    expect(HALF / half.timeS).toBeGreaterThan(MARATHON / mara.timeS);
  });

  it('says why it cannot run: no fit, a stale fit, an implausible one', () => {
    expect(criticalSpeedPredict(HALF, null, TODAY)).toHaveProperty('insufficient');
    expect(criticalSpeedPredict(HALF, { ...cs, date: '2026-01-01' }, TODAY)).toEqual({
      insufficient: 'the critical speed fit is older than 180 days',
    });
    expect(criticalSpeedPredict(HALF, { ...cs, csMps: 11 }, TODAY)).toHaveProperty('insufficient');
    expect(criticalSpeedPredict(HALF, { ...cs, csMps: Number.NaN }, TODAY)).toHaveProperty('insufficient');
  });
});
