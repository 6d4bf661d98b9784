// Issue 58: a hand edit (move, add, edit, swap) that puts hard days together or jumps the week's load is made, not
// refused — and warned, with what the plan's rules would do instead. Pure: the plan's workouts around the change as
// they were and as they are, by plan week (7 days from the plan's first day).
import { addDays, toEpochDay } from '../../../lib/dates';
import { LOAD_GROWTH_MAX } from '../generator/plan-rules';
import { HARD_TYPES, type Phase } from '../plans.types';
import { type DayWorkout, stackedHardDays } from './missed.calc';

export type EditWarningCode = 'stacked_hard_days' | 'load_jump';
export interface EditWarning {
  code: EditWarningCode;
  message: string;
  /** What the rules would do: the nearest day that stacks nothing, or the load the ramp allows. */
  instead: string;
  /** stacked_hard_days: that day, or null when no day of the week would do. */
  date: string | null;
  /** load_jump: the week's load the ramp allows. */
  load: number | null;
}

export interface EditSpan {
  /** The plan's first day: plan week n starts (n − 1) × 7 days after it. */
  planStart: string;
  planEnd: string;
  /** Each plan week's phase, week 1 first: the ramp is measured from the last loading week (recovery weeks aside). */
  phases: readonly Phase[];
  /** The athlete's today: a suggested day is never in the past. */
  today: string;
  /** The plan's workouts around the change (the weeks it touched, and one either side), before and after it. */
  before: readonly DayWorkout[];
  after: readonly DayWorkout[];
  /** The workouts the change touched. */
  touched: readonly string[];
}

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const weekday = (date: string) => (((toEpochDay(date) + 3) % 7) + 7) % 7;
/** "Thursday 3 December 2026"-like, from the ISO day alone: "Thursday 2026-12-03". */
export const dayName = (date: string) => `${DAY_NAMES[weekday(date)]} ${date}`;
const isHard = (w: DayWorkout) => HARD_TYPES.includes(w.type) && w.status !== 'missed' && w.status !== 'skipped';
const weekOf = (planStart: string, date: string) => Math.floor((toEpochDay(date) - toEpochDay(planStart)) / 7) + 1;
const round = (x: number) => Math.round(x);

/** Hard days side by side, and days holding two hard sessions: as "a|b" pairs and "a|a" for a doubled day. */
function stackings(workouts: readonly DayWorkout[]): Set<string> {
  const out = new Set(stackedHardDays(workouts).map(([a, b]) => `${a}|${b}`));
  const perDay = new Map<string, number>();
  for (const w of workouts.filter(isHard)) perDay.set(w.date, (perDay.get(w.date) ?? 0) + 1);
  for (const [day, n] of perDay) if (n > 1) out.add(`${day}|${day}`);
  return out;
}

/** Whether `w` on `day` stacks with any other hard session of `others`. */
const stacksOn = (others: readonly DayWorkout[], day: string) =>
  others.some((o) => isHard(o) && (o.date === day || o.date === addDays(day, -1) || o.date === addDays(day, 1)));

/** The nearest day of `w`'s plan week, from today on and inside the plan, where it stacks nothing; on a tie the earlier. */
function nearestClear(span: EditSpan, w: DayWorkout): string | null {
  const others = span.after.filter((o) => o.id !== w.id);
  const week = weekOf(span.planStart, w.date);
  const start = addDays(span.planStart, (week - 1) * 7);
  let best: string | null = null;
  for (let i = 0; i < 7; i++) {
    const day = addDays(start, i);
    if (day === w.date || day < span.today || day > span.planEnd || stacksOn(others, day)) continue;
    const gap = Math.abs(toEpochDay(day) - toEpochDay(w.date));
    if (best === null || gap < Math.abs(toEpochDay(best) - toEpochDay(w.date))) best = day;
  }
  return best;
}

