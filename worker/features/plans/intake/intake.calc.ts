// Onboarding answers as generation input: when history is "thin", what the athlete told us stands in
// for it (ADR 016, "Thin history and the intake"). Pure functions; the service reads and writes.
import { DURATION_LOAD_PER_HOUR } from '../../analytics';
import { addDays, daysBetween } from '../../../lib/dates';
import { METRES_PER_UNIT } from '../../../lib/format';
import type { IntakeInput } from './intake.schema';
import type { FitnessInput, Goal } from '../plans.types';

/** The answers as stored (jsonb): volumes in seconds and metres whatever unit the athlete typed. */
export interface IntakeAnswers {
  goal: Goal | null;
  availableDays: number[] | null;
  longDay: number | null;
  hoursPerWeek: number | null;
  injuries: string | null;
  returningFromBreak: boolean | null;
  returnDate: string | null;
  runsPerWeek: number | null;
  weeklyDurationS: number | null;
  weeklyDistanceM: number | null;
  longestRunS: number | null;
  longestRunM: number | null;
  answeredAt: string;
}

/** The last six weeks of history from the sources the owner may see: what "thin" is judged on. */
export interface HistorySummary {
  activities: number;
  hours: number;
}

/**
 * History is thin below 8 activities or 6 hours in the last six weeks (under ~1.3 sessions and an hour a
 * week). Generation starts from the 6-week average and CTL (a 42-day average): with less than that, the
 * numbers say more about how much of the history has arrived than about the athlete's fitness, and a plan
 * built on them would start a returning runner at nearly zero.
 */
export const THIN_HISTORY = { activities: 8, hours: 6, weeks: 6 } as const;
export const isThin = (h: HistorySummary) => h.activities < THIN_HISTORY.activities || h.hours < THIN_HISTORY.hours;

/** A typical easy running pace (6:00 /km), to turn a distance answer into time. */
const EASY_RUN_S_PER_M = 0.36;
/** Minutes a run when only "runs a week" was answered. */
const MINUTES_PER_RUN = 35;
/**
 * Answers run optimistic (the best recent week is remembered as the usual one), so the CTL estimate takes
 * 80 % of the steady-state value: a plan that starts a little low corrects itself; one that starts high injures.
 */
const CONSERVATIVE = 0.8;
const CTL_DAYS = 42;
const ATL_DAYS = 7;

const metres = (v: { unit: 'km' | 'mi'; value: number }) => Math.round(v.value * METRES_PER_UNIT[v.unit]);

/** The request's answers in SI, stamped with when they were given. */
export function answersFrom(input: IntakeInput, now: Date): IntakeAnswers {
  const wv = input.weeklyVolume;
  const lr = input.longestRun;
  return {
    goal: input.goal,
    availableDays: input.availableDays ? [...input.availableDays].sort((a, b) => a - b) : null,
    longDay: input.longDay,
    hoursPerWeek: input.hoursPerWeek,
    injuries: input.injuries || null,
    returningFromBreak: input.returningFromBreak,
    returnDate: input.returningFromBreak ? input.returnDate : null,
    runsPerWeek: input.runsPerWeek,
    weeklyDurationS: wv?.unit === 'h' ? Math.round(wv.value * 3600) : null,
    weeklyDistanceM: wv && wv.unit !== 'h' ? metres(wv) : null,
    longestRunS: lr?.unit === 'min' ? Math.round(lr.value * 60) : null,
    longestRunM: lr && lr.unit !== 'min' ? metres(lr) : null,
    answeredAt: now.toISOString(),
  };
}

/** The baseline questions (asked only when history is thin): without one of them the answers can't stand in for history. */
export const hasBaseline = (a: IntakeAnswers) =>
  a.runsPerWeek !== null || a.weeklyDurationS !== null || a.weeklyDistanceM !== null || a.longestRunS !== null || a.longestRunM !== null;

/** Answered weekly running hours: the time, else the distance at an easy pace, else the runs a week. */
export function answeredWeeklyHours(a: IntakeAnswers): number {
  if (a.weeklyDurationS !== null) return a.weeklyDurationS / 3600;
  if (a.weeklyDistanceM !== null) return (a.weeklyDistanceM * EASY_RUN_S_PER_M) / 3600;
  if (a.runsPerWeek !== null) return (a.runsPerWeek * MINUTES_PER_RUN) / 60;
  return 0;
}

/**
 * FitnessInput from the answers (source 'intake'). The baseline questions are about running, so the
 * volume is the run's. CTL is the steady state of the answered week on analytics' duration scale
 * (hours × 60 load/h ÷ 7 a day), times CONSERVATIVE. Back from a break, CTL has only climbed part of the
 * way: after d days at that load it is (1 − e^(−d/42)) of the steady state (the PMC's own recurrence), and
 * ATL (1 − e^(−d/7)); so the weeks since the return set how low the plan starts.
 */
export function fitnessFromAnswers(a: IntakeAnswers, today: string): FitnessInput {
  const hours = round1(answeredWeeklyHours(a));
  const longest = a.longestRunS !== null ? a.longestRunS / 60 : a.longestRunM !== null ? (a.longestRunM * EASY_RUN_S_PER_M) / 60 : 0;
  const daily = ((hours * DURATION_LOAD_PER_HOUR.run) / 7) * CONSERVATIVE;
  const since = a.returningFromBreak && a.returnDate ? Math.max(0, daysBetween(a.returnDate, today)) : null;
  const share = (tau: number) => (since === null ? 1 : 1 - Math.exp(-since / tau));
  return {
    ctl: round1(daily * share(CTL_DAYS)),
    atl: round1(daily * share(ATL_DAYS)),
    weeklyHours: { run: hours, bike: 0, swim: 0 },
    longestMinutes: { run: Math.round(longest), bike: 0, swim: 0 },
    source: 'intake',
  };
}

/**
 * The plan wizard's starting point: what was answered, shaped as a plan request's fields. Unanswered hours
 * come from history when it isn't thin (`recentHours`, all sports): the wizard's fixed 6 h would cap a 9 h
 * athlete's plan below what they already do.
 */
export function suggestedRequest(a: IntakeAnswers, today: string, recentHours: number | null = null) {
  const out: { goal?: Goal; availableDays?: number[]; longDay?: number; hoursPerWeek?: number } = {};
  if (a.goal) {
    // A past event can't be planned for: the goal stays, the date goes.
    const future = a.goal.eventDate !== null && a.goal.eventDate > addDays(today, 1);
    out.goal = { ...a.goal, eventDate: future ? a.goal.eventDate : null };
  }
  if (a.availableDays && a.availableDays.length >= 2) out.availableDays = a.availableDays;
  if (a.longDay !== null && (!out.availableDays || out.availableDays.includes(a.longDay))) out.longDay = a.longDay;
  const hours = a.hoursPerWeek ?? (recentHours !== null && recentHours > 0 ? Math.ceil(recentHours * 1.1 * 2) / 2 : null);
  if (hours !== null) out.hoursPerWeek = Math.min(25, Math.max(2, hours));
  return out;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
