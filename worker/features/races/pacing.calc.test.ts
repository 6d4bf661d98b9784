// Pacing on synthetic courses: the splits sum to the target, climbs slow and descents quicken by what the grade
// model says, the negative split is the stated amount, and the first half is checked against CS and D′.
import { describe, expect, it } from 'vitest';
import { type CoursePoint, effortCost } from './effort-grade.calc';
import { type PacingInput, type PacingPlan, planPacing } from './pacing.calc';
import { HALF, MARATHON, TODAY } from './races.testing';

const planOf = (input: Partial<PacingInput> & Pick<PacingInput, 'distanceM' | 'targetS'>): PacingPlan => {
  const a = planPacing({ unit: 'km', today: TODAY, ...input });
  if (!a.ok) throw new Error(a.error.message);
  return a.plan;
};
const sumOf = (p: PacingPlan) => p.splits.reduce((s, x) => s + x.timeS, 0);

// 10 km: 3 km flat at 100 m, a 4 % climb to 220 m over 3 km, the same descent, 1 km flat.
const HILL: CoursePoint[] = [
  { distanceM: 0, elevationM: 100 },
  { distanceM: 3000, elevationM: 100 },
  { distanceM: 6000, elevationM: 220 },
  { distanceM: 9000, elevationM: 100 },
  { distanceM: 10000, elevationM: 100 },
];

describe('planPacing: even effort', () => {
  it('runs a flat course at even pace without a negative split: ten 5:00 km for 50:00', () => {
    const p = planOf({ distanceM: 10000, targetS: 3000, negativeSplit: 0 });
    expect(p.splits).toHaveLength(10);
    for (const s of p.splits) expect(s.paceS).toBeCloseTo(300, 9);
    expect(p.splits.map((s) => s.clockS)).toEqual(p.splits.map((_, i) => expect.closeTo(300 * (i + 1), 9)));
    expect(p.evenPaceS).toBe(300);
    expect(p.gainM).toBe(0);
  });

  it('cuts a half marathon into 13 miles and the last 0.11 mile, at one pace, summing to 1:45:00', () => {
    const p = planOf({ distanceM: HALF, targetS: 6300, unit: 'mile', negativeSplit: 0, course: [] });
    expect(p.splits).toHaveLength(14);
    expect(p.splits[13]!.distanceM).toBeCloseTo(HALF - 13 * 1609.344, 6);
    for (const s of p.splits) expect(s.paceS).toBeCloseTo(p.evenPaceS, 6);
    expect(Math.abs(sumOf(p) - 6300)).toBeLessThan(1);
  });

  it('sums to the target within 1 s on the hilly course, and the clock ends on it', () => {
    const p = planOf({ distanceM: 10000, targetS: 2700, course: HILL });
    expect(Math.abs(sumOf(p) - 2700)).toBeLessThan(1);
    expect(p.splits.at(-1)!.clockS).toBe(2700);
    // On the smoothed course: the 100-m window rounds the summit by about a metre.
    expect(p.gainM).toBeGreaterThan(118.5);
    expect(p.gainM).toBeLessThanOrEqual(120);
    expect(p.lossM).toBeCloseTo(p.gainM, 9);
  });

  it('slows on the climb and quickens on the descent by the grade model: ×1.143 at +4 %, ×0.911 at −4 %', () => {
    const p = planOf({ distanceM: 10000, targetS: 2700, course: HILL, negativeSplit: 0 });
    const [flat, climb, descent] = [p.splits[1]!, p.splits[4]!, p.splits[7]!]; // km 2, 5 and 8: clear of the bends
    expect(climb.grade).toBeCloseTo(0.04, 9);
    expect(descent.grade).toBeCloseTo(-0.04, 9);
    expect(climb.timeS / flat.timeS).toBeCloseTo(effortCost(0.04), 9);
    expect(descent.timeS / flat.timeS).toBeCloseTo(effortCost(-0.04), 9);
    expect(effortCost(0.04)).toBeCloseTo(1.1432, 9);
    expect(effortCost(-0.04)).toBeCloseTo(0.9112, 9);
    // Every climbing km slower than every flat km, every descending km faster.
    for (const i of [3, 4, 5]) expect(p.splits[i]!.timeS).toBeGreaterThan(flat.timeS);
    for (const i of [6, 7, 8]) expect(p.splits[i]!.timeS).toBeLessThan(flat.timeS);
    expect(p.splits[3]!.gainM).toBeGreaterThan(35);
  });
});

describe('planPacing: the negative split', () => {
  it('makes a flat second half the stated 2 % faster and still sums to the target', () => {
    const p = planOf({ distanceM: 10000, targetS: 3000, negativeSplit: 0.02 });
    expect(p.secondHalfS / p.firstHalfS).toBeCloseTo(0.98, 9);
    expect(Math.abs(sumOf(p) - 3000)).toBeLessThan(1);
    // It ramps: every km a little faster than the one before.
    for (let i = 1; i < p.splits.length; i++) expect(p.splits[i]!.timeS).toBeLessThan(p.splits[i - 1]!.timeS);
    expect(p.notes.join(' ')).toMatch(/not a law/);
  });

  it('defaults to 1 % and allows 0', () => {
    const p = planOf({ distanceM: 10000, targetS: 3000 });
    expect(p.negativeSplit).toBe(0.01);
    expect(p.secondHalfS / p.firstHalfS).toBeCloseTo(0.99, 9);
    expect(planOf({ distanceM: 10000, targetS: 3000, negativeSplit: 0 }).secondHalfS).toBeCloseTo(1500, 9);
  });

  it('keeps the hill shape under a negative split and sums to the target', () => {
    const p = planOf({ distanceM: 10000, targetS: 2700, course: HILL, negativeSplit: 0.02 });
    expect(Math.abs(sumOf(p) - 2700)).toBeLessThan(1);
    expect(p.splits[4]!.timeS).toBeGreaterThan(p.splits[1]!.timeS);
    expect(p.splits[7]!.timeS).toBeLessThan(p.splits[9]!.timeS);
  });
});

