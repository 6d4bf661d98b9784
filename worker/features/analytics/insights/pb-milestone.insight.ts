// New all-time bests from the last 30 days. A first-ever effort at a distance has nothing to beat, so it
// is not reported as a PB; age grade is shown as a plain number, never framed against younger years.

import type { Insight } from '../analytics.types';
import { formatDay, formatRaceTime } from '../../../lib/format';
import { formatPct, formatTimeGap } from './format';
import type { InsightInputs, PbEvent } from './insights.types';
import { insightId } from './insight-helpers';

/** The new effort plus the previous best it beat. */
export const PB_MIN_EFFORTS = 2;

const KIND = 'pb_milestone' as const;

export function pbMilestoneInsights(inputs: InsightInputs): Insight[] {
  return inputs.pbEvents.filter(isImprovement).map((e) => {
    const improvementS = e.previousBestS - e.timeS;
    const window = { from: e.date, to: e.date };
    const numbers: Record<string, number> = { timeS: e.timeS, previousBestS: e.previousBestS, improvementS };
    if (e.ageGradePct !== null) numbers.ageGradePct = e.ageGradePct;
    const previous = e.previousDate === null ? 'your previous best' : `your previous best from ${formatDay(e.previousDate)}`;
    const ageGrade = e.ageGradePct === null ? '' : `; age grade ${formatPct(e.ageGradePct)}`;
    return {
      kind: KIND,
      id: insightId(KIND, window, e.distanceM),
      status: 'ok',
      tone: 'positive',
      title: `New ${e.label} best`,
      finding: `New ${e.label} best: ${formatRaceTime(e.timeS)} on ${formatDay(e.date)}, ${formatTimeGap(improvementS)} faster than ${previous}${ageGrade}.`,
      numbers,
      window,
      minSample: { required: PB_MIN_EFFORTS, actual: e.efforts, unit: 'efforts at this distance' },
      receipts: [{ ...e.receipt, values: { ...e.receipt.values, distanceM: e.distanceM, timeS: e.timeS } }],
    };
  });
}

/** Needs a previous best to compare against, and must actually be faster than it. */
function isImprovement(e: PbEvent): e is PbEvent & { previousBestS: number } {
  return e.previousBestS !== null && e.timeS < e.previousBestS;
}
