import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lttbIndices, lttbUnion } from './lttb.calc';

const xs = (n: number) => Float64Array.from({ length: n }, (_, i) => i);
const argmax = (y: ArrayLike<number>, from = 0, to = y.length) => {
  let best = from;
  for (let i = from; i < to; i++) if (y[i]! > y[best]!) best = i;
  return best;
};
const argmin = (y: ArrayLike<number>, from = 0, to = y.length) => {
  let best = from;
  for (let i = from; i < to; i++) if (y[i]! < y[best]!) best = i;
  return best;
};
const series = fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 3, maxLength: 3000 });

describe('largest-triangle-three-buckets', () => {
  it('keeps the highest and lowest samples, first and last, in strictly increasing order', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 3, max: 400 }), (ys, threshold) => {
        const y = Float64Array.from(ys);
        const picks = lttbIndices(xs(y.length), y, threshold);
        expect(picks[0]).toBe(0);
        expect(picks.at(-1)).toBe(y.length - 1);
        for (let k = 1; k < picks.length; k++) expect(picks[k]!).toBeGreaterThan(picks[k - 1]!);
        const values = picks.map((i) => y[i]!);
        expect(Math.max(...values)).toBe(Math.max(...ys));
        expect(Math.min(...values)).toBe(Math.min(...ys));
      }),
    );
  });

  it('returns threshold points (two more at most, when LTTB had passed an extreme over) and short series whole', () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 3, max: 400 }), (ys, threshold) => {
        const picks = lttbIndices(xs(ys.length), Float64Array.from(ys), threshold);
        if (ys.length <= threshold) expect(picks).toEqual(Array.from({ length: ys.length }, (_, i) => i));
        else {
          expect(picks.length).toBeGreaterThanOrEqual(threshold);
          expect(picks.length).toBeLessThanOrEqual(threshold + 2);
        }
      }),
    );
  });

  it('picks one sample per bucket, the one standing out of a flat line', () => {
    // 1,000 samples of 100 with a one-second spike at 150 and a dip at 60: both survive 50 points.
    const y = Float64Array.from({ length: 1000 }, (_, i) => (i === 377 ? 150 : i === 702 ? 60 : 100));
    const picks = lttbIndices(xs(1000), y, 50);
    expect(picks).toHaveLength(50);
    expect(picks).toContain(377);
    expect(picks).toContain(702);
  });

  it('works on a range, on an uneven time axis', () => {
    // Auto-paused recording: the time axis jumps; a range [200, 800) of it.
    const t = Float64Array.from({ length: 1000 }, (_, i) => (i < 500 ? i : i + 600));
    const y = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i / 40) * 50 + (i === 650 ? 400 : 0));
    const picks = lttbIndices(t, y, 100, 200, 800);
    expect(picks[0]).toBe(200);
    expect(picks.at(-1)).toBe(799);
    expect(picks.every((i) => i >= 200 && i < 800)).toBe(true);
    expect(picks).toContain(argmax(y, 200, 800));
    expect(picks).toContain(argmin(y, 200, 800));
  });

  it('a union over channels keeps every channel’s extremes on one shared set of samples', () => {
    const n = 5000;
    const hr = Float64Array.from({ length: n }, (_, i) => 140 + 20 * Math.sin(i / 300) + (i % 97 === 0 ? 5 : 0));
    const power = Float64Array.from({ length: n }, (_, i) => 200 + 150 * Math.sin(i / 17) * Math.cos(i / 430));
    const picks = lttbUnion(xs(n), [hr, power], 300);
    for (const y of [hr, power]) {
      expect(picks).toContain(argmax(y));
      expect(picks).toContain(argmin(y));
    }
    expect(picks.length).toBeLessThanOrEqual(2 * 302);
    for (let k = 1; k < picks.length; k++) expect(picks[k]!).toBeGreaterThan(picks[k - 1]!);
  });
});
