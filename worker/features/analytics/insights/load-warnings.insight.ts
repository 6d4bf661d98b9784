// Three load patterns worth flagging: a fast CTL ramp, a run of deeply negative form, a one-week load jump.
// Each returns null when the pattern is absent (nothing to say) and 'insufficient' when history is too
// short to tell. Sentences state the numbers and the band; they do not tell the athlete what to do.

import type { FitnessDay, Insight } from '../analytics.types';
import { addDays, daysBetween, mondayOf } from '../../../lib/dates';
import { fixed, formatDay, signed } from '../../../lib/format';
import { formatPct } from './format';
import type { InsightInputs } from './insights.types';
import { insightId, insufficient, mean, receiptsBetween } from './insight-helpers';

/** Fitness (CTL) warnings need this many days between the first activity and today. */
export const LOAD_MIN_HISTORY_DAYS = 42;

/** CTL points per 7 days above which the ramp is flagged (same edge as the 'very_high' ramp band). */
export const RAMP_WARN = 8;
export const RAMP_DAYS = 7;

/** TSB below this (the 'overreaching' form band) counts toward a negative-form run. */
export const NEGATIVE_FORM_TSB = -30;
export const NEGATIVE_FORM_MIN_DAYS = 3;
/** Activities this many days before the run are receipts too: they produced the fatigue. */
export const NEGATIVE_FORM_LEAD_DAYS = 7;

export const WEEK_JUMP_BASELINE_WEEKS = 3;
export const WEEK_JUMP_PCT = 30;
/** Below this weekly load a rise is not called a jump: small bases swing by large percentages. */
export const WEEK_JUMP_MIN_LOAD = 150;

const HISTORY_UNIT = 'days of history';

function historyDays(inputs: InsightInputs): number {
  return inputs.firstActivityDate === null ? 0 : Math.max(0, daysBetween(inputs.firstActivityDate, inputs.today));
}

function historyFinding(days: number, what: string): string {
  return `Needs ${LOAD_MIN_HISTORY_DAYS} days of training history to judge ${what}; ${days === 0 ? 'none' : days} so far.`;
}

export function rampRateInsight(inputs: InsightInputs): Insight | null {
  const kind = 'ramp_rate' as const;
  const title = 'Fitness ramp';
  const weekAgo = addDays(inputs.today, -RAMP_DAYS);
  const window = { from: weekAgo, to: inputs.today };
  const days = historyDays(inputs);
  const minSample = { required: LOAD_MIN_HISTORY_DAYS, actual: days, unit: HISTORY_UNIT };
  if (days < LOAD_MIN_HISTORY_DAYS) {
    return insufficient({ kind, title, window, minSample, finding: historyFinding(days, 'the fitness ramp') });
  }

  const now = inputs.fitness.find((d) => d.date === inputs.today);
  const before = inputs.fitness.find((d) => d.date === weekAgo);
  // With enough history both days exist; if the caller's series has a gap, say so rather than guess.
  if (now === undefined || before === undefined) {
    return insufficient({
      kind,
      title,
      window,
      minSample,
      finding: `Needs fitness values for ${formatDay(weekAgo)} and ${formatDay(inputs.today)}.`,
    });
  }
  const ramp = now.ctl - before.ctl;
  if (!(ramp > RAMP_WARN)) return null;

  return {
    kind,
    id: insightId(kind, window),
    status: 'ok',
    tone: 'caution',
    title,
    finding: `Fitness (CTL) rose ${fixed(ramp, 1)} points in ${RAMP_DAYS} days, above the ${RAMP_WARN}-point band this dashboard flags.`,
    numbers: { ramp, ctlNow: now.ctl, ctlWeekAgo: before.ctl },
    window,
    minSample,
    // The loads that moved CTL since the reference day: the 7 days after it.
    receipts: receiptsBetween(inputs.activitiesByDate, addDays(weekAgo, 1), inputs.today),
  };
}

