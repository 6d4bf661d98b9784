// Pacing over random courses: whatever the terrain, target and split, the splits sum to the target, the clock
// only moves forward, and no number is NaN.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CoursePoint } from './effort-grade.calc';
import { planPacing } from './pacing.calc';
import { TODAY } from './races.testing';

const race = fc.record({
  distanceM: fc.double({ min: 1500, max: 42195, noNaN: true }),
  speedMps: fc.double({ min: 1.5, max: 6.5, noNaN: true }),
  unit: fc.constantFrom('km' as const, 'mile' as const),
  negativeSplit: fc.double({ min: 0, max: 0.05, noNaN: true }),
  // Course steps (relative lengths, grades up to ±40 % so the clamp is exercised) and its length within ±3 %.
  steps: fc.array(
    fc.record({ w: fc.double({ min: 0.001, max: 1, noNaN: true }), grade: fc.double({ min: -0.4, max: 0.4, noNaN: true }) }),
    {
      minLength: 1,
      maxLength: 300,
    },
  ),
  stretch: fc.double({ min: 0.971, max: 1.029, noNaN: true }),
  start: fc.double({ min: 0, max: 5000, noNaN: true }),
  flat: fc.boolean(),
});

type Generated = typeof race extends fc.Arbitrary<infer T> ? T : never;

/** A random walk in grade, laid over the course's length from `start` (positions from a running sum stay ordered). */
function courseOf(r: Generated): CoursePoint[] {
  const length = r.distanceM * r.stretch;
  const cum: number[] = [0];
  for (const s of r.steps) cum.push(cum.at(-1)! + s.w);
  const total = cum.at(-1)! || 1;
  const points: CoursePoint[] = [];
  for (let i = 0; i < cum.length; i++) {
    const distanceM = r.start + (cum[i]! / total) * length;
    const prev = points.at(-1);
    const rise = prev ? r.steps[i - 1]!.grade * (distanceM - prev.distanceM) : 0;
    points.push({ distanceM, elevationM: Math.min(8000, Math.max(-400, (prev?.elevationM ?? 500) + rise)) });
  }
  return points;
}

describe('planPacing over random courses', () => {
  it('sums to the target within 1 s with a forward-only clock and no NaN', () => {
    fc.assert(
      fc.property(race, (r) => {
        const targetS = r.distanceM / r.speedMps;
        const a = planPacing({
          distanceM: r.distanceM,
          targetS,
          unit: r.unit,
          negativeSplit: r.negativeSplit,
          course: r.flat ? null : courseOf(r),
          criticalSpeed: { csMps: 4, dPrimeM: 200, date: TODAY },
          today: TODAY,
        });
        if (!a.ok) throw new Error(a.error.message);
        const p = a.plan;
        const sum = p.splits.reduce((s, x) => s + x.timeS, 0);
        expect(Math.abs(sum - targetS)).toBeLessThan(1);
        expect(p.splits.at(-1)!.clockS).toBeCloseTo(targetS, 6);
        expect(p.splits.at(-1)!.toM).toBe(r.distanceM);
        let clock = 0;
        for (const s of p.splits) {
          for (const v of Object.values(s)) expect(Number.isFinite(v)).toBe(true);
          expect(s.timeS).toBeGreaterThan(0);
          expect(s.clockS).toBeGreaterThan(clock);
          clock = s.clockS;
        }
        for (const v of [p.firstHalfS, p.secondHalfS, p.evenPaceS, p.gainM, p.lossM, p.effortPaceS.start, p.effortPaceS.finish])
          expect(Number.isFinite(v)).toBe(true);
        expect(p.check.state).not.toBe('unchecked');
      }),
      { numRuns: 200 },
    );
  });
});
