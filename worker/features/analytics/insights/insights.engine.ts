// Runs every insight rule over one athlete's inputs and orders the cards for the dashboard:
// findings first (caution, positive, info), then the 'insufficient' cards that say what data is missing.

import type { Insight } from '../analytics.types';
import { efficiencyTrendInsight } from './efficiency-trend.insight';
import type { InsightInputs, InsightRule } from './insights.types';
import { negativeFormInsight, rampRateInsight, weekJumpInsight } from './load-warnings.insight';
import { longRunInsight } from './long-run.insight';
import { pbMilestoneInsights } from './pb-milestone.insight';
import { volumeConsistencyInsight } from './volume-consistency.insight';

/** Rule order is also the order within a tone group (the sort below is stable). */
export const INSIGHT_RULES: readonly InsightRule[] = [
  rampRateInsight,
  negativeFormInsight,
  weekJumpInsight,
  pbMilestoneInsights,
  efficiencyTrendInsight,
  longRunInsight,
  volumeConsistencyInsight,
];

const TONE_ORDER: Record<Insight['tone'], number> = { caution: 0, positive: 1, info: 2 };

function rank(i: Insight): number {
  return i.status === 'insufficient' ? 3 : TONE_ORDER[i.tone];
}

export function buildInsights(inputs: InsightInputs): Insight[] {
  const all = INSIGHT_RULES.flatMap((rule) => {
    const out = rule(inputs);
    return out === null ? [] : Array.isArray(out) ? out : [out];
  });
  return all.sort((a, b) => rank(a) - rank(b));
}
