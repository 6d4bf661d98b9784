// A range's curve built one activity at a time, in any order, with deletions rebuilt from what is left, equals the
// curve built at once: merging is the point-by-point best with a fixed tie rule.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURVE_DURATIONS } from './mean-max.calc';
import { type RangeCurve, emptyRange, mergeRanges, rangeOf } from './range-curve.calc';

const activity = fc.record({
  id: fc.uuid(),
  date: fc.date({ min: new Date('2015-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  // Small integers so ties happen.
  values: fc.array(fc.option(fc.integer({ min: 50, max: 60 }), { nil: null }), {
    minLength: CURVE_DURATIONS.length,
    maxLength: CURVE_DURATIONS.length,
  }),
});
type A = { id: string; date: string; values: (number | null)[] };
const curveOf = (a: A): RangeCurve =>
  rangeOf(
    a.id,
    a.date,
    a.values.map((v, i) => (v === null ? null : { value: v, startS: i })),
  );
const build = (xs: A[]): RangeCurve => xs.reduce((acc, a) => mergeRanges(acc, curveOf(a)), emptyRange());

describe('range curves', () => {
  it('equal a full build after insertions in any order and deletions', () => {
    fc.assert(
      fc.property(fc.uniqueArray(activity, { selector: (a) => a.id, maxLength: 12 }), fc.array(fc.nat()), (all, picks) => {
        const full = build(all);
        expect(build([...all].reverse())).toEqual(full);
        // Incremental: merge pairs of halves (as months merge into a season).
        const mid = all.length >> 1;
        expect(mergeRanges(build(all.slice(0, mid)), build(all.slice(mid)))).toEqual(full);
        // A deletion: rebuilt from the rest equals a build that never had it.
        const gone = new Set(picks.map((p) => all[p % Math.max(1, all.length)]?.id));
        const rest = all.filter((a) => !gone.has(a.id));
        expect(build(rest)).toEqual(build([...rest].reverse()));
        // Every point names an activity that holds that value at that duration.
        for (const [i, p] of full.entries()) {
          if (!p) {
            expect(all.every((a) => a.values[i] === null)).toBe(true);
            continue;
          }
          const src = all.find((a) => a.id === p.activityId)!;
          expect(src.values[i]).toBe(p.value);
          expect(Math.max(...all.map((a) => a.values[i] ?? -1))).toBe(p.value);
        }
      }),
    );
  });
});
