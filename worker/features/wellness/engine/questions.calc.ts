// The N=1 engine's questions: each candidate input (a daily series, with its lag and window) paired with each
// outcome (events on days: an easy run's efficiency, a pain flag…), aligned day by day with the receipts of
// every pair. Pure; the engine tests the family with stats/family.calc.ts (ADR 069).
import { addDays } from '../../../lib/dates';
import type { Question } from '../stats/family.calc';

/** A daily value by local day (YYYY-MM-DD); days without a value are absent. */
export type DailySeries = ReadonlyMap<string, number>;

export interface InputSpec {
  key: string;
  /** Words for a finding: "sleep the night before", "your 7-day average sleep". */
  label: string;
  unit: string;
  series: DailySeries;
  /** Read on the outcome's day minus `lag` days (0: the same day, e.g. last night's sleep counted on the wake day). */
  lag: number;
  /** A mean over this many days ending at the lagged day (1: the day itself); needs at least half of them. */
  window: number;
}

export interface OutcomeEvent {
  day: string;
  value: number;
  /** What the value came from, shown as the finding's receipt (an activity, a check-in). */
  ref: { kind: 'activity' | 'day'; id: string };
}

export interface OutcomeSpec {
  key: string;
  label: string;
  unit: string;
  events: readonly OutcomeEvent[];
  /** One event a week (the days a question needs are then weeks). */
  per?: 'week';
  /** Compared as a difference in its unit, not in % (a margin or a change whose mean may sit near 0). */
  compare?: 'difference';
  /** Inputs that are this outcome by another name (days off and training days): never asked against it (issue 55). */
  definedBy?: readonly string[];
}

/** Whether input × outcome is a question at all: an outcome measured by the input itself is a tautology. */
export const isQuestion = (input: Pick<InputSpec, 'key'>, outcome: Pick<OutcomeSpec, 'definedBy'>) =>
  !outcome.definedBy?.includes(input.key);

export interface Pair {
  day: string;
  x: number;
  y: number;
  ref: OutcomeEvent['ref'];
}

/** The input as it stood for an outcome on `day`: the mean of its window ending `lag` days before, or null. */
export function inputAt(spec: InputSpec, day: string): number | null {
  const end = addDays(day, -spec.lag);
  let sum = 0;
  let n = 0;
  for (let i = 0; i < spec.window; i++) {
    const v = spec.series.get(addDays(end, -i));
    if (v !== undefined) {
      sum += v;
      n++;
    }
  }
  return n > 0 && n * 2 >= spec.window ? sum / n : null;
}

/** Every outcome event with the input known for it, oldest first. */
export function pairsOf(input: InputSpec, outcome: OutcomeSpec): Pair[] {
  const out: Pair[] = [];
  for (const e of [...outcome.events].sort((a, b) => a.day.localeCompare(b.day))) {
    const x = inputAt(input, e.day);
    if (x !== null) out.push({ day: e.day, x, y: e.value, ref: e.ref });
  }
  return out;
}

export interface AskedQuestion extends Question {
  input: InputSpec;
  outcome: OutcomeSpec;
  pairs: Pair[];
}

/** The whole family: every input × outcome that is a question, asked whether or not it has data (untested ones count). */
export function questionsOf(inputs: readonly InputSpec[], outcomes: readonly OutcomeSpec[]): AskedQuestion[] {
  return inputs.flatMap((input) =>
    outcomes
      .filter((outcome) => isQuestion(input, outcome))
      .map((outcome) => {
        const pairs = pairsOf(input, outcome);
        return { key: `${input.key}→${outcome.key}`, x: pairs.map((p) => p.x), y: pairs.map((p) => p.y), input, outcome, pairs };
      }),
  );
}
