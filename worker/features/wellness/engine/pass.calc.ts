// One pass of the N=1 engine over an athlete's gathered data: every input × outcome aligned, the whole family
// tested (ADR 069: Spearman on n_eff, Benjamini–Yekutieli over every question asked, untested ones counted), the
// findings put in words, and the days each waiting question needs. Pure. A question whose pairs are unchanged since
// the last pass keeps its correlation and words (the fingerprint of its pairs says so), so the update after one
// check-in re-computes only what that day touched and re-runs BY over the family (ADR 070).
import { toEpochDay } from '../../../lib/dates';
import { dependentRankCorrelation, type RankCorrelation } from '../stats/correlation.calc';
import { FAMILY_FDR, MIN_EFFECTIVE_DAYS } from '../stats/family.calc';
import { benjaminiYekutieli } from '../stats/fdr.calc';
import { daysNeeded } from '../stats/power.calc';
import type { EngineData } from './engine-data';
import { describe as describeFinding, type Finding } from './finding.calc';
import { type EngineInput, inputsOf } from './inputs';
import { outcomesOf } from './outcomes';
import type { AskedQuestion, OutcomeSpec, Pair } from './questions.calc';

/** The API's key of a question: input~outcome (questions.calc's key uses an arrow, awkward in a URL). */
export const apiKey = (input: string, outcome: string) => `${input}~${outcome}`;

export interface StoredQuestion {
  key: string;
  input: string;
  outcome: string;
  /** Fingerprint of the aligned pairs: equal pairs, equal answer. */
  fp: number;
  status: 'finding' | 'no_finding' | 'too_few_days';
  days: number;
  correlation: RankCorrelation | null;
  moreDays: number | null;
}

export interface StoredFinding extends Finding {
  apiKey: string;
  fp: number;
}

export interface EngineResult {
  from: string;
  to: string;
  /** The inputs' and outcomes' words, as the pass named them (HRV's carries its source). */
  inputs: { key: string; label: string; unit: string; lag: number; window: number }[];
  outcomes: { key: string; label: string; unit: string }[];
  asked: number;
  tested: number;
  questions: StoredQuestion[];
  findings: StoredFinding[];
}

/** An input as an array by day over [first, first + n), for constant-time reads at any lag and window. */
function byIndex(input: EngineInput, first: number, n: number): Float64Array {
  const out = new Float64Array(n).fill(Number.NaN);
  for (const [day, v] of input.series) {
    const i = toEpochDay(day) - first;
    if (i >= 0 && i < n) out[i] = v;
  }
  return out;
}

/**
 * Every input × outcome, aligned as questions.calc's `questionsOf` aligns them (the same window mean, summed in
 * the same order, so the numbers are identical) but on arrays by day rather than strings.
 */
export function alignedQuestions(inputs: readonly EngineInput[], outcomes: readonly OutcomeSpec[]): AskedQuestion[] {
  const days = [...inputs.flatMap((i) => [...i.series.keys()]), ...outcomes.flatMap((o) => o.events.map((e) => e.day))];
  if (days.length === 0)
    return inputs.flatMap((input) =>
      outcomes.map((outcome) => ({ key: `${input.key}→${outcome.key}`, x: [], y: [], input, outcome, pairs: [] })),
    );
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const d of days) {
    const e = toEpochDay(d);
    if (e < lo) lo = e;
    if (e > hi) hi = e;
  }
  const first = lo - 40;
  const n = hi - first + 1;
  const sorted = outcomes.map((o) => {
    const events = [...o.events].sort((a, b) => a.day.localeCompare(b.day));
    return { o, events, at: events.map((e) => toEpochDay(e.day) - first) };
  });
  return inputs.flatMap((input) => {
    const arr = byIndex(input, first, n);
    return sorted.map(({ o, events, at }) => {
      const pairs: Pair[] = [];
      for (let k = 0; k < events.length; k++) {
        const end = at[k]! - input.lag;
        let sum = 0;
        let c = 0;
        for (let i = 0; i < input.window; i++) {
          const v = end - i >= 0 ? arr[end - i]! : Number.NaN;
          if (!Number.isNaN(v)) {
            sum += v;
            c++;
          }
        }
        if (c > 0 && c * 2 >= input.window) pairs.push({ day: events[k]!.day, x: sum / c, y: events[k]!.value, ref: events[k]!.ref });
      }
      return { key: `${input.key}→${o.key}`, x: pairs.map((p) => p.x), y: pairs.map((p) => p.y), input, outcome: o, pairs };
    });
  });
}

