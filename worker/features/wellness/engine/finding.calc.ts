// A finding in words, with its interval and receipts: the correlation, and the same pattern said as two arms
// (days after the input's highest third against its lowest third) with a block-bootstrap interval on the
// difference, because one athlete's days are not independent (Lin et al. 2016; ADR 069). Pure and seeded.
import type { RankCorrelation } from '../stats/correlation.calc';
import type { AskedQuestion, Pair } from './questions.calc';
import { mulberry32, seedOf } from '../../../lib/random';

/** Each arm needs at least this many outcome days (ADR 069). */
export const MIN_ARM_DAYS = 8;
const RESAMPLES = 1000;

export interface Arm {
  n: number;
  /** The input's bound: at or above it (high arm), at or below it (low arm). */
  bound: number;
  mean: number;
}

export interface ArmsComparison {
  low: Arm;
  high: Arm;
  /** false: the diff fields are high − low in the outcome's unit (OutcomeSpec `compare: 'difference'`). */
  relative: boolean;
  /** (high − low) / |low|, in %, with its 95 % block-bootstrap interval. */
  diffPct: number;
  diffLowPct: number;
  diffHighPct: number;
}

export interface Finding {
  key: string;
  rho: number;
  rhoLow: number;
  rhoHigh: number;
  n: number;
  nEff: number;
  arms: ArmsComparison | null;
  text: string;
  /** The outcome events the finding rests on: every activity or day behind it. */
  receipts: Pair['ref'][];
}

/** The value at quantile q (linear between order statistics). */
function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function armsOf(pairs: readonly Pair[], lowBound: number, highBound: number) {
  const low = pairs.filter((p) => p.x <= lowBound).map((p) => p.y);
  const high = pairs.filter((p) => p.x >= highBound).map((p) => p.y);
  return { low, high };
}

/** Seeded from the question's key: the same data always gives the same interval. */
const seeded = (key: string) => mulberry32(seedOf(key));

/**
 * Highest third against lowest third of the input, or null when an arm has fewer than MIN_ARM_DAYS days or the low
 * arm's mean is 0. The interval resamples circular blocks of consecutive outcome days (length ⌈n^⅓⌉).
 */
export function compareArms(pairs: readonly Pair[], key: string, relative = true): ArmsComparison | null {
  if (pairs.length < 2 * MIN_ARM_DAYS) return null;
  const xs = pairs.map((p) => p.x).sort((a, b) => a - b);
  const lowBound = quantile(xs, 1 / 3);
  const highBound = quantile(xs, 2 / 3);
  if (!(highBound > lowBound)) return null;
  const { low, high } = armsOf(pairs, lowBound, highBound);
  if (low.length < MIN_ARM_DAYS || high.length < MIN_ARM_DAYS) return null;
  const lowMean = mean(low);
  if (relative && lowMean === 0) return null;
  const diff = (h: number, l: number) => (relative ? ((h - l) / Math.abs(l)) * 100 : h - l);
  const n = pairs.length;
  const block = Math.ceil(Math.cbrt(n));
  const rand = seeded(key);
  const diffs: number[] = [];
  for (let r = 0; r < RESAMPLES; r++) {
    const sample: Pair[] = [];
    while (sample.length < n) {
      const start = Math.floor(rand() * n);
      for (let i = 0; i < block && sample.length < n; i++) sample.push(pairs[(start + i) % n]!);
    }
    const s = armsOf(sample, lowBound, highBound);
    if (s.low.length > 0 && s.high.length > 0 && (!relative || mean(s.low) !== 0)) diffs.push(diff(mean(s.high), mean(s.low)));
  }
  diffs.sort((a, b) => a - b);
  return {
    low: { n: low.length, bound: lowBound, mean: lowMean },
    high: { n: high.length, bound: highBound, mean: mean(high) },
    relative,
    diffPct: diff(mean(high), lowMean),
    diffLowPct: quantile(diffs, 0.025),
    diffHighPct: quantile(diffs, 0.975),
  };
}

const fmt = (x: number, unit: string) => `${Number.isInteger(x) ? x : x.toFixed(1)}${unit ? ` ${unit}` : ''}`;
const pct = (x: number) => `${Math.abs(x) < 10 ? Math.abs(x).toFixed(1) : Math.round(Math.abs(x))} %`;
const signed = (x: number) => `${x < 0 ? '−' : ''}${pct(x)}`;

/** The finding in plain words: a pattern, never advice. */
export function describe(q: AskedQuestion, c: RankCorrelation, familySize: number, rank: number): Finding {
  const relative = q.outcome.compare !== 'difference';
  const arms = compareArms(q.pairs, q.key, relative);
  const of = `${rank} of ${familySize} patterns tested`;
  // A difference of two values in % is in points: "2 points higher", never read as 2 % of the value.
  const u = q.outcome.unit === '%' ? 'points' : q.outcome.unit;
  const size = (x: number) => (relative ? pct(x) : fmt(Math.round(Math.abs(x) * 100) / 100, u));
  const interval = (lo: number, hi: number) =>
    relative
      ? `${signed(lo)} to ${signed(hi)}`
      : `${lo < 0 ? '−' : ''}${fmt(Math.round(Math.abs(lo) * 100) / 100, '')} to ${hi < 0 ? '−' : ''}${fmt(Math.round(Math.abs(hi) * 100) / 100, u)}`;
  // A weekly outcome has one value a week: its pairs are weeks.
  const days = q.outcome.per === 'week' ? 'weeks' : 'days';
  const text = arms
    ? `On the ${arms.high.n} ${days} with ${q.input.label} at ${fmt(arms.high.bound, q.input.unit)} or more, your ${q.outcome.label} was ${size(arms.diffPct)} ${arms.diffPct >= 0 ? 'higher' : 'lower'} (${interval(arms.diffLowPct, arms.diffHighPct)}) than on the ${arms.low.n} ${days} with ${fmt(arms.low.bound, q.input.unit)} or less — ${of}.`
    : `Your ${q.outcome.label} ${c.rho >= 0 ? 'rose' : 'fell'} with ${q.input.label}: ρ ${c.rho.toFixed(2)} (${c.low.toFixed(2)} to ${c.high.toFixed(2)}) over ${c.n} ${days} — ${of}.`;
  return { key: q.key, rho: c.rho, rhoLow: c.low, rhoHigh: c.high, n: c.n, nEff: c.nEff, arms, text, receipts: q.pairs.map((p) => p.ref) };
}
