// One athlete's family of questions, tested together: each input × outcome pair's ρ on its effective sample,
// the minimum sample, and Benjamini–Yekutieli across every question asked (ADR 069).
import { dependentRankCorrelation, type RankCorrelation } from './correlation.calc';
import { benjaminiYekutieli } from './fdr.calc';

/** No correlation is judged on fewer effective days than this. */
export const MIN_EFFECTIVE_DAYS = 20;
/** The false-discovery rate the family is held to. */
export const FAMILY_FDR = 0.05;

export interface Question {
  key: string;
  /** The input and outcome on the days both are known, aligned (lags already applied). */
  x: readonly number[];
  y: readonly number[];
}

export type QuestionResult =
  | { key: string; status: 'finding' | 'no_finding'; correlation: RankCorrelation }
  | { key: string; status: 'too_few_days'; days: number; nEff: number | null };

/** Tests every question; untestable ones still count in the family's size, so asking more never finds more. */
export function testFamily(questions: readonly Question[], q = FAMILY_FDR): QuestionResult[] {
  const tested: { i: number; c: RankCorrelation }[] = [];
  const out: QuestionResult[] = questions.map((qn, i) => {
    const c = qn.x.length > 4 ? dependentRankCorrelation(qn.x, qn.y) : null;
    if (!c || c.nEff < MIN_EFFECTIVE_DAYS) return { key: qn.key, status: 'too_few_days', days: qn.x.length, nEff: c?.nEff ?? null };
    tested.push({ i, c });
    return { key: qn.key, status: 'no_finding', correlation: c };
  });
  const found = benjaminiYekutieli(
    tested.map((t) => t.c.p),
    q,
    questions.length,
  );
  for (const [j, t] of tested.entries()) if (found.has(j)) out[t.i] = { key: questions[t.i]!.key, status: 'finding', correlation: t.c };
  return out;
}
