// The engine's state shaped for the API and the pages: findings with their words and interval, the questions
// nearest an answer with the days they need, and one question's pairs with their receipts.
import { addDays } from '../../../lib/dates';
import type { EngineState } from './engine.repo';
import type { WaitingQuestion, WellnessFindings, WellnessQuestion } from './findings.schema';
import { inputsOf } from './inputs';
import { outcomesOf } from './outcomes';
import { alignedQuestions, type StoredFinding } from './pass.calc';

/** How many waiting questions an answer lists (the nearest to an answer first). */
export const WAITING_LISTED = 8;

const r = (x: number, places = 3) => Math.round(x * 10 ** places) / 10 ** places;

function labels(s: EngineState) {
  return {
    input: new Map(s.result.inputs.map((i) => [i.key, i])),
    outcome: new Map(s.result.outcomes.map((o) => [o.key, o])),
  };
}

function findingOf(s: EngineState, f: StoredFinding) {
  const l = labels(s);
  const [inputKey, outcomeKey] = f.apiKey.split('~') as [string, string];
  const input = l.input.get(inputKey)!;
  const outcome = l.outcome.get(outcomeKey)!;
  return {
    key: f.apiKey,
    input: { key: input.key, label: input.label, unit: input.unit },
    outcome: { key: outcome.key, label: outcome.label, unit: outcome.unit, per: outcome.per ?? ('day' as const) },
    text: f.text,
    rho: r(f.rho),
    rhoLow: r(f.rhoLow),
    rhoHigh: r(f.rhoHigh),
    n: f.n,
    nEff: r(f.nEff, 1),
    arms: f.arms
      ? {
          lowN: f.arms.low.n,
          lowBound: r(f.arms.low.bound),
          lowMean: r(f.arms.low.mean, 4),
          highN: f.arms.high.n,
          highBound: r(f.arms.high.bound),
          highMean: r(f.arms.high.mean, 4),
          relative: f.arms.relative,
          diffPct: r(f.arms.diffPct, 1),
          diffLowPct: r(f.arms.diffLowPct, 1),
          diffHighPct: r(f.arms.diffHighPct, 1),
        }
      : null,
    receipts: f.receipts.length,
  };
}

/** `updating`: analytics is recomputing the athlete's figures, so this answer may change in a minute. */
export function toFindingsAnswer(s: EngineState, updating: boolean): WellnessFindings {
  const l = labels(s);
  const weekly = new Set(s.result.outcomes.filter((o) => o.per === 'week').map((o) => o.key));
  const waiting: WaitingQuestion[] = s.result.questions
    // A question with no day at all says nothing the first weeks' words do not; the nearest ones are listed, then
    // those that nothing but a change in a flat series can answer.
    .filter((q) => q.status !== 'finding' && q.days > 0 && (q.flat || (q.moreDays !== null && q.moreDays > 0)))
    .sort((a, b) => (a.moreDays ?? Number.POSITIVE_INFINITY) - (b.moreDays ?? Number.POSITIVE_INFINITY) || a.key.localeCompare(b.key))
    .slice(0, WAITING_LISTED)
    .map((q) => {
      const input = l.input.get(q.input)!.label;
      const outcome = l.outcome.get(q.outcome)!.label;
      const unit = weekly.has(q.outcome) ? 'weeks' : 'days';
      return {
        key: q.key,
        input,
        outcome,
        days: q.days,
        moreDays: q.flat ? null : q.moreDays,
        text: q.flat
          ? `Can’t be answered while your ${q.flat === 'outcome' ? outcome : input} doesn’t vary (the same on all ${q.days} ${unit} so far).`
          : `About ${q.moreDays} more ${unit} with both ${input} and your ${outcome} (${q.days} so far).`,
      };
    });
  return {
    status: s.result.tested === 0 ? 'first_weeks' : 'ready',
    updating,
    tested: s.result.tested,
    asked: s.result.asked,
    findings: s.result.findings.map((f) => findingOf(s, f)),
    waiting,
    from: s.result.from,
    to: s.result.to,
    computedAt: s.computedAt instanceof Date ? s.computedAt.toISOString() : String(s.computedAt),
  };
}

/** One question: every day behind it with the input's value, the outcome and its receipt. Null: no such question. */
export function toQuestionAnswer(s: EngineState, key: string): WellnessQuestion | null {
  const stored = s.result.questions.find((q) => q.key === key);
  if (!stored) return null;
  const input = inputsOf(s.data).find((i) => i.key === stored.input);
  const outcome = outcomesOf(s.data).find((o) => o.key === stored.outcome);
  if (!input || !outcome) return null;
  const [q] = alignedQuestions([input], [outcome]);
  const names = new Map([
    ...s.data.activities.map((a) => [a.id, a.name] as const),
    ...s.data.efforts.map((e) => [e.activityId, e.name] as const),
  ]);
  const finding = s.result.findings.find((f) => f.apiKey === key);
  return {
    key,
    input: { key: input.key, label: input.label, unit: input.unit, lag: input.lag, window: input.window },
    outcome: { key: outcome.key, label: outcome.label, unit: outcome.unit },
    status: stored.status,
    finding: finding ? findingOf(s, finding) : null,
    rho: stored.correlation ? r(stored.correlation.rho) : null,
    nEff: stored.correlation ? r(stored.correlation.nEff, 1) : null,
    moreDays: stored.moreDays,
    asked: s.result.asked,
    pairs: q!.pairs.map((p) => {
      // The input's source on the day it was read (its lag applied; a window's last day).
      const inputSource = input.sources.get(addDays(p.day, -input.lag)) ?? null;
      return {
        day: p.day,
        x: r(p.x, 4),
        y: r(p.y, 4),
        inputSource,
        receipt:
          p.ref.kind === 'activity'
            ? { kind: 'activity' as const, id: p.ref.id, name: names.get(p.ref.id) ?? 'Activity' }
            : { kind: 'day' as const, id: p.ref.id },
      };
    }),
    computedAt: s.computedAt instanceof Date ? s.computedAt.toISOString() : String(s.computedAt),
  };
}
