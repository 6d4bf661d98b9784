// "Why this trend?" (issue 40, ADR 074): for a chart's window, which of the engine's inputs changed against the same
// length of time just before — a difference of means with its interval on the effective number of days (daily
// series are autocorrelated; Welch's t on those days), the interval widened for the number of inputs compared (Bonferroni) — and the
// engine's findings that link an input to this chart's outcome. Pure; honest when too little is known.
import { addDays, daysBetween } from '../../../lib/dates';
import { normalQuantile } from '../stats/normal.calc';
import type { InputSpec } from './questions.calc';

export const WHY_CHARTS = ['efficiency', 'fitness', 'weight'] as const;
export type WhyChart = (typeof WHY_CHARTS)[number];

/** The engine's outcomes each chart shows (or, for fitness, the training it is built from). */
export const CHART_OUTCOMES: Record<WhyChart, readonly string[]> = {
  efficiency: ['easy_run_ef', 'easy_ride_ef'],
  fitness: ['training_days', 'interrupted_week'],
  weight: ['weight_next_14d'],
};

/** Inputs that are the chart itself (or read from it) say nothing about why it moved. */
const SELF: Record<WhyChart, readonly string[]> = { efficiency: [], fitness: ['tsb'], weight: ['weight_trend'] };

/** Each arm needs this many days with a value (the issue's minimum per arm). */
export const MIN_ARM_DAYS = 8;
/** The family-wide level of the intervals. */
export const LEVEL = 0.95;

export interface ArmStats {
  from: string;
  to: string;
  n: number;
  nEff: number;
  mean: number;
}

export interface InputChange {
  key: string;
  label: string;
  unit: string;
  before: ArmStats;
  now: ArmStats;
  diff: number;
  low: number;
  high: number;
  /** The interval leaves out zero: this input changed over the window. */
  changed: boolean;
}

export interface WhyFinding {
  key: string;
  inputKey: string;
  outcomeKey: string;
  text: string;
}

export interface WhyAnswer {
  chart: WhyChart;
  window: { from: string; to: string };
  before: { from: string; to: string };
  /** ok: at least one input could be compared; too_little: none had MIN_ARM_DAYS in both windows. */
  status: 'ok' | 'too_little';
  /** Inputs compared, changed ones first (largest standardised change first), then the steady ones. */
  compared: InputChange[];
  /** Inputs without enough days in one of the windows, with how many each has. */
  thin: { key: string; label: string; nowDays: number; beforeDays: number }[];
  /** Findings whose outcome is this chart's; those whose input changed first. */
  findings: (WhyFinding & { inputChanged: boolean })[];
  /** The interval's level per input after widening for the number compared. */
  perInputLevel: number;
  summary: string;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The days a mean of an AR(1) series is worth: n(1 − r₁)/(1 + r₁) (the variance inflation of a mean under lag-1
 * autocorrelation; Wilks, Statistical Methods in the Atmospheric Sciences, §5.2.4). Negative r₁ is not credited.
 */
export function meanEffectiveN(n: number, r1: number): number {
  const r = Math.min(0.99, Math.max(0, r1));
  return Math.max(1, (n * (1 - r)) / (1 + r));
}

function arm(series: InputSpec['series'], from: string, to: string): { stats: ArmStats; values: number[] } {
  const values: number[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const v = series.get(d);
    if (v !== undefined) values.push(v);
  }
  const n = values.length;
  return { stats: { from, to, n, nEff: n, mean: n > 0 ? mean(values) : Number.NaN }, values };
}

/**
 * r₁ of the input, from both windows' deviations from their own means (one estimate on twice the days), with the
 * small-sample bias of the estimator added back (Marriott & Pope 1954: E[r̂₁] ≈ φ − (1 + 3φ)/n with the mean
 * estimated), so a short window does not pass off autocorrelated days as independent ones.
 */
function pooledLag1(a: readonly number[], b: readonly number[]): number {
  let num = 0;
  let den = 0;
  for (const xs of [a, b]) {
    const m = mean(xs);
    for (let i = 0; i < xs.length; i++) {
      const d = xs[i]! - m;
      den += d * d;
      if (i > 0) num += d * (xs[i - 1]! - m);
    }
  }
  if (den === 0) return 0;
  const r1 = num / den;
  return r1 + (1 + 3 * r1) / (a.length + b.length);
}

/**
 * Student's t quantile from the normal one (Cornish–Fisher expansion; Abramowitz & Stegun 26.7.5), close enough
 * for ν ≥ 3: the interval of a difference of means on few effective days is wider than the normal one.
 */
export function tQuantile(p: number, nu: number): number {
  const z = normalQuantile(p);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return z + (z3 + z) / (4 * nu) + (5 * z5 + 16 * z3 + 3 * z) / (96 * nu ** 2) + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * nu ** 3);
}

const variance = (xs: readonly number[]) => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / Math.max(1, xs.length - 1);
};

/** The window just before, of the same length. */
export function beforeOf(window: { from: string; to: string }): { from: string; to: string } {
  const len = daysBetween(window.from, window.to) + 1;
  return { from: addDays(window.from, -len), to: addDays(window.from, -1) };
}

