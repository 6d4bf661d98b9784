// Riegel's formula and the athlete's own exponent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { best, bestsOf, FIVE_K, HALF, rng, TEN_K } from './races.testing';
import { EXPONENT_BAND, fitExponent, riegelPredict, riegelTime } from './riegel.calc';

describe('riegelTime', () => {
  it('doubles a 20:00 5 km into 41:42 at 1.06 (Riegel 1981: T2 = T1 × (D2/D1)^1.06)', () => {
    expect(riegelTime(1200, FIVE_K, TEN_K)).toBeCloseTo(1200 * 2 ** 1.06, 6);
    expect(Math.round(riegelTime(1200, FIVE_K, TEN_K))).toBe(2502);
  });
});

describe('fitExponent', () => {
  it('recovers a planted 1.08 from five noisy bests (1 % noise), over many seeds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.double({ min: 35, max: 70, noNaN: true }), (seed, vdot) => {
        const bests = bestsOf({ vdot, exponent: 1.08 }, [1609.344, 3000, FIVE_K, TEN_K, HALF], 0.01, rng(seed));
        const fit = fitExponent(bests);
        if ('insufficient' in fit) throw new Error(fit.insufficient);
        expect(Math.abs(fit.fitted - 1.08)).toBeLessThan(0.02);
        expect(fit.source).toBe('fitted');
      }),
      { numRuns: 200 },
    );
  });

  it('recovers an exactly planted exponent without noise', () => {
    const fit = fitExponent(bestsOf({ vdot: 50, exponent: 1.12 }, [FIVE_K, TEN_K], 0, rng(1)));
    expect('fitted' in fit && fit.fitted).toBeCloseTo(1.12, 9);
  });

  it('clamps an exponent outside the band and says so', () => {
    const bests = [best(FIVE_K, 1200), best(HALF, 1200 * (HALF / FIVE_K) ** 1.3)];
    const fit = fitExponent(bests);
    expect(fit).toMatchObject({ exponent: EXPONENT_BAND.max, source: 'clamped' });
    const answer = riegelPredict(bests, TEN_K);
    expect(answer.exponent.source).toBe('clamped');
    expect(answer.notes[0]).toMatch(/outside 1.01–1.2/);
  });

  it('needs two bests at distances a meaningful factor apart', () => {
    expect(fitExponent([best(FIVE_K, 1200)])).toEqual({ insufficient: 'needs two bests at different distances' });
    expect(fitExponent([best(FIVE_K, 1200), best(5500, 1330)])).toHaveProperty('insufficient');
  });

  it('falls back to the population exponent from the nearest best, and says why', () => {
    const answer = riegelPredict([best(FIVE_K, 1200)], HALF);
    expect(answer.exponent).toEqual({ value: 1.06, source: 'population', fitted: null });
    expect(answer.timeS).toBeCloseTo(riegelTime(1200, FIVE_K, HALF), 6);
    expect(answer.notes[0]).toMatch(/needs two bests/);
  });
});