describe('planPacing: the first half against CS and D′', () => {
  const cs = { csMps: 4, dPrimeM: 200, date: '2026-11-16' };

  it('warns when a marathon first half runs above 94 % of CS, with the numbers and the CS date', () => {
    const p = planOf({ distanceM: MARATHON, targetS: MARATHON / 3.8, criticalSpeed: cs });
    expect(p.check.state).toBe('warning');
    if (p.check.state === 'unchecked') throw new Error('unchecked');
    expect(p.check.rule).toBe('marathonCollapse');
    expect(p.check.fractionOfCs).toBeGreaterThan(0.94);
    expect(p.check.csDate).toBe('2026-11-16');
    expect(p.check.message).toMatch(/16 Nov 2026/);
  });

  it('passes a sensible 3:15 marathon for the same athlete (first half at ~90 % of CS)', () => {
    const p = planOf({ distanceM: MARATHON, targetS: 3 * 3600 + 15 * 60, criticalSpeed: cs });
    expect(p.check.state).toBe('ok');
    if (p.check.state !== 'unchecked') expect(p.check.fractionOfCs).toBeCloseTo(0.897, 2);
  });

  it('asks the two-parameter model in a 5 km: faster than CS + D′/T in the first half warns, a 21:00 plan does not', () => {
    const fast = planOf({ distanceM: 5000, targetS: 1150, criticalSpeed: cs });
    expect(fast.check.state).toBe('warning');
    if (fast.check.state !== 'unchecked') {
      expect(fast.check.rule).toBe('criticalSpeedModel');
      expect(fast.check.limitMps).toBeCloseTo(4 + 200 / 1150, 9);
    }
    expect(planOf({ distanceM: 5000, targetS: 1260, criticalSpeed: cs }).check.state).toBe('ok');
  });

  it('weighs the first half by effort: a downhill first half at the same clock is not a warning', () => {
    const down: CoursePoint[] = [
      { distanceM: 0, elevationM: 200 },
      { distanceM: 2500, elevationM: 100 },
      { distanceM: 5000, elevationM: 100 },
    ];
    const flat = planOf({ distanceM: 5000, targetS: 1215, criticalSpeed: cs, negativeSplit: 0 });
    const p = planOf({ distanceM: 5000, targetS: 1215, criticalSpeed: cs, negativeSplit: 0, course: down });
    if (flat.check.state === 'unchecked' || p.check.state === 'unchecked') throw new Error('unchecked');
    expect(p.firstHalfS).toBeLessThan(flat.firstHalfS);
    expect(p.check.firstHalfMps).toBeLessThan(flat.check.firstHalfMps);
  });

  it('says it could not check without a CS, or with one older than 180 days', () => {
    const none = planOf({ distanceM: 10000, targetS: 3000 }).check;
    expect(none).toEqual({ state: 'unchecked', reason: expect.stringMatching(/no critical speed/) });
    const old = planOf({ distanceM: 10000, targetS: 3000, criticalSpeed: { ...cs, date: '2026-01-01' } }).check;
    expect(old).toEqual({ state: 'unchecked', reason: expect.stringMatching(/older than 180 days/) });
  });
});

describe('planPacing: bad input gives a reason, never a throw', () => {
  const bad = (input: Partial<PacingInput>) => {
    const a = planPacing({ distanceM: 10000, targetS: 3000, unit: 'km', today: TODAY, ...input });
    if (a.ok) throw new Error('expected an error');
    return a.error;
  };
  const pt = (distanceM: number, elevationM = 0): CoursePoint => ({ distanceM, elevationM });

  it('names each fault of a course', () => {
    expect(bad({ course: [pt(0)] })).toMatchObject({ reason: 'tooFewPoints', field: 'course' });
    expect(bad({ course: [pt(0), pt(6000), pt(5000), pt(10000)] })).toMatchObject({ reason: 'notMonotonic' });
    expect(bad({ course: [pt(0), pt(10400)] })).toMatchObject({ reason: 'lengthMismatch' });
    expect(bad({ course: [pt(0), pt(5000, 12000), pt(10000)] })).toMatchObject({ reason: 'absurdElevation' });
    expect(bad({ course: [pt(0), pt(Number.NaN), pt(10000)] })).toMatchObject({ reason: 'badNumber' });
  });

  it('names a bad target, distance or negative split', () => {
    expect(bad({ targetS: 0 })).toMatchObject({ reason: 'badTarget', field: 'targetS' });
    expect(bad({ targetS: 100 })).toMatchObject({ reason: 'badTarget', field: 'targetS' });
    expect(bad({ distanceM: 100000 })).toMatchObject({ reason: 'badTarget', field: 'distanceM' });
    expect(bad({ negativeSplit: 0.2 })).toMatchObject({ reason: 'badNegativeSplit', field: 'negativeSplit' });
    expect(bad({ negativeSplit: -0.01 })).toMatchObject({ reason: 'badNegativeSplit' });
  });

  it('lays a course 2 % long onto the race, says so, and repeats of a point are fine', () => {
    const p = planOf({ distanceM: 10000, targetS: 3000, course: [pt(0), pt(0), pt(5100, 50), pt(10200)] });
    expect(p.courseLengthM).toBe(10200);
    expect(p.notes[0]).toMatch(/10200 m/);
    expect(p.splits.at(-1)!.toM).toBe(10000);
  });
});
