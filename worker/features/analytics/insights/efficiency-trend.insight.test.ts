import { describe, expect, it } from 'vitest';
import { EFFICIENCY_MIN_PER_HALF, EFFICIENCY_MIN_RUNS, EFFICIENCY_WINDOW_DAYS, efficiencyTrendInsight } from './efficiency-trend.insight';
import { type ActivitySpec, buildInputs, FORBIDDEN_TONE } from './testing.fixtures';

// TODAY 2026-11-18: the 56-day window is 2026-09-24..2026-11-18; the second half starts 2026-10-22.
const FIRST_HALF = ['2026-09-24', '2026-10-01', '2026-10-08', '2026-10-15', '2026-10-21'];
const SECOND_HALF = ['2026-10-22', '2026-10-29', '2026-11-05', '2026-11-12', '2026-11-18'];

const easy = (date: string, efficiency: number, extra: Partial<ActivitySpec> = {}): ActivitySpec => ({
  id: `run-${date}`,
  date,
  efficiency,
  avgHr: 140,
  distanceM: 10_000,
  movingTimeS: 3_000,
  ...extra,
});

describe('efficiency_trend', () => {
  it('exports the definition constants', () => {
    expect([EFFICIENCY_WINDOW_DAYS, EFFICIENCY_MIN_RUNS, EFFICIENCY_MIN_PER_HALF]).toEqual([56, 6, 2]);
  });

  it('is insufficient with 5 runs and ok at exactly 6 (3 + 3)', () => {
    const five = [...FIRST_HALF.slice(0, 3), ...SECOND_HALF.slice(0, 2)].map((d) => easy(d, 1));
    const below = efficiencyTrendInsight(buildInputs({ activities: five }));
    expect(below.status).toBe('insufficient');
    expect(below.finding).toBe(
      'Needs 6 easy runs with heart rate in the last 8 weeks, at least 2 in each 4-week half; 5 so far (3 in weeks 1–4, 2 in weeks 5–8).',
    );
    expect(below.numbers).toEqual({});
    expect(below.receipts).toEqual([]);
    expect(below.minSample).toEqual({ required: 6, actual: 5, unit: 'easy runs with heart rate' });

    const none = efficiencyTrendInsight(buildInputs({ activities: [] }));
    expect(none.finding).toBe('Needs 6 easy runs with heart rate in the last 8 weeks, at least 2 in each 4-week half; none so far.');

    const six = [...FIRST_HALF.slice(0, 3), ...SECOND_HALF.slice(0, 3)].map((d) => easy(d, 1));
    expect(efficiencyTrendInsight(buildInputs({ activities: six })).status).toBe('ok');
  });

  it('is insufficient when a half has fewer than 2 runs, even with 7 runs in total', () => {
    const unbalanced = [FIRST_HALF[0]!, ...SECOND_HALF, '2026-11-13'].map((d) => easy(d, 1));
    const out = efficiencyTrendInsight(buildInputs({ activities: unbalanced }));
    expect(out.status).toBe('insufficient');
    expect(out.finding).toContain('7 so far (1 in weeks 1–4, 6 in weeks 5–8)');

    const balanced = [FIRST_HALF[0]!, FIRST_HALF[1]!, ...SECOND_HALF.slice(0, 4)].map((d) => easy(d, 1));
    expect(efficiencyTrendInsight(buildInputs({ activities: balanced })).status).toBe('ok');
  });

  it('computes the half means, change and weekly slope by hand', () => {
    const acts = [
      easy('2026-09-24', 1.0), // day 0
      easy('2026-10-01', 1.02), // day 7
      easy('2026-10-08', 1.04), // day 14
      easy('2026-10-29', 1.1), // day 35
      easy('2026-11-05', 1.12), // day 42
      easy('2026-11-12', 1.14), // day 49
    ];
    const out = efficiencyTrendInsight(buildInputs({ activities: acts }));
    const first = (1.0 + 1.02 + 1.04) / 3;
    const second = (1.1 + 1.12 + 1.14) / 3;
    // Least squares by hand: x̄ = (0+7+14+35+42+49)/6 = 24.5, ȳ = (sum of y)/6.
    const xbar = (0 + 7 + 14 + 35 + 42 + 49) / 6;
    const ybar = (1.0 + 1.02 + 1.04 + 1.1 + 1.12 + 1.14) / 6;
    const sxy =
      (0 - xbar) * (1.0 - ybar) +
      (7 - xbar) * (1.02 - ybar) +
      (14 - xbar) * (1.04 - ybar) +
      (35 - xbar) * (1.1 - ybar) +
      (42 - xbar) * (1.12 - ybar) +
      (49 - xbar) * (1.14 - ybar);
    const sxx = (0 - xbar) ** 2 + (7 - xbar) ** 2 + (14 - xbar) ** 2 + (35 - xbar) ** 2 + (42 - xbar) ** 2 + (49 - xbar) ** 2;

    expect(out.status).toBe('ok');
    expect(out.numbers.runs).toBe(6);
    expect(out.numbers.firstHalfMean).toBeCloseTo(first, 10);
    expect(out.numbers.secondHalfMean).toBeCloseTo(second, 10);
    expect(out.numbers.changePct).toBeCloseTo(((second - first) / first) * 100, 10);
    expect(out.numbers.slopePerWeek).toBeCloseTo((sxy / sxx) * 7, 10);
    expect(out.tone).toBe('positive');
    expect(out.window).toEqual({ from: '2026-09-24', to: '2026-11-18' });
    expect(out.id).toBe('efficiency_trend:2026-09-24:2026-11-18');
    // (1.12 − 1.02) / 1.02 = 9.80 %; 10 km in 3000 s is 5:00 /km.
    expect(out.finding).toBe(
      'Aerobic efficiency on easy runs rose 9.8 % over the last 8 weeks (6 runs; 5:00 /km at 140 bpm on average in weeks 1–4, 5:00 /km at 140 bpm in weeks 5–8).',
    );
  });

  it('receipts are exactly the runs used, with rounded efficiency, HR and pace', () => {
    const acts = [
      easy('2026-09-23', 1.5), // one day before the window
      easy('2026-09-24', 1.23456, { avgHr: 150, distanceM: 8_000, movingTimeS: 2_600 }),
      easy('2026-10-01', 1.2),
      easy('2026-10-08', 1.2),
      easy('2026-10-29', 1.2),
      easy('2026-11-05', 1.2),
      easy('2026-11-12', 1.2),
      { id: 'ride-1', date: '2026-11-01', sport: 'ride', efficiency: 1.8 } satisfies ActivitySpec, // rides are not runs
      { id: 'no-hr', date: '2026-11-02', distanceM: 5_000 } satisfies ActivitySpec, // a run with no efficiency point
    ];
    const out = efficiencyTrendInsight(buildInputs({ activities: acts }));
    expect(out.receipts.map((r) => r.activityId)).toEqual([
      'run-2026-09-24',
      'run-2026-10-01',
      'run-2026-10-08',
      'run-2026-10-29',
      'run-2026-11-05',
      'run-2026-11-12',
    ]);
    const r0 = out.receipts[0]!;
    expect(r0).toMatchObject({ date: '2026-09-24', sport: 'run', distanceM: 8_000, movingTimeS: 2_600 });
    // 2600 s over 8 km = 325 s per km.
    expect(r0.values).toEqual({ efficiency: 1.235, avgHr: 150, paceS: 325, paceUnit: 'km' });
  });

  it('describes a fall as information and a small change as steady', () => {
    const falling = [1.1, 1.1, 1.1, 1.0, 1.0, 1.0];
    const dates = [...FIRST_HALF.slice(0, 3), ...SECOND_HALF.slice(0, 3)];
    const down = efficiencyTrendInsight(buildInputs({ activities: dates.map((d, i) => easy(d, falling[i]!)) }));
    expect(down.tone).toBe('info');
    // (1.0 − 1.1) / 1.1 = −9.09 %
    expect(down.finding).toMatch(/^Aerobic efficiency on easy runs fell 9\.1 % over the last 8 weeks \(6 runs/);

    const flat = [1.0, 1.0, 1.0, 1.005, 1.005, 1.005];
    const steady = efficiencyTrendInsight(buildInputs({ activities: dates.map((d, i) => easy(d, flat[i]!)) }));
    expect(steady.tone).toBe('info');
    expect(steady.finding).toMatch(/^Aerobic efficiency on easy runs held steady \(within 1 %\) over the last 8 weeks \(6 runs/);
    for (const f of [down.finding, steady.finding]) expect(f).not.toMatch(FORBIDDEN_TONE);
  });

  it('a mile athlete sees pace per mile in the finding and the receipts', () => {
    const dates = [...FIRST_HALF.slice(0, 3), ...SECOND_HALF.slice(0, 3)];
    const out = efficiencyTrendInsight(buildInputs({ units: 'mi', activities: dates.map((d) => easy(d, 1)) }));
    // 10 km in 3000 s: 1609.344 / (10000 / 3000) = 482.8 s = 8:03 /mi.
    expect(out.finding).toContain('8:03 /mi at 140 bpm');
    expect(out.finding).not.toContain('/km');
    expect(out.receipts[0]!.values).toMatchObject({ paceS: Math.round(1609.344 / (10_000 / 3_000)), paceUnit: 'mi' });
  });

  it('leaves the pace clause out when speed is unknown', () => {
    const dates = [...FIRST_HALF.slice(0, 3), ...SECOND_HALF.slice(0, 3)];
    const inputs = buildInputs({ activities: dates.map((d) => easy(d, 1, { speedMps: null })) });
    // Without run receipts either, there is nothing to derive speed from.
    const out = efficiencyTrendInsight({ ...inputs, runs: [], activitiesByDate: {} });
    expect(out.finding).toBe('Aerobic efficiency on easy runs held steady (within 1 %) over the last 8 weeks (6 runs).');
    expect(out.receipts[0]!.values.paceS).toBeNull();
  });
});
