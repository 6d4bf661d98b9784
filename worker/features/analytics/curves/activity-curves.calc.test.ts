import { describe, expect, it } from 'vitest';
import { POWER_CEILING_W } from '../calc/plausibility.calc';
import { activityCurves, CURVE_CEILINGS, ceilingAt } from './activity-curves.calc';
import { CURVE_DURATIONS } from './mean-max.calc';

const { power, run: RUN } = CURVE_CEILINGS;

describe('human ceilings across the ladder', () => {
  it('are the tables at their own durations, flat past the ends, and never rise with duration', () => {
    for (const [t, w] of Object.entries(POWER_CEILING_W)) expect(ceilingAt(power, Number(t))).toBeCloseTo(w, 9);
    expect(ceilingAt(power, 86_400)).toBe(600);
    expect(ceilingAt(RUN, 5)).toBe(12.5);
    expect(ceilingAt(RUN, 7235)).toBeCloseTo(42195 / 7235, 9);
    expect(ceilingAt(RUN, 36_000)).toBeCloseTo(42195 / 7235, 9);
    // Half-way in log-duration between 5 s and 60 s: half-way between their ceilings.
    expect(ceilingAt(power, Math.sqrt(5 * 60))).toBeCloseTo((2500 + 1200) / 2, 9);
    for (const table of [power, RUN])
      for (let i = 1; i < CURVE_DURATIONS.length; i++)
        expect(ceilingAt(table, CURVE_DURATIONS[i]!)).toBeLessThanOrEqual(ceilingAt(table, CURVE_DURATIONS[i - 1]!));
  });

  it('keep a run whose recording was flagged out of the pace curve, every point with the reason, and its heart rate in', () => {
    const t = Array.from({ length: 600 }, (_, i) => i);
    const streams = { t, speedCms: t.map(() => 400), hr: t.map(() => 160) };
    const flagged = activityCurves({ sport: 'run', sportInferred: false, implausibleEffort: true }, streams);
    const speed = flagged.find((c) => c.kind === 'speed')!;
    expect(speed.values.every((v) => v === null)).toBe(true);
    expect(speed.excluded).toHaveLength(CURVE_DURATIONS.filter((d) => d <= 600).length);
    expect(speed.excluded[0]).toEqual({ durationS: 1, value: 4, startS: 0, reason: 'implausible_effort', ref: null });
    expect(flagged.find((c) => c.kind === 'hr')!.values[0]).toBe(160);
    // A car ride left running as a "run": 20 m/s for 10 minutes is above the 400 m record's speed at every duration.
    const car = activityCurves({ sport: 'run', sportInferred: false, implausibleEffort: false }, { t, speedCms: t.map(() => 2000) });
    expect(car[0]!.excluded.every((e) => e.reason === 'world_record')).toBe(true);
    expect(car[0]!.values.every((v) => v === null)).toBe(true);
    expect(activityCurves({ sport: 'walk', sportInferred: false, implausibleEffort: false }, streams)).toEqual([]);
  });
});
