// When fitness (CTL) is established: the one rule every form label, ramp label and load warning reads
// (docs/decisions/044-establishing-fitness.md). The PMC starts at zero, so until the athlete's recorded
// history is long enough that zero start still dominates CTL and shows as deeply negative form.

import { daysBetween } from '../../../lib/dates';

/**
 * Days of continuous recorded history before labels are given: 8 weeks. At a steady daily load L from a
 * zero start, form on day n is −L·(e^(−(n−1)/42) − e^(−(n−1)/7)); on day 56 that is −0.27·L, not below
 * the −30 "overreaching" edge up to L ≈ 110 a day (≈ 770 a week), and the ramp (0.048·L) stays under
 * the 8-point warning up to L ≈ 167. At 42 days (one time constant) L = 95 still reads −35.
 */
export const ESTABLISH_DAYS = 56;
/**
 * More empty days than this in a row ends a stretch: CTL has lost half of itself (e^(−28/42) = 0.51) and
 * the record cannot tell rest from training that was never uploaded, so history before it does not count.
 */
export const ESTABLISH_MAX_GAP_DAYS = 28;
/** Days with recorded training the stretch needs: one a week over the 8 weeks. */
export const ESTABLISH_MIN_TRAINING_DAYS = 8;

export interface Establishment {
  established: boolean;
  /** Days until established if training goes on being recorded every day; 0 once established. */
  daysMore: number;
  /** First day of the current stretch of recorded training; null with none. */
  since: string | null;
  /** Days from `since` to today, both counted. */
  historyDays: number;
  /** Days with recorded training within the stretch (what the rule counted). */
  trainingDays: number;
}

/**
 * The establishment of fitness on `today` from the days with recorded training (`days` ascending, any
 * after `today` ignored). The current stretch runs back from today until a gap of more than
 * ESTABLISH_MAX_GAP_DAYS empty days; today's own empty days since the last training count as a gap too.
 */
export function fitnessEstablishment(days: readonly string[], today: string): Establishment {
  let since: string | null = null;
  let count = 0;
  let next = today;
  let nextIsTraining = false;
  for (let i = days.length - 1; i >= 0; i--) {
    const day = days[i]!;
    if (day > today) continue;
    // Empty days between this training day and the next one (or today, itself empty unless trained).
    const empty = daysBetween(day, next) - (nextIsTraining ? 1 : 0);
    if (empty > ESTABLISH_MAX_GAP_DAYS) break;
    since = day;
    count++;
    next = day;
    nextIsTraining = true;
  }
  return establishment(since, count, today);
}

function establishment(since: string | null, count: number, today: string): Establishment {
  const historyDays = since === null ? 0 : daysBetween(since, today) + 1;
  const daysMore = Math.max(0, ESTABLISH_DAYS - historyDays, ESTABLISH_MIN_TRAINING_DAYS - count);
  return { established: daysMore === 0, daysMore, since, historyDays, trainingDays: count };
}

/**
 * `fitnessEstablishment(days, d)` for each `d` of `dates` (ascending), in one pass over `days` (ascending): the
 * weekly form of a whole history costs one walk, not one walk back per week (3 years: ~20 → ~1 ms of CPU).
 */
export function fitnessEstablishments(days: readonly string[], dates: readonly string[]): Establishment[] {
  const out: Establishment[] = [];
  let i = 0;
  let last: string | null = null;
  let since: string | null = null;
  let count = 0;
  for (const today of dates) {
    // The stretch up to today: a gap of more than ESTABLISH_MAX_GAP_DAYS empty days starts a new one.
    for (; i < days.length && days[i]! <= today; i++) {
      const day = days[i]!;
      if (last === null || daysBetween(last, day) - 1 > ESTABLISH_MAX_GAP_DAYS) {
        since = day;
        count = 0;
      }
      count++;
      last = day;
    }
    // Today's own empty days since the last training count as a gap too.
    const current = last !== null && daysBetween(last, today) <= ESTABLISH_MAX_GAP_DAYS;
    out.push(current ? establishment(since, count, today) : establishment(null, 0, today));
  }
  return out;
}

/**
 * First day of the recorded history that reaches `day`: the stretch (no gap over ESTABLISH_MAX_GAP_DAYS)
 * holding the first training day on or after `day`, or the last one when none is; null without training.
 * Old files before a long gap do not make the weeks after them "weeks off" (issue 37): a start after `day`
 * means the record does not cover it.
 */
export function recordedSince(days: readonly string[], day: string): string | null {
  let start: string | null = null;
  let prev: string | null = null;
  for (const d of days) {
    if (prev === null || daysBetween(prev, d) - 1 > ESTABLISH_MAX_GAP_DAYS) start = d;
    if (d >= day) return start;
    prev = d;
  }
  return start;
}
