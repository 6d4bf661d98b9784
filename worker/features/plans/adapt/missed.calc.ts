// Issue 58's first rule: a missed key session moves within its week only where it stacks no hard days and keeps
// the week's ramp; otherwise it is dropped with its reason — never crammed. Also the check a hand edit is warned
// by: hard days side by side. Pure (dates are the athlete's local days, weekdays Monday = 0).
import { addDays, toEpochDay } from '../../../lib/dates';
import { LOAD_GROWTH_MAX } from '../generator/plan-rules';
import { HARD_TYPES, type Phase, type WorkoutStatus, type WorkoutType } from '../plans.types';

export interface DayWorkout {
  id: string;
  date: string;
  type: WorkoutType;
  status: WorkoutStatus;
  /** Planned load; for a completed workout the load it actually carried, when known. */
  load: number;
}

export interface MissedWeek {
  /** The week's first day and its phase. */
  startDate: string;
  phase: Phase;
  /** Every workout of the week, the missed one included. */
  workouts: readonly DayWorkout[];
  /** Weekdays the athlete trains on (the plan's intake). */
  availableDays: readonly number[];
  /** The load the week before carried (done, or planned where not yet done); null in a plan's first week. */
  previousWeekLoad: number | null;
  /** The plan's event day, if any: never moved onto, nor onto the two days before it. */
  eventDate: string | null;
}

export type MissedDecision =
  | { kind: 'move'; workoutId: string; to: string; replaces: string | null; reason: string }
  | { kind: 'drop'; workoutId: string; reason: string };

const isHard = (t: WorkoutType) => HARD_TYPES.includes(t);
/** A session worth moving: a hard one or the long one. An easy session missed is not made up. */
export const isKey = (t: WorkoutType) => isHard(t) || t === 'long';
const weekday = (date: string) => (((toEpochDay(date) + 3) % 7) + 7) % 7;
const live = (w: DayWorkout) => w.status !== 'missed' && w.status !== 'skipped';

/** Dates (sorted) with a hard session that happened or is still planned. */
function hardDates(workouts: readonly DayWorkout[]): Set<string> {
  return new Set(workouts.filter((w) => live(w) && isHard(w.type)).map((w) => w.date));
}

/**
 * Where a missed key session goes: the first day after `today` in its week that the athlete trains on, holding no
 * key session, with no hard day on either side (a hard one; a long one keeps the day after it free of hard work),
 * clear of the event, and whose week still keeps its ramp (load ≤ the week before × 1.1). On that day it replaces
 * an easy session if there is one. Otherwise it is dropped, and the reason says which rule kept it out.
 */
export function decideMissed(missed: DayWorkout, week: MissedWeek, today: string): MissedDecision {
  const drop = (reason: string): MissedDecision => ({ kind: 'drop', workoutId: missed.id, reason });
  if (!isKey(missed.type)) return drop('An easy session missed is not made up: the week goes on as planned.');
  if (week.phase === 'taper') return drop('In the taper a missed session is not made up: the race day’s form comes first.');
  const end = addDays(week.startDate, 6);
  const others = week.workouts.filter((w) => w.id !== missed.id);
  const hard = hardDates(others);
  const refusals = new Set<string>();
  for (let day = addDays(today, 1); day <= end; day = addDays(day, 1)) {
    if (!week.availableDays.includes(weekday(day))) continue;
    if (week.eventDate && toEpochDay(week.eventDate) - toEpochDay(day) <= 2 && day <= week.eventDate) {
      refusals.add('the days before the race stay as planned');
      continue;
    }
    const there = others.filter((w) => w.date === day && live(w));
    if (there.some((w) => isKey(w.type))) {
      refusals.add('every other free day already holds a key session');
      continue;
    }
    const before = addDays(day, -1);
    const after = addDays(day, 1);
    const longBefore = others.some((w) => w.date === before && live(w) && w.type === 'long');
    if (hard.has(before) || hard.has(after) || (isHard(missed.type) && longBefore)) {
      refusals.add('it would put two hard days together');
      continue;
    }
    if (missed.type === 'long' && hard.has(after)) {
      refusals.add('it would put two hard days together');
      continue;
    }
    const replaced = there.find((w) => w.status === 'planned' && !isKey(w.type)) ?? null;
    const load = others.filter(live).reduce((s, w) => s + w.load, 0) - (replaced?.load ?? 0) + missed.load;
    if (week.previousWeekLoad !== null && load > week.previousWeekLoad * (1 + LOAD_GROWTH_MAX)) {
      refusals.add(`the week would rise more than ${Math.round(LOAD_GROWTH_MAX * 100)} % over the last`);
      continue;
    }
    return {
      kind: 'move',
      workoutId: missed.id,
      to: day,
      replaces: replaced?.id ?? null,
      reason: replaced
        ? `Moved to ${day} in place of its easy session: no hard day beside it, and the week keeps its ramp.`
        : `Moved to ${day}: a free day with no hard day beside it, and the week keeps its ramp.`,
    };
  }
  const why = [...refusals];
  return drop(
    why.length
      ? `Not made up this week: ${why.join('; ')}. Dropped rather than crammed.`
      : 'Not made up this week: no training day is left in it. Dropped rather than crammed.',
  );
}

/** Consecutive days that both hold a hard session (done or planned): what a hand edit is warned about. */
export function stackedHardDays(workouts: readonly DayWorkout[]): [string, string][] {
  const days = [...hardDates(workouts)].sort();
  const out: [string, string][] = [];
  for (let i = 1; i < days.length; i++) if (addDays(days[i - 1]!, 1) === days[i]) out.push([days[i - 1]!, days[i]!]);
  return out;
}
