// How regularly the athlete trained over the 8 complete weeks before this one: active weeks, mean weekly
// time and its week-to-week variation. Descriptive only; no target is implied.

import type { Insight, WeekVolume } from '../analytics.types';
import { addDays, mondayOf } from '../../../lib/dates';
import { fixed, formatDay } from '../../../lib/format';
import { formatPct } from './format';
import { recordedSince } from '../calc/establishing.calc';
import type { InsightInputs } from './insights.types';
import { historySince, insightId, insufficient, mean, populationStd, receiptsBetween } from './insight-helpers';

export const VOLUME_WINDOW_WEEKS = 8;
export const VOLUME_MIN_ACTIVE_WEEKS = 4;
export const VOLUME_RECEIPT_CAP = 200;

const KIND = 'volume_consistency' as const;
const TITLE = 'Training consistency';
const UNIT = 'weeks with training';

/** The `count` complete weeks before the current one, oldest first; weeks missing from the input count as empty. */
export function completeWeeksBefore(
  today: string,
  weeks: readonly WeekVolume[],
  count: number,
): { weekStart: string; week: WeekVolume | null }[] {
  const byStart = new Map(weeks.map((w) => [w.weekStart, w]));
  const current = mondayOf(today);
  return Array.from({ length: count }, (_, i) => {
    const weekStart = addDays(current, -7 * (count - i));
    return { weekStart, week: byStart.get(weekStart) ?? null };
  });
}

export function volumeConsistencyInsight(inputs: InsightInputs): Insight {
  const current = mondayOf(inputs.today);
  const window = { from: addDays(current, -7 * VOLUME_WINDOW_WEEKS), to: addDays(current, -1) };
  const weeks = completeWeeksBefore(inputs.today, inputs.weeks, VOLUME_WINDOW_WEEKS);
  const activeWeeks = weeks.filter((w) => (w.week?.total.count ?? 0) > 0).length;
  const minSample = { required: VOLUME_MIN_ACTIVE_WEEKS, actual: activeWeeks, unit: UNIT };

  // Empty weeks before the first activity are not "weeks off"; judging them would misread a new account,
  // nor are those after a long gap that follows old files (the record did not cover them).
  const recorded = recordedSince(inputs.trainingDays, window.from);
  if (inputs.firstActivityDate === null || recorded === null || recorded > window.from) {
    const since = historySince(inputs.firstActivityDate, recorded);
    return insufficient({
      kind: KIND,
      title: TITLE,
      window,
      minSample,
      finding: `Needs training history back to ${formatDay(window.from)} (the last ${VOLUME_WINDOW_WEEKS} complete weeks); ${since}.`,
    });
  }
  if (activeWeeks < VOLUME_MIN_ACTIVE_WEEKS) {
    return insufficient({
      kind: KIND,
      title: TITLE,
      window,
      minSample,
      finding: `Needs training in at least ${VOLUME_MIN_ACTIVE_WEEKS} of the last ${VOLUME_WINDOW_WEEKS} complete weeks; ${activeWeeks} so far.`,
    });
  }

  const seconds = weeks.map((w) => w.week?.total.movingS ?? 0);
  const meanS = mean(seconds);
  const meanHours = meanS / 3600;
  const cvPct = meanS > 0 ? (populationStd(seconds) / meanS) * 100 : 0;
  const trained = activeWeeks === VOLUME_WINDOW_WEEKS ? 'each of' : `${activeWeeks} of`;

  return {
    kind: KIND,
    id: insightId(KIND, window),
    status: 'ok',
    tone: 'info',
    title: TITLE,
    finding:
      `You trained in ${trained} the last ${VOLUME_WINDOW_WEEKS} weeks; weekly time averaged ${fixed(meanHours, 1)} h ` +
      `and varied by ${formatPct(cvPct, 0)} week to week.`,
    numbers: { activeWeeks, meanHours, cvPct },
    window,
    minSample,
    receipts: receiptsBetween(inputs.activitiesByDate, window.from, window.to, VOLUME_RECEIPT_CAP),
  };
}
