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
import type { NumericFieldKey } from '../wellness.fields';
import type { EngineData } from './engine-data';
import { describe as describeFinding, type Finding } from './finding.calc';
import { type EngineInput, INPUT_FIELDS, inputsOf } from './inputs';
import { OUTCOME_FIELDS, outcomesOf } from './outcomes';
import { type AskedQuestion, isQuestion, type OutcomeSpec, type Pair } from './questions.calc';

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
  /** The series that never varies over its days (no ρ, and no number of days would give one while it stays so). */
  flat?: 'input' | 'outcome';
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
  outcomes: { key: string; label: string; unit: string; per?: 'week' }[];
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
 * Every input × outcome that is a question, aligned as questions.calc's `questionsOf` aligns them (the same window mean, summed in
 * the same order, so the numbers are identical) but on arrays by day rather than strings.
 */
export function alignedQuestions(inputs: readonly EngineInput[], outcomes: readonly OutcomeSpec[]): FingerprintedQuestion[] {
  const days = [...inputs.flatMap((i) => [...i.series.keys()]), ...outcomes.flatMap((o) => o.events.map((e) => e.day))];
  if (days.length === 0)
    return inputs.flatMap((input) =>
      outcomes
        .filter((outcome) => isQuestion(input, outcome))
        .map((outcome) => ({ key: `${input.key}→${outcome.key}`, x: [], y: [], input, outcome, pairs: [], fp: FNV_SEED })),
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
    // By day number (stable, as the date strings' order): no locale comparisons on thousands of events.
    const order = o.events.map((e, i) => ({ e, d: toEpochDay(e.day), i })).sort((a, b) => a.d - b.d || a.i - b.i);
    return { o, events: order.map((x) => x.e), at: order.map((x) => x.d - first) };
  });
  return inputs.flatMap((input) => {
    const arr = byIndex(input, first, n);
    return sorted
      .filter(({ o }) => isQuestion(input, o))
      .map(({ o, events, at }) => {
        // x, y and the events' indices only: the pairs (objects, ~10^5 a pass) are built when a finding's words ask.
        const xs: number[] = [];
        const ys: number[] = [];
        const ks: number[] = [];
        const fp = new Fingerprint();
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
          if (c > 0 && c * 2 >= input.window) {
            const x = sum / c;
            xs.push(x);
            ys.push(events[k]!.value);
            ks.push(k);
            fp.add(first + at[k]!, x, events[k]!.value);
          }
        }
        let pairs: Pair[] | null = null;
        return {
          key: `${input.key}→${o.key}`,
          x: xs,
          y: ys,
          input,
          outcome: o,
          get pairs(): Pair[] {
            pairs ??= ks.map((k, j) => ({ day: events[k]!.day, x: xs[j]!, y: ys[j]!, ref: events[k]!.ref }));
            return pairs;
          },
          fp: fp.h,
        };
      });
  });
}

const FNV_SEED = 0x811c9dc5;

/** FNV-1a over the pairs' days (as day numbers) and values. */
class Fingerprint {
  h = FNV_SEED;
  private mix(v: number) {
    this.h = Math.imul(this.h ^ (v | 0), 16777619) >>> 0;
    this.h = Math.imul(this.h ^ ((v * 4294967296) | 0), 16777619) >>> 0;
  }
  add(day: number, x: number, y: number) {
    this.mix(day);
    this.mix(x);
    this.mix(y);
  }
}

export function fingerprint(pairs: readonly Pair[]): number {
  const f = new Fingerprint();
  for (const p of pairs) f.add(toEpochDay(p.day), p.x, p.y);
  return f.h;
}

/** A question with the fingerprint of its pairs. */
export type FingerprintedQuestion = AskedQuestion & { fp?: number };

/** The whole pass: aligned, tested as one family, findings in words; `prev` lends unchanged questions' answers. */
export function enginePass(data: EngineData, prev: EngineResult | null = null): EngineResult {
  const inputs = inputsOf(data);
  const outcomes = outcomesOf(data);
  const asked = alignedQuestions(inputs, outcomes);
  const before = new Map((prev?.questions ?? []).map((q) => [q.key, q]));
  const answered = asked.map((q) => answer(q, before.get(apiKey(q.input.key, q.outcome.key))));
  return {
    ...judge(answered, prev, (i) => asked[i]!),
    from: data.from,
    to: data.to,
    inputs: inputs.map(({ key, label, unit, lag, window }) => ({ key, label, unit, lag, window })),
    outcomes: outcomes.map(({ key, label, unit, per }) => ({ key, label, unit, ...(per ? { per } : {}) })),
  };
}

