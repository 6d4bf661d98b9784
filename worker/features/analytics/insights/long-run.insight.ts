// Longest run per week over the 8 complete weeks before this one, first 4 weeks vs last 4.
// Growth of 5 % or more gets the positive tone; the sentence itself stays descriptive.

import type { Insight, Receipt } from '../analytics.types';
import { addDays, inRange, mondayOf } from '../../../lib/dates';
import { formatDay, formatDistance } from '../../../lib/format';
import { recordedSince } from '../calc/establishing.calc';
import type { InsightInputs, RunSample } from './insights.types';
import { historySince, insightId, insufficient } from './insight-helpers';

export const LONG_RUN_WINDOW_WEEKS = 8;
export const LONG_RUN_MIN_WEEKS = 4;
/** Below this absolute change (percent) the longest run "stayed around" the same distance. */
export const LONG_RUN_STEADY_PCT = 5;

const KIND = 'long_run_progression' as const;
const TITLE = 'Long run';
const UNIT = 'weeks with runs';

export function longRunInsight(inputs: InsightInputs): Insight {
  const current = mondayOf(inputs.today);
  const window = { from: addDays(current, -7 * LONG_RUN_WINDOW_WEEKS), to: addDays(current, -1) };
  const half = LONG_RUN_WINDOW_WEEKS / 2;

  // Per week, the longest run; runs without distance (e.g. treadmill with no data) cannot be a long run.
  const longest: ({ weekStart: string; run: RunSample } | null)[] = Array.from({ length: LONG_RUN_WINDOW_WEEKS }, (_, i) => {
    const weekStart = addDays(window.from, 7 * i);
    const weekEnd = addDays(weekStart, 6);
    let best: RunSample | null = null;
    for (const r of inputs.runs) {
      if (r.distanceM > 0 && inRange(r.receipt.date, weekStart, weekEnd) && (best === null || r.distanceM > best.distanceM)) best = r;
    }
    return best === null ? null : { weekStart, run: best };
  });
  const weeksWithRuns = longest.filter((w) => w !== null).length;
  const minSample = { required: LONG_RUN_MIN_WEEKS, actual: weeksWithRuns, unit: UNIT };

  // Weeks the record does not cover are not weeks without runs (a new account, old files before a long gap).
  const recorded = recordedSince(inputs.trainingDays, window.from);
  if (recorded === null || recorded > window.from) {
    return insufficient({
      kind: KIND,
      title: TITLE,
      window,
      minSample,
      finding:
        `Needs training history back to ${formatDay(window.from)} (the last ${LONG_RUN_WINDOW_WEEKS} complete weeks); ` +
        `${historySince(inputs.firstActivityDate, recorded)}.`,
    });
  }
  if (weeksWithRuns < LONG_RUN_MIN_WEEKS) {
    return insufficient({
      kind: KIND,
      title: TITLE,
      window,
      minSample,
      finding: `Needs runs in at least ${LONG_RUN_MIN_WEEKS} of the last ${LONG_RUN_WINDOW_WEEKS} complete weeks; ${weeksWithRuns} so far.`,
    });
  }

  const maxOf = (weeks: typeof longest) => Math.max(0, ...weeks.map((w) => w?.run.distanceM ?? 0));
  const firstHalfLongestM = maxOf(longest.slice(0, half));
  const secondHalfLongestM = maxOf(longest.slice(half));
  const units = inputs.units;
  const numbers: Record<string, number> = { firstHalfLongestM, secondHalfLongestM, weeksWithRuns };
  let finding: string;
  let grew = false;

  // With one half empty there is no change to express, only what happened in the other half.
  if (firstHalfLongestM === 0 || secondHalfLongestM === 0) {
    finding =
      firstHalfLongestM === 0
        ? `Your longest run in weeks 5–8 was ${formatDistance(secondHalfLongestM, units)}; weeks 1–4 had no runs.`
        : `Your longest run in weeks 1–4 was ${formatDistance(firstHalfLongestM, units)}; weeks 5–8 had no runs.`;
  } else {
    const changePct = ((secondHalfLongestM - firstHalfLongestM) / firstHalfLongestM) * 100;
    numbers.changePct = changePct;
    grew = changePct >= LONG_RUN_STEADY_PCT;
    finding =
      Math.abs(changePct) < LONG_RUN_STEADY_PCT
        ? `Your longest run stayed around ${formatDistance(secondHalfLongestM, units)} over the last ${LONG_RUN_WINDOW_WEEKS} weeks ` +
          `(${formatDistance(firstHalfLongestM, units)} in weeks 1–4, ${formatDistance(secondHalfLongestM, units)} in weeks 5–8).`
        : `Your longest run went from ${formatDistance(firstHalfLongestM, units)} (weeks 1–4) to ` +
          `${formatDistance(secondHalfLongestM, units)} (weeks 5–8) over the last ${LONG_RUN_WINDOW_WEEKS} weeks.`;
  }

  const receipts: Receipt[] = longest
    .filter((w) => w !== null)
    .map((w) => ({
      ...w.run.receipt,
      distanceM: w.run.distanceM,
      movingTimeS: w.run.movingTimeS,
      values: { weekStart: w.weekStart, distanceM: w.run.distanceM },
    }));

  return {
    kind: KIND,
    id: insightId(KIND, window),
    status: 'ok',
    tone: grew ? 'positive' : 'info',
    title: TITLE,
    finding,
    numbers,
    window,
    minSample,
    receipts,
  };
}
