// The triathlon plan: the bike's IF is the closed form of its budget, a planted brick slowdown is found again, the
// legs and transitions add up to the total, and a missing threshold leaves its leg without a number.
import { describe, expect, it } from 'vitest';
import { ifForBudget } from './bike.calc';
import { FORMAT_SPECS, formatTotalM } from './formats';
import { planTriathlon } from './triathlon.calc';
import { brick, ride, run, threshold, TODAY } from './triathlon.testing';
import type { TriInput } from './triathlon.types';

const FRESH_PACE = 270; // 4:30 /km at 150 bpm
const freshRuns = [1, 3, 5, 8, 10, 12].map((d) => run(d, 10, FRESH_PACE, 150 + (d % 3)));
const base = (over: Partial<TriInput> = {}): TriInput => ({
  format: 'half',
  today: TODAY,
  css: threshold(1.25),
  ftp: threshold(250),
  runThreshold: threshold(1000 / 255),
  runDPrimeM: 200,
  sessions: [ride(20, 3, 190, 8.5), ride(27, 2.5, 200, 8.8), ...freshRuns],
  ...over,
});
const planned = <T extends { state: string }>(leg: T) => {
  if (leg.state !== 'planned') throw new Error(`expected a planned leg, got ${JSON.stringify(leg)}`);
  return leg as Extract<T, { state: 'planned' }>;
};

describe('planTriathlon', () => {
  it('rides at the closed form IF = √(TSS / (100·h)) and IF × FTP, from the long rides’ speed', () => {
    const bike = planned(planTriathlon(base()).bike);
    expect(bike.timeSource).toBe('longRides');
    expect(bike.intensityFactor).toBeCloseTo(ifForBudget(170, bike.hours), 12);
    expect(bike.tss).toBeCloseTo(170, 9);
    expect(bike.targetPowerW).toBeCloseTo(bike.intensityFactor * 250, 9);
    expect(bike.timeS).toBeCloseTo(90_000 / bike.speedMps, 6);
    // A 2.5–3 h rider on a 170 budget: the domain reference's 0.75–0.87 band.
    expect(bike.intensityFactor).toBeGreaterThan(0.75);
    expect(bike.intensityFactor).toBeLessThan(0.87);
    expect(bike.longRides.map((r) => r.activityId)).toHaveLength(2);
    expect(bike.viTarget).toBe(1.05);
  });

  it('says the FTP is likely too low when a long ride was held above it', () => {
    const bike = planned(planTriathlon(base({ sessions: [ride(40, 2.5, 275, 9), ...freshRuns] })).bike);
    expect(bike.check.state).toBe('ftpLow');
    expect(bike.check.text).toMatch(/^You held IF 1\.10 for 150 min .*your FTP of 250 W .* is likely too low/);
  });

  it('takes the athlete’s expected bike time when no long ride has power, and caps IF at 1', () => {
    const bike = planned(planTriathlon(base({ sessions: freshRuns, bikeHours: 2.5 })).bike);
    expect(bike.timeSource).toBe('input');
    expect(bike.intensityFactor).toBeCloseTo(Math.sqrt(170 / 250), 12);
    expect(bike.check.state).toBe('noLongRides');
    const sprint = planned(planTriathlon(base({ format: 'sprint', sessions: freshRuns, bikeHours: 0.4 })).bike);
    expect(sprint.capped).toBe(true);
    expect(sprint.intensityFactor).toBe(1);
    expect(sprint.tss).toBeCloseTo(40, 9);
    const none = planTriathlon(base({ sessions: freshRuns })).bike;
    expect(none.state).toBe('notEnoughData');
  });

  it('recovers a planted 7 % brick slowdown from 4 bricks, and its cost per IF from their rides', () => {
    // slowdown = 0.03 + 0.5 × (IF − 0.65): 0.055, 0.08, 0.105, 0.13 → median 0.0925 and slope 0.5.
    const ifs = [0.7, 0.75, 0.8, 0.85];
    const bricks = ifs.flatMap((x, i) => brick(30 + i * 7, 2, x, 0.03 + 0.5 * (x - 0.65), FRESH_PACE, 150));
    const plan = planTriathlon(base({ sessions: [...base().sessions, ...bricks] }));
    expect(plan.bricks.state).toBe('calibrated');
    expect(plan.bricks.bricks).toHaveLength(4);
    expect(plan.bricks.slowdown).toBeCloseTo(0.0925, 9);
    const r = planned(plan.run);
    expect(r.timeS).toBeCloseTo(r.freshTimeS * 1.0925, 6);
    const w = plan.whatIf![0]!;
    expect(w.ifDelta).toBe(0.02);
    expect(w.bikeSecondsSaved).toBeGreaterThan(0);
    expect(w.tssAdded).toBeGreaterThan(0);
    expect(w.runCostS).toBeCloseTo(r.freshTimeS * 0.5 * 0.02, 6);

    const planted = [0, 1, 2, 3].flatMap((i) => brick(30 + i * 7, 2, 0.75, 0.07, FRESH_PACE, 150));
    const seven = planTriathlon(base({ sessions: [...base().sessions, ...planted] }));
    expect(seven.bricks.slowdown).toBeCloseTo(0.07, 9);
    // All four rides at one IF: the cost of riding harder is unknown, and said so.
    expect(seven.whatIf![0]!.runCostS).toBeNull();
    expect(seven.whatIf![0]!.runCostWhy).toMatch(/^unknown/);
  });

  it('is uncalibrated with the stated default without bricks, and leaves out a run long after its ride', () => {
    const late = [ride(40, 2, 180, 8.5), run(40, 5, 290, 150, 2 * 3600 + 45 * 60)];
    const noHr = brick(45, 2, 0.75, 0.07, FRESH_PACE, 150).map((s) => (s.sport === 'run' ? { ...s, avgHr: null } : s));
    const plan = planTriathlon(base({ sessions: [...base().sessions, ...late, ...noHr] }));
    expect(plan.bricks.state).toBe('uncalibrated');
    expect(plan.bricks.slowdown).toBe(FORMAT_SPECS.half.defaultRunSlowdown);
    expect(plan.bricks.excluded.map((e) => e.reason)).toEqual(['no heart rate: nothing to compare it with at equal effort']);
    expect(plan.whatIf!.every((w) => w.runCostS === null && /not calibrated/.test(w.runCostWhy))).toBe(true);
  });

  it('adds the legs and transitions to the total over the format’s distance', () => {
    for (const format of ['sprint', 'olympic', 'half', 'full'] as const) {
      const p = planTriathlon(base({ format }));
      const [swim, bike, r] = [planned(p.swim), planned(p.bike), planned(p.run)];
      expect(swim.distanceM + bike.distanceM + r.distanceM).toBe(formatTotalM(format));
      expect(p.totalS).toBeCloseTo(swim.timeS + p.transitions.t1S + bike.timeS + p.transitions.t2S + r.timeS, 9);
      expect(swim.paceSPer100m).toBeCloseTo(100 / (1.25 * FORMAT_SPECS[format].swimFraction), 9);
    }
  });

  it('says "not enough data yet" for each leg whose threshold is missing, and gives no total', () => {
    const p = planTriathlon(base({ css: null, ftp: null, runThreshold: null }));
    for (const leg of [p.swim, p.bike, p.run]) {
      expect(leg.state).toBe('notEnoughData');
      expect((leg as { help: string[] }).help.length).toBeGreaterThan(0);
    }
    expect(p.totalS).toBeNull();
    expect(p.whatIf).toBeNull();
  });
});
