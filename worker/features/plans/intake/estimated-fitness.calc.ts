// CTL/ATL for a plan while fitness is not yet established (ADR 044): the PMC starts at zero, so a month of
// 9 h weeks reads CTL ≈ 0.5 of what that training sustains. Pure; plan-fitness.ts reads the series.
import { addDays, daysBetween } from '../../../lib/dates';

/** ATL's time constant: after three of them (21 days) its zero start is under 5 % and the measured ATL stands. */
const ATL_SETTLED_DAYS = 21;

/**
 * Days of stretch the estimate needs: two weeks, so a week's pattern shows twice. Shorter, one long session
 * would set the mean (and a plan that starts high injures): the measured, low CTL stands.
 */
export const MIN_ESTIMATE_DAYS = 14;

/** A day of analytics' PMC series (the fields read here). */
interface PmcDay {
  date: string;
  load: number;
  ctl: number;
  atl: number;
}

export interface FitnessEstimate {
  ctl: number;
  atl: number;
  /** Days the mean load was taken over (the stretch before today). */
  days: number;
}

/**
 * The steady state of the stretch's mean daily load, from `since` up to yesterday (today is rarely done):
 * at a constant daily load L both CTL and ATL settle at L. Never below the measured values (a stretch that
 * ramped up late already reads higher), and ATL stays measured once it has settled. Null without a stretch
 * of MIN_ESTIMATE_DAYS.
 */
export function estimatedFitness(full: readonly PmcDay[], since: string | null, today: string): FitnessEstimate | null {
  if (since === null || daysBetween(since, today) < MIN_ESTIMATE_DAYS) return null;
  const last = full.at(-1);
  if (!last) return null;
  const yesterday = addDays(today, -1);
  let sum = 0;
  for (const d of full) if (d.date >= since && d.date <= yesterday) sum += d.load;
  const days = daysBetween(since, today);
  const mean = sum / days;
  return {
    ctl: round1(Math.max(last.ctl, mean)),
    atl: round1(days >= ATL_SETTLED_DAYS ? last.atl : Math.max(last.atl, mean)),
    days,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