/**
 * The pass after wellness `fields` changed on some days: only the inputs those fields feed are rebuilt and their
 * questions re-answered; every other question keeps its stored answer (its pairs cannot have moved). The family is
 * judged whole again. A changed field an outcome reads (weight, pain) moves a whole outcome: then a full pass.
 */
export function enginePatch(data: EngineData, prev: EngineResult, fields: ReadonlySet<NumericFieldKey>): EngineResult {
  const feeds = (deps: readonly NumericFieldKey[] | undefined) => (deps ?? []).some((f) => fields.has(f));
  if (prev.outcomes.some((o) => feeds(OUTCOME_FIELDS[o.key]))) return enginePass(data, prev);
  const touched = new Set(prev.inputs.filter((i) => feeds(INPUT_FIELDS[i.key])).map((i) => i.key));
  if (touched.size === 0) return prev;
  const outcomes = lazyOutcomes(data);
  const inputs = inputsOf(data, (k) => touched.has(k));
  const fresh = new Map(alignedQuestions(inputs, outcomes()).map((q) => [apiKey(q.input.key, q.outcome.key), q]));
  const answered = prev.questions.map((q) => (touched.has(q.input) ? answer(fresh.get(q.key)!, q) : { ...q }));
  // A question that becomes a finding without having been rebuilt is aligned on its own for its words.
  const askedAt = (i: number) => {
    const q = answered[i]!;
    const hit = fresh.get(q.key);
    if (hit) return hit;
    const input = inputsOf(data, (k) => k === q.input);
    return alignedQuestions(
      input,
      outcomes().filter((o) => o.key === q.outcome),
    )[0]!;
  };
  const labels = new Map(inputs.map(({ key, label, unit, lag, window }) => [key, { key, label, unit, lag, window }]));
  return { ...prev, ...judge(answered, prev, askedAt), inputs: prev.inputs.map((i) => labels.get(i.key) ?? i) };
}

function lazyOutcomes(data: EngineData) {
  let o: OutcomeSpec[] | null = null;
  return () => {
    if (o === null) o = outcomesOf(data);
    return o;
  };
}

/** A question's correlation: the stored one while its pairs are the same, else computed. */
function answer(q: FingerprintedQuestion, old: StoredQuestion | undefined): StoredQuestion {
  const fp = q.fp ?? fingerprint(q.pairs);
  const c = old && old.fp === fp ? old.correlation : q.x.length > 4 ? dependentRankCorrelation(q.x, q.y) : null;
  const flat = c === null && q.x.length > 4 ? (constant(q.y) ? 'outcome' : constant(q.x) ? 'input' : null) : null;
  return {
    key: apiKey(q.input.key, q.outcome.key),
    input: q.input.key,
    outcome: q.outcome.key,
    fp,
    status: 'too_few_days',
    days: q.x.length,
    correlation: c,
    moreDays: null,
    ...(flat ? { flat } : {}),
  };
}

const constant = (xs: readonly number[]) => xs.every((x) => x === xs[0]);

/** The family judged whole: who is testable, Benjamini–Yekutieli over all, the days still needed, the words. */
function judge(
  questions: StoredQuestion[],
  prev: EngineResult | null,
  askedAt: (i: number) => AskedQuestion,
): Pick<EngineResult, 'asked' | 'tested' | 'questions' | 'findings'> {
  const m = questions.length;
  for (const q of questions) q.status = q.correlation !== null && q.correlation.nEff >= MIN_EFFECTIVE_DAYS ? 'no_finding' : 'too_few_days';
  const tested = questions.flatMap((q, i) => (q.status === 'no_finding' ? [i] : []));
  const found = benjaminiYekutieli(
    tested.map((i) => questions[i]!.correlation!.p),
    FAMILY_FDR,
    m,
  );
  for (const [j, i] of tested.entries()) if (found.has(j)) questions[i]!.status = 'finding';
  for (const q of questions) {
    q.moreDays = null;
    // Nothing varies: more of the same days answer nothing, so no number of days is promised (issue 55).
    if (q.status === 'finding' || q.flat) continue;
    // How many more days: at the effect seen so far, for the family's strictest level (power.calc.ts), and never
    // fewer than the days that would bring it to MIN_EFFECTIVE_DAYS at today's ratio of effective days.
    const c = q.correlation;
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
      old && sameFamily && old.fp === q.fp ? old : { ...describeFinding(askedAt(i), q.correlation!, m, k), apiKey: q.key, fp: q.fp },
    );
  }
  return { asked: m, tested: tested.length, questions, findings };
}
