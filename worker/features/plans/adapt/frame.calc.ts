// The plan's frame as the adaptive rules read it: which week a day is in, a week's load, and the days no change
// may touch (the race day and the two before it). Shared by replan and the invariants so both count alike. Pure.
import { addDays, daysBetween } from '../../../lib/dates';
import type { AdaptPlan, AdaptWorkout } from './adapt.types';

export type Weeks = AdaptPlan['weeks'];
/** No step touches the event day or this many days before it: the race day's planned form is protected. */
export const PROTECTED_DAYS = 2;

/** The index of the week holding `date`, or -1 outside the plan's weeks. */
export function weekIndexOf(weeks: Weeks, date: string): number {
  for (let i = weeks.length - 1; i >= 0; i--) {
    if (weeks[i]!.startDate <= date) return date <= weekEnd(weeks, i) ? i : -1;
  }
  return -1;
}

/** A week's last day: the day before the next week starts, or its seventh day. */
export const weekEnd = (weeks: Weeks, i: number): string =>
  weeks[i + 1] ? addDays(weeks[i + 1]!.startDate, -1) : addDays(weeks[i]!.startDate, 6);

/** A workout that carries load: done, or planned and not yet done (missed and skipped ones carry none). */
export const carries = (w: Pick<AdaptWorkout, 'status'>) => w.status === 'planned' || w.status === 'completed';

/** A week's load: its done and still-planned sessions, plus the athlete's unplanned activities in it. */
export function weekLoad(
  weeks: Weeks,
  i: number,
  workouts: readonly Pick<AdaptWorkout, 'date' | 'status' | 'load'>[],
  unplanned: readonly { date: string; load: number }[],
): number {
  const from = weeks[i]!.startDate;
  const to = weekEnd(weeks, i);
  const inWeek = (d: string) => d >= from && d <= to;
  return (
    workouts.filter((w) => inWeek(w.date) && carries(w)).reduce((s, w) => s + w.load, 0) +
    unplanned.filter((u) => inWeek(u.date)).reduce((s, u) => s + u.load, 0)
  );
}

/** The race day and the two days before it. */
export const isProtected = (eventDate: string | null, date: string): boolean =>
  eventDate !== null && date <= eventDate && daysBetween(date, eventDate) <= PROTECTED_DAYS;

/** The taper's last week (the race week): targets are not changed in it. */
export function inLastTaperWeek(weeks: Weeks, date: string): boolean {
  const i = weekIndexOf(weeks, date);
  return i >= 0 && i === weeks.length - 1 && weeks[i]!.phase === 'taper';
}

export const inTaper = (weeks: Weeks, date: string): boolean => {
  const i = weekIndexOf(weeks, date);
  return i >= 0 && weeks[i]!.phase === 'taper';
};