export function negativeFormInsight(inputs: InsightInputs): Insight | null {
  const kind = 'negative_form' as const;
  const title = 'Form';
  const days = historyDays(inputs);
  const minSample = { required: LOAD_MIN_HISTORY_DAYS, actual: days, unit: HISTORY_UNIT };
  if (days < LOAD_MIN_HISTORY_DAYS) {
    const window = { from: addDays(inputs.today, -(NEGATIVE_FORM_MIN_DAYS - 1)), to: inputs.today };
    return insufficient({ kind, title, window, minSample, finding: historyFinding(days, 'form') });
  }

  // Walk back from today over consecutive calendar days while TSB stays below the threshold.
  const byDate = new Map<string, FitnessDay>(inputs.fitness.map((d) => [d.date, d]));
  const run: FitnessDay[] = [];
  for (let date = inputs.today; ; date = addDays(date, -1)) {
    const day = byDate.get(date);
    if (day === undefined || !(day.tsb < NEGATIVE_FORM_TSB)) break;
    run.push(day);
  }
  const today = run[0];
  if (today === undefined || run.length < NEGATIVE_FORM_MIN_DAYS) return null;

  const runStart = addDays(inputs.today, -(run.length - 1));
  const window = { from: runStart, to: inputs.today };
  const lowestTsb = Math.min(...run.map((d) => d.tsb));
  return {
    kind,
    id: insightId(kind, window),
    status: 'ok',
    tone: 'caution',
    title,
    finding: `Form (TSB) has been below ${signed(NEGATIVE_FORM_TSB, 0)} for ${run.length} days; lowest ${signed(lowestTsb, 1)}.`,
    numbers: { days: run.length, lowestTsb, tsbToday: today.tsb },
    window,
    minSample,
    receipts: receiptsBetween(inputs.activitiesByDate, addDays(runStart, -NEGATIVE_FORM_LEAD_DAYS), inputs.today),
  };
}

export function weekJumpInsight(inputs: InsightInputs): Insight | null {
  const kind = 'week_jump' as const;
  const title = 'Week-to-week load';
  const lastWeek = addDays(mondayOf(inputs.today), -7);
  const window = { from: addDays(lastWeek, -7 * WEEK_JUMP_BASELINE_WEEKS), to: addDays(lastWeek, 6) };
  const byStart = new Map(inputs.weeks.map((w) => [w.weekStart, w]));
  const baseline = Array.from({ length: WEEK_JUMP_BASELINE_WEEKS }, (_, i) => byStart.get(addDays(window.from, 7 * i)) ?? null);
  const activeBaseline = baseline.filter((w) => (w?.total.count ?? 0) > 0).length;
  const minSample = { required: WEEK_JUMP_BASELINE_WEEKS, actual: activeBaseline, unit: 'weeks with training before last week' };
  const baselineLoad = mean(baseline.map((w) => w?.total.load ?? 0));

  if (activeBaseline < WEEK_JUMP_BASELINE_WEEKS) {
    return insufficient({
      kind,
      title,
      window,
      minSample,
      finding: `Needs at least one activity in each of the ${WEEK_JUMP_BASELINE_WEEKS} weeks before last week; ${activeBaseline} of ${WEEK_JUMP_BASELINE_WEEKS} so far.`,
    });
  }
  // Activities without a load estimate leave no base to compare with; a percentage of zero means nothing.
  if (baselineLoad <= 0) {
    return insufficient({
      kind,
      title,
      window,
      minSample,
      finding: `Needs training load recorded in the ${WEEK_JUMP_BASELINE_WEEKS} weeks before last week; none so far.`,
    });
  }

  const lastWeekLoad = byStart.get(lastWeek)?.total.load ?? 0;
  const increasePct = ((lastWeekLoad - baselineLoad) / baselineLoad) * 100;
  if (!(increasePct > WEEK_JUMP_PCT && lastWeekLoad >= WEEK_JUMP_MIN_LOAD)) return null;

  return {
    kind,
    id: insightId(kind, window),
    status: 'ok',
    tone: 'caution',
    title,
    finding:
      `Training load last week was ${fixed(lastWeekLoad, 0)}, ${formatPct(increasePct, 0)} above ` +
      `the previous ${WEEK_JUMP_BASELINE_WEEKS}-week average of ${fixed(baselineLoad, 0)}.`,
    numbers: { lastWeekLoad, baselineLoad, increasePct },
    window,
    minSample,
    receipts: receiptsBetween(inputs.activitiesByDate, lastWeek, addDays(lastWeek, 6)),
  };
}

/** All three load warnings, nulls dropped. */
export function loadWarningInsights(inputs: InsightInputs): Insight[] {
  return [rampRateInsight(inputs), negativeFormInsight(inputs), weekJumpInsight(inputs)].filter((i): i is Insight => i !== null);
}
