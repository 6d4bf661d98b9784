// When to ask "Rebuild plan?" (ADR 016, "Rebuild plan?"). A plan is never rewritten behind the athlete's
// back: history that arrives after the plan was made only ever produces this question, with the numbers.
import type { FitnessInput } from '../plans.types';

/**
 * A difference is material at ±25 % of the weekly hours the plan started from (and at least half an hour)
 * or ±10 CTL: the plan's first weeks are set from those two, and smaller gaps are inside what the
 * generator's ramp caps and the first weeks' hold absorb anyway; larger ones change the starting week.
 */
export const REBUILD_THRESHOLDS = { hoursShare: 0.25, minHours: 0.5, ctl: 10 } as const;

export interface FitnessSnapshot {
  ctl: number;
  weeklyHours: number;
}

export const totalHours = (f: Pick<FitnessInput, 'weeklyHours'>) => f.weeklyHours.run + f.weeklyHours.bike + f.weeklyHours.swim;

const hoursDiffer = (a: number, b: number) =>
  Math.abs(a - b) >= REBUILD_THRESHOLDS.minHours && Math.abs(a - b) > REBUILD_THRESHOLDS.hoursShare * Math.max(a, 0.01);
const ctlDiffer = (a: number, b: number) => Math.abs(a - b) >= REBUILD_THRESHOLDS.ctl;

export interface RebuildFacts {
  /** What the plan was made from. */
  used: FitnessInput;
  /** The history the same comparison reads now (not thin): for an intake plan, the last 6 weeks and CTL today;
   *  for a history plan, CTL on the day it was made as the activities known now say (late imports). */
  observed: FitnessSnapshot;
  /** The observation the athlete last answered "Keep my plan" to, if any. */
  dismissed: FitnessSnapshot | null;
  /** The plan's creation day (the athlete's calendar), for the words. */
  madeOn: string;
}

export function rebuildCheck(f: RebuildFacts): { suggested: boolean; reasons: string[] } {
  const intake = f.used.source === 'intake';
  const used = { ctl: f.used.ctl, weeklyHours: totalHours(f.used) };
  const reasons: string[] = [];
  if (intake && hoursDiffer(used.weeklyHours, f.observed.weeklyHours))
    reasons.push(`Your last 6 weeks average ${h(f.observed.weeklyHours)} a week; your answers said ${h(used.weeklyHours)}.`);
  if (intake && ctlDiffer(used.ctl, f.observed.ctl))
    reasons.push(
      `Your fitness (CTL) from your activities is ${Math.round(f.observed.ctl)}; the plan started from ${Math.round(used.ctl)}, estimated from your answers.`,
    );
  if (!intake && ctlDiffer(used.ctl, f.observed.ctl))
    reasons.push(
      `Activities from before your plan arrived after it was made: your fitness (CTL) on ${f.madeOn} was ${Math.round(f.observed.ctl)}, the plan started from ${Math.round(used.ctl)}.`,
    );
  if (!reasons.length) return { suggested: false, reasons: [] };
  // "Keep my plan" holds until the history moves materially again from what the athlete saw then.
  const d = f.dismissed;
  if (d && !(intake && hoursDiffer(d.weeklyHours, f.observed.weeklyHours)) && !ctlDiffer(d.ctl, f.observed.ctl))
    return { suggested: false, reasons: [] };
  return { suggested: true, reasons };
}

const h = (hours: number) => `${Math.round(hours * 10) / 10} h`;