/** FNV-1a over the pairs' days and values. */
export function fingerprint(pairs: readonly Pair[]): number {
  let h = 0x811c9dc5;
  const mix = (v: number) => {
    h = Math.imul(h ^ (v | 0), 16777619) >>> 0;
    h = Math.imul(h ^ ((v * 4294967296) | 0), 16777619) >>> 0;
  };
  for (const p of pairs) {
    mix(toEpochDay(p.day));
    mix(p.x);
    mix(p.y);
  }
  return h >>> 0;
}

/** The whole pass: aligned, tested as one family, findings in words; `prev` lends unchanged questions' answers. */
export function enginePass(data: EngineData, prev: EngineResult | null = null): EngineResult {
  const inputs = inputsOf(data);
  const outcomes = outcomesOf(data);
  return {
    ...testQuestions(alignedQuestions(inputs, outcomes), prev),
    from: data.from,
    to: data.to,
    inputs: inputs.map(({ key, label, unit, lag, window }) => ({ key, label, unit, lag, window })),
    outcomes: outcomes.map(({ key, label, unit }) => ({ key, label, unit })),
  };
}

export function testQuestions(
  asked: readonly AskedQuestion[],
  prev: EngineResult | null,
): Pick<EngineResult, 'asked' | 'tested' | 'questions' | 'findings'> {
  const before = new Map((prev?.questions ?? []).map((q) => [q.key, q]));
  const m = asked.length;
  const questions: StoredQuestion[] = asked.map((q) => {
    const key = apiKey(q.input.key, q.outcome.key);
    const fp = fingerprint(q.pairs);
    const old = before.get(key);
    const c = old && old.fp === fp ? old.correlation : q.x.length > 4 ? dependentRankCorrelation(q.x, q.y) : null;
    const testable = c !== null && c.nEff >= MIN_EFFECTIVE_DAYS;
    return {
      key,
      input: q.input.key,
      outcome: q.outcome.key,
      fp,
      status: testable ? 'no_finding' : 'too_few_days',
      days: q.pairs.length,
      correlation: c,
      moreDays: null,
    };
  });
  const tested = questions.flatMap((q, i) => (q.status === 'no_finding' ? [i] : []));
  const found = benjaminiYekutieli(
    tested.map((i) => questions[i]!.correlation!.p),
    FAMILY_FDR,
    m,
  );
  for (const [j, i] of tested.entries()) if (found.has(j)) questions[i]!.status = 'finding';
  for (const q of questions) {
    // How many more days: at the effect seen so far, for the family's strictest level (power.calc.ts).
    const c = q.correlation;
    // Never fewer than the days that would bring it to MIN_EFFECTIVE_DAYS at today's ratio of effective days.
    if (q.status === 'finding') continue;
    const ratio = c && q.days > 0 ? Math.max(0.05, Math.min(1, c.nEff / q.days)) : 1;
    const floor = q.status === 'too_few_days' ? Math.max(0, Math.ceil(MIN_EFFECTIVE_DAYS / ratio) - q.days) : 0;
    const byEffect =
      c && Number.isFinite(c.rho) && c.rho !== 0
        ? daysNeeded(c.rho, { days: q.days, effectiveRatio: ratio, m, q: FAMILY_FDR }).moreDays
        : null;
    q.moreDays = byEffect === null ? (q.status === 'too_few_days' ? floor : null) : Math.max(floor, byEffect);
  }
  const k = questions.filter((q) => q.status === 'finding').length;
  const oldFindings = new Map((prev?.findings ?? []).map((f) => [f.apiKey, f]));
  const sameFamily = prev !== null && prev.findings.length === k && prev.asked === m;
  const findings: StoredFinding[] = [];
  for (const [i, q] of questions.entries()) {
    if (q.status !== 'finding') continue;
    const old = oldFindings.get(q.key);
    findings.push(
      old && sameFamily && old.fp === q.fp ? old : { ...describeFinding(asked[i]!, q.correlation!, m, k), apiKey: q.key, fp: q.fp },
    );
  }
  return { asked: m, tested: tested.length, questions, findings };
}