const r = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/**
 * Which inputs changed over the window against the one before, and the findings behind this chart. Inputs are read
 * as their daily series (a rolling input such as the 7-day average is left out: it repeats its daily one).
 */
export function whyTrend(
  chart: WhyChart,
  window: { from: string; to: string },
  inputs: readonly InputSpec[],
  findings: readonly WhyFinding[],
): WhyAnswer {
  const before = beforeOf(window);
  const own = inputs.filter((i) => i.window === 1 && !SELF[chart].includes(i.key));
  const arms = own.map((i) => ({ input: i, now: arm(i.series, window.from, window.to), before: arm(i.series, before.from, before.to) }));
  const enough = arms.filter((a) => a.now.stats.n >= MIN_ARM_DAYS && a.before.stats.n >= MIN_ARM_DAYS);
  const perInputLevel = enough.length > 0 ? 1 - (1 - LEVEL) / enough.length : LEVEL;
  const p = 1 - (1 - perInputLevel) / 2;
  const compared: (InputChange & { size: number })[] = enough.map(({ input, now: rawNow, before: rawBefore }) => {
    const r1 = pooledLag1(rawNow.values, rawBefore.values);
    const now = { ...rawNow, stats: { ...rawNow.stats, nEff: meanEffectiveN(rawNow.stats.n, r1) } };
    const b = { ...rawBefore, stats: { ...rawBefore.stats, nEff: meanEffectiveN(rawBefore.stats.n, r1) } };
    const diff = now.stats.mean - b.stats.mean;
    const vNow = variance(now.values) / now.stats.nEff;
    const vBefore = variance(b.values) / b.stats.nEff;
    const se = Math.sqrt(vNow + vBefore);
    // Welch–Satterthwaite degrees of freedom on the effective days.
    const nu =
      se > 0
        ? Math.max(3, (vNow + vBefore) ** 2 / (vNow ** 2 / Math.max(1, now.stats.nEff - 1) + vBefore ** 2 / Math.max(1, b.stats.nEff - 1)))
        : 1e9;
    const t = tQuantile(p, nu);
    const low = diff - t * se;
    const high = diff + t * se;
    const places = input.unit === 'h' || input.unit === 'kg' ? 2 : 3;
    return {
      key: input.key,
      label: input.label,
      unit: input.unit,
      before: { ...b.stats, mean: r(b.stats.mean, places), nEff: r(b.stats.nEff, 1) },
      now: { ...now.stats, mean: r(now.stats.mean, places), nEff: r(now.stats.nEff, 1) },
      diff: r(diff, places),
      low: r(low, places),
      high: r(high, places),
      changed: se > 0 ? low > 0 || high < 0 : diff !== 0,
      size: se > 0 ? Math.abs(diff) / se : diff !== 0 ? Number.POSITIVE_INFINITY : 0,
    };
  });
  compared.sort((a, b) => Number(b.changed) - Number(a.changed) || b.size - a.size || a.key.localeCompare(b.key));
  const changedKeys = new Set(compared.filter((c) => c.changed).map((c) => c.key));
  const outcomes = CHART_OUTCOMES[chart];
  const linked = findings
    .filter((f) => outcomes.includes(f.outcomeKey))
    .map((f) => ({ ...f, inputChanged: changedKeys.has(f.inputKey) }))
    .sort((a, b) => Number(b.inputChanged) - Number(a.inputChanged) || a.key.localeCompare(b.key));
  const thin = arms
    .filter((a) => !(a.now.stats.n >= MIN_ARM_DAYS && a.before.stats.n >= MIN_ARM_DAYS) && (a.now.stats.n > 0 || a.before.stats.n > 0))
    .map((a) => ({ key: a.input.key, label: a.input.label, nowDays: a.now.stats.n, beforeDays: a.before.stats.n }));
  const status = compared.length > 0 ? 'ok' : 'too_little';
  return {
    chart,
    window,
    before,
    status,
    compared: compared.map(({ size: _size, ...c }) => c),
    thin,
    findings: linked,
    perInputLevel: r(perInputLevel, 4),
    summary: summaryOf(status, compared, linked.length),
  };
}

function summaryOf(status: WhyAnswer['status'], compared: InputChange[], findings: number): string {
  if (status === 'too_little')
    return `Too little recorded to compare: each input needs at least ${MIN_ARM_DAYS} days in this window and in the one before.`;
  const changed = compared.filter((c) => c.changed);
  const head =
    changed.length === 0
      ? `None of the ${compared.length} inputs compared changed clearly over this window.`
      : `${changed.length} of the ${compared.length} inputs compared changed over this window: ${changed.map((c) => c.label).join('; ')}.`;
  const tail =
    findings === 0
      ? ' The engine has no finding linking an input to this chart yet, so a change here is a change, not an explanation.'
      : ` The engine links ${findings === 1 ? 'one input' : `${findings} inputs`} to this chart in your own days.`;
  return head + tail;
}
