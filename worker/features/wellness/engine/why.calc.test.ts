// "Why this trend?": a planted change is found with its interval, a steady input is not, too few days say so, only
// this chart's findings are shown, the chart's own series is never its own reason — and autocorrelated noise does
// not read as change (the test fails if the effective-days correction is taken out).
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { InputSpec } from './questions.calc';
import { beforeOf, MIN_ARM_DAYS, meanEffectiveN, whyTrend, type WhyFinding } from './why.calc';
import { mulberry32 } from '../../../lib/random';

const WINDOW = { from: '2026-09-01', to: '2026-10-30' }; // 60 days; the 60 before start 2026-07-03

function rng(seed: number) {
  const uniform = mulberry32(seed);
  return () => Math.sqrt(-2 * Math.log(Math.max(uniform(), 1e-12))) * Math.cos(2 * Math.PI * uniform());
}

/** A daily series over both windows: `value(i, day)` for day i from the start of the window before. */
function series(value: (i: number, day: string) => number | null): Map<string, number> {
  const out = new Map<string, number>();
  const start = beforeOf(WINDOW).from;
  for (let i = 0; i < 120; i++) {
    const day = addDays(start, i);
    const v = value(i, day);
    if (v !== null) out.set(day, v);
  }
  return out;
}

const input = (key: string, s: ReadonlyMap<string, number>, extra: Partial<InputSpec> = {}): InputSpec => ({
  key,
  label: key.replace('_', ' '),
  unit: key === 'sleep' ? 'h' : '',
  series: s,
  lag: 0,
  window: 1,
  ...extra,
});

describe('whyTrend', () => {
  it('finds a planted change with its interval, leaves a steady input alone, and shows only this chart’s findings', () => {
    const noise = rng(7);
    // Sleep: 6.5 h before, 7.5 h in the window, with a little night-to-night noise.
    const sleep = input(
      'sleep',
      series((i) => (i < 60 ? 6.5 : 7.5) + 0.3 * noise()),
    );
    const mood = input(
      'mood',
      series(() => 3),
    );
    const rolled = input('sleep_7d', sleep.series, { window: 7 });
    const findings: WhyFinding[] = [
      {
        key: 'sleep~easy_run_ef',
        inputKey: 'sleep',
        outcomeKey: 'easy_run_ef',
        text: 'After more sleep, easier runs were more efficient.',
      },
      { key: 'mood~weight_next_14d', inputKey: 'mood', outcomeKey: 'weight_next_14d', text: 'Not this chart.' },
    ];
    const w = whyTrend('efficiency', WINDOW, [sleep, mood, rolled], findings);
    expect(w.before).toEqual({ from: '2026-07-03', to: '2026-08-31' });
    expect(w.status).toBe('ok');
    expect(w.compared.map((c) => [c.key, c.changed])).toEqual([
      ['sleep', true],
      ['mood', false],
    ]);
    const s = w.compared[0]!;
    expect(s.now.n).toBe(60);
    expect(s.before.n).toBe(60);
    expect(s.diff).toBeGreaterThan(0.85);
    expect(s.diff).toBeLessThan(1.15);
    expect(s.low).toBeGreaterThan(0.5);
    expect(s.high).toBeLessThan(1.5);
    expect(w.compared[1]).toMatchObject({ diff: 0, low: 0, high: 0, changed: false });
    // Two inputs compared: each interval at 97.5 % keeps the pair at 95 %.
    expect(w.perInputLevel).toBe(0.975);
    expect(w.findings).toEqual([{ ...findings[0], inputChanged: true }]);
    expect(w.summary).toBe(
      '1 of the 2 inputs compared changed over this window: sleep. The engine links one input to this chart in your own days.',
    );
  });

  it('says so when too little is recorded, and names what each input has', () => {
    const sparse = input(
      'sleep',
      series((i) => (i % 12 === 0 ? 7 : null)),
    );
    const w = whyTrend('weight', WINDOW, [sparse], []);
    expect(w.status).toBe('too_little');
    expect(w.compared).toEqual([]);
    expect(w.thin).toEqual([{ key: 'sleep', label: 'sleep', nowDays: 5, beforeDays: 5 }]);
    expect(w.summary).toBe(
      `Too little recorded to compare: each input needs at least ${MIN_ARM_DAYS} days in this window and in the one before.`,
    );
  });

  it('never gives a chart its own series as a reason, and says when no finding explains it', () => {
    const noise = rng(3);
    const trend = input(
      'weight_trend',
      series((i) => (i < 60 ? 0 : -1) + 0.1 * noise()),
    );
    const tsb = input(
      'tsb',
      series((i) => (i < 60 ? -10 : 10) + noise()),
    );
    const weight = whyTrend('weight', WINDOW, [trend, tsb], []);
    expect(weight.compared.map((c) => c.key)).toEqual(['tsb']);
    expect(weight.summary).toContain('The engine has no finding linking an input to this chart yet');
    expect(whyTrend('fitness', WINDOW, [trend, tsb], []).compared.map((c) => c.key)).toEqual(['weight_trend']);
  });

  it('counts autocorrelated days for what they are worth: n(1 − r₁)/(1 + r₁)', () => {
    expect(meanEffectiveN(100, 0.6)).toBeCloseTo(25, 10);
    expect(meanEffectiveN(100, 0)).toBe(100);
    expect(meanEffectiveN(100, -0.5)).toBe(100);
  });

  it('noise with AR(1) φ = 0.6 over ten inputs reads as change for at most 10 % of athletes', () => {
    const phi = 0.6;
    let flagged = 0;
    const athletes = 200;
    for (let a = 0; a < athletes; a++) {
      const next = rng(1000 + a);
      const inputs = Array.from({ length: 10 }, (_, k) => {
        let x = next();
        return input(
          `input_${k}`,
          series(() => (x = phi * x + Math.sqrt(1 - phi * phi) * next())),
        );
      });
      if (whyTrend('efficiency', WINDOW, inputs, []).compared.some((c) => c.changed)) flagged++;
    }
    // 8.5 % with these seeds; counting every day as independent flags most of them (82.5 %).
    expect(flagged / athletes).toBeLessThanOrEqual(0.1);
  });
});
