// Three load patterns worth flagging: a fast CTL ramp, a run of deeply negative form, a one-week load jump.
// Each returns null when the pattern is absent (nothing to say) and 'insufficient' while fitness is being
// established (calc/establishing.calc.ts) or the data is too short to tell. Sentences state the numbers
// and the band; they do not tell the athlete what to do.

import type { FitnessDay, Insight } from '../analytics.types';
import { addDays, mondayOf } from '../../../lib/dates';
import { fixed, formatDay, signed } from '../../../lib/format';
import { ESTABLISH_DAYS, ESTABLISH_MAX_GAP_DAYS, ESTABLISH_MIN_TRAINING_DAYS, type Establishment } from '../calc/establishing.calc';
import { formatPct } from './format';
import type { InsightInputs } from './insights.types';
import { insightId, insufficient, mean, receiptsBetween } from './insight-helpers';

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

/** What the fitness warnings count: days with recorded training in the current stretch, never a date span. */
function trainingSample(e: Establishment) {
  return { required: ESTABLISH_MIN_TRAINING_DAYS, actual: e.trainingDays, unit: 'days with recorded training' };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The 'insufficient' sentence while fitness is being established: the rule, what it counted, what is left. */
export function establishingFinding(e: Establishment, what: string): string {
  const counted =
    e.since === null
      ? `no training recorded in the last ${ESTABLISH_MAX_GAP_DAYS} days`
      : `${plural(e.trainingDays, 'day')} with training since ${formatDay(e.since)} (${plural(e.historyDays, 'day')})`;
  return (
    `Fitness is being established — ${plural(e.daysMore, 'more day')}. Judging ${what} needs ${ESTABLISH_DAYS} days of recorded ` +
    `history, at least ${ESTABLISH_MIN_TRAINING_DAYS} with training and no gap over ${ESTABLISH_MAX_GAP_DAYS} days; ${counted} so far.`
  );
}

export function rampRateInsight(inputs: InsightInputs): Insight | null {
  const kind = 'ramp_rate' as const;
  const title = 'Fitness ramp';
  const weekAgo = addDays(inputs.today, -RAMP_DAYS);
  const window = { from: weekAgo, to: inputs.today };
  const e = inputs.establishment;
  const minSample = trainingSample(e);
  if (!e.established) return insufficient({ kind, title, window, minSample, finding: establishingFinding(e, 'the fitness ramp') });

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
  const e = inputs.establishment;
  const minSample = trainingSample(e);
  if (!e.established) {
    const window = { from: addDays(inputs.today, -(NEGATIVE_FORM_MIN_DAYS - 1)), to: inputs.today };
    return insufficient({ kind, title, window, minSample, finding: establishingFinding(e, 'form') });
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

  // A caution like the others: held while fitness is being established, however the weeks compare.
  if (!inputs.establishment.established) {
    const finding = establishingFinding(inputs.establishment, 'the week-to-week load');
    return insufficient({ kind, title, window, minSample, finding });
  }
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