function stackedWarnings(span: EditSpan): EditWarning[] {
  const was = stackings(span.before);
  const touched = new Set(span.touched);
  const out: EditWarning[] = [];
  const seen = new Set<string>();
  for (const pair of [...stackings(span.after)].sort()) {
    if (was.has(pair)) continue;
    const [a, b] = pair.split('|') as [string, string];
    // The session to move is the one the edit put there (the other was already in place).
    const mover = span.after.find((w) => touched.has(w.id) && isHard(w) && (w.date === a || w.date === b));
    if (!mover || seen.has(mover.id)) continue;
    seen.add(mover.id);
    const message =
      a === b
        ? `${dayName(a)} now holds two hard sessions: the plan never puts hard work on the same day twice.`
        : `${dayName(a)} and ${dayName(b)} are now both hard days: the plan keeps an easier day between hard ones.`;
    const clear = nearestClear(span, mover);
    const prior = span.before.find((w) => w.id === mover.id);
    const instead = clear
      ? `Put “${mover.type}” on ${dayName(clear)}: no hard day beside it that week.`
      : prior && prior.date !== mover.date
        ? `No day of that week is clear of hard days beside it: keep it on ${dayName(prior.date)}.`
        : `No day of that week is clear of hard days beside it: keep it on ${dayName(mover.date)} as an easy session.`;
    out.push({ code: 'stacked_hard_days', message, instead, date: clear, load: null });
  }
  return out;
}

/** Each plan week's planned load (skipped sessions aside). */
function loads(span: EditSpan, workouts: readonly DayWorkout[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const w of workouts)
    if (w.status !== 'skipped') out.set(weekOf(span.planStart, w.date), (out.get(weekOf(span.planStart, w.date)) ?? 0) + w.load);
  return out;
}

/** The week the ramp is measured from: the one before, or past a recovery week the last loading week (as the generator). */
function referenceWeek(span: EditSpan, week: number): number | null {
  for (let k = week - 1; k >= 1; k--) if (span.phases[k - 1] !== 'recovery') return k;
  return null;
}

function loadWarnings(span: EditSpan): EditWarning[] {
  const [was, now] = [loads(span, span.before), loads(span, span.after)];
  const weeks = [...new Set([...span.before, ...span.after].map((w) => weekOf(span.planStart, w.date)))].sort((a, b) => a - b);
  const out: EditWarning[] = [];
  for (const week of weeks) {
    const ref = referenceWeek(span, week);
    // A week the span does not hold whole (its first or last) is only the reference of another.
    if (ref === null || !now.has(ref) || span.phases[week - 1] === 'recovery') continue;
    const capNow = (now.get(ref) ?? 0) * (1 + LOAD_GROWTH_MAX);
    const capWas = (was.get(ref) ?? 0) * (1 + LOAD_GROWTH_MAX);
    const [loadNow, loadWas] = [now.get(week) ?? 0, was.get(week) ?? 0];
    const over = loadNow > capNow + 0.05;
    // Warned when the edit made it jump: over now and either not over before or higher than it was.
    if (!over || (loadWas > capWas + 0.05 && loadNow <= loadWas + 0.05)) continue;
    const pct = Math.round(LOAD_GROWTH_MAX * 100);
    const refLoad = round(now.get(ref) ?? 0);
    out.push({
      code: 'load_jump',
      message: `Week ${week} now plans a load of ${round(loadNow)}, ${
        refLoad > 0 ? `${round((loadNow / refLoad - 1) * 100)} % over` : 'far over'
      } week ${ref}’s ${refLoad}: the plan’s ramp is at most +${pct} % a week.`,
      instead: `The ramp allows ${round(capNow)} in week ${week} (week ${ref}’s ${refLoad} + ${pct} %): about ${round(
        loadNow - capNow,
      )} less, or the same sessions spread into a later week.`,
      date: null,
      load: round(capNow),
    });
  }
  return out;
}

/**
 * The warnings a hand edit earns: each hard-day stacking it made (side by side, or two hard sessions on one day;
 * done hard sessions count, missed and skipped ones do not) with the nearest clear day of that week, and each
 * week it pushed past the ramp (load > the reference week's × (1 + LOAD_GROWTH_MAX)) with the load allowed.
 * What was already so before the edit is not warned again.
 */
export function editWarnings(span: EditSpan): EditWarning[] {
  return [...stackedWarnings(span), ...loadWarnings(span)];
}
