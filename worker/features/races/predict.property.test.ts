// Range properties over many generated athletes (planted VDOT and exponent, noisy bests): the range is ordered,
// and it widens where the evidence thins — one best, low volume, the marathon.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { predictFinish } from './predict.calc';
import { bestsOf, FIVE_K, HALF, MARATHON, rng, TEN_K, TODAY } from './races.testing';
import type { PredictionInput } from './races.types';

const athlete = fc.record({
  seed: fc.integer({ min: 1, max: 1e9 }),
  vdot: fc.double({ min: 30, max: 70, noNaN: true }),
  exponent: fc.double({ min: 1.03, max: 1.12, noNaN: true }),
  kmPerWeek: fc.double({ min: 5, max: 120, noNaN: true }),
  weeksWithData: fc.integer({ min: 0, max: 8 }),
  race: fc.constantFrom(3000, FIVE_K, TEN_K, 15000, HALF, MARATHON),
});
type Generated = typeof athlete extends fc.Arbitrary<infer T> ? T : never;

const inputOf = (a: Generated, distances: number[], noise = 0.01): PredictionInput => ({
  race: { distanceM: a.race, date: '2027-04-04' },
  today: TODAY,
  bests: bestsOf(a, distances, noise, rng(a.seed)),
  volume: { kmPerWeek: a.kmPerWeek, weeksWithData: a.weeksWithData, ofWeeks: 8 },
});

/** The range's relative width, or throws when there is no prediction. */
function widthOf(input: PredictionInput): number {
  const p = predictFinish(input);
  if (p.state !== 'predicted') throw new Error(p.reason);
  return (p.range.high - p.range.low) / p.range.mid;
}

describe('predictFinish over generated athletes', () => {
  it('orders low ≤ mid ≤ high, all finite and positive, whatever the bests', () => {
    fc.assert(
      fc.property(athlete, fc.subarray([1609.344, FIVE_K, TEN_K, HALF], { minLength: 1 }), (a, distances) => {
        const p = predictFinish(inputOf(a, distances, 0.05));
        if (p.state !== 'predicted') throw new Error(p.state);
        const { low, mid, high } = p.range;
        expect(Number.isFinite(low) && low > 0).toBe(true);
        expect(low).toBeLessThanOrEqual(mid);
        expect(mid).toBeLessThanOrEqual(high);
        expect(Number.isFinite(high)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('gives one best a wider range than three consistent ones', () => {
    fc.assert(
      fc.property(athlete, (a) => {
        expect(widthOf(inputOf(a, [FIVE_K], 0))).toBeGreaterThan(widthOf(inputOf(a, [FIVE_K, TEN_K, HALF], 0.005)));
      }),
      { numRuns: 200 },
    );
  });

  it('widens for low volume', () => {
    fc.assert(
      fc.property(athlete, (a) => {
        const low = { ...a, kmPerWeek: 8, weeksWithData: 8 };
        const high = { ...a, kmPerWeek: 90, weeksWithData: 8 };
        const distances = [FIVE_K, TEN_K];
        expect(widthOf(inputOf(low, distances))).toBeGreaterThan(widthOf(inputOf(high, distances)));
      }),
      { numRuns: 200 },
    );
  });

  it('widens the marathon beyond the half from the same bests and volume', () => {
    fc.assert(
      fc.property(athlete, (a) => {
        const distances = [FIVE_K, TEN_K, HALF];
        expect(widthOf(inputOf({ ...a, race: MARATHON }, distances))).toBeGreaterThan(widthOf(inputOf({ ...a, race: HALF }, distances)));
      }),
      { numRuns: 200 },
    );
  });

  it('never crashes on arbitrary numbers: a prediction or a stated reason', () => {
    const junk = fc.record({
      distanceM: fc.double({ noNaN: false }),
      timeS: fc.double({ noNaN: false }),
      date: fc.constantFrom('2026-11-01', '2026-13-45', '', '2026-06-30', '2030-01-01'),
      activityId: fc.constant('x'),
      name: fc.constant('x'),
    });
    fc.assert(
      fc.property(fc.array(junk, { maxLength: 6 }), fc.double({ min: 1000, max: 50000, noNaN: true }), (bests, distanceM) => {
        const p = predictFinish({ race: { distanceM, date: '2027-01-01' }, today: TODAY, bests });
        if (p.state === 'predicted') expect(p.range.low).toBeLessThanOrEqual(p.range.high);
        else expect(p.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
