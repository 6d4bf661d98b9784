// What the change log keeps of a workout, and how two of those are compared (undo restores a state
// only while the workout still looks as the change left it).
import { toEpochDay } from '../../../lib/dates';
import { AppError, ErrorCode, ErrorReason } from '../../../lib/errors';
import type { PlanRow, WorkoutRow } from '../plans.repo';
import type { Phase, WeekDraft } from '../plans.types';

/** Everything a change can alter. */
export const STATE_KEYS = [
  'date',
  'sport',
  'type',
  'title',
  'description',
  'why',
  'durationSec',
  'distanceM',
  'targetLoad',
  'intensity',
  'steps',
  'phase',
  'week',
  'skipped',
  'linkMode',
  'linkedActivityId',
  'slot',
] as const;
export type WorkoutState = Pick<WorkoutRow, (typeof STATE_KEYS)[number]>;
/** Workout states keyed by id: null before an add, null after a removal. */
export type States = Record<string, WorkoutState | null>;

export const stateOf = (w: WorkoutRow): WorkoutState => Object.fromEntries(STATE_KEYS.map((k) => [k, w[k]])) as WorkoutState;
/** A workout still as a change left it: compared on the keys logged (a change logged before 'why' was kept has none). */
export const asLogged = (w: WorkoutRow | undefined, logged: WorkoutState | null): WorkoutState | null =>
  w && logged
    ? (Object.fromEntries(Object.keys(logged).map((k) => [k, w[k as keyof WorkoutState]])) as WorkoutState)
    : w
      ? stateOf(w)
      : null;

// jsonb keeps keys in its own order: compare states with keys sorted at every level.
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v ?? null);
export const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

export const conflict = (message: string, reason: ErrorReason) => new AppError(ErrorCode.CONFLICT, message, { reason });
export const completedError = () =>
  conflict('This workout is completed: its activity is recorded and it no longer changes.', ErrorReason.WORKOUT_COMPLETED);
export const invalid = (path: string, message: string) => new AppError(ErrorCode.VALIDATION, message, { fields: [{ path, message }] });

/** The plan week a day falls in (1-based, 7 days from the plan's first day). */
export const weekOf = (plan: PlanRow, date: string) => Math.floor((toEpochDay(date) - toEpochDay(plan.startDate)) / 7) + 1;
/** The phase the plan gave that week. */
export const weekPhase = (plan: PlanRow, week: number): Phase | undefined => (plan.weeks as WeekDraft[])[week - 1]?.phase;

/** A day of the plan, or 400 naming the field. */
export function withinPlan(plan: PlanRow, field: string, date: string) {
  if (date < plan.startDate || date > plan.endDate) throw invalid(field, `Pick a day between ${plan.startDate} and ${plan.endDate}.`);
}

/** The change altered the workout's match only (link, unlink, automatic): allowed on a completed workout, that is its point. */
export const linkOnly = (a: WorkoutState | null, b: WorkoutState | null) =>
  a !== null && b !== null && same({ ...a, linkMode: null, linkedActivityId: null }, { ...b, linkMode: null, linkedActivityId: null });
/** The change only skipped or restored workouts (a batch of skips is undone as freely as one skip). */
export const skipOnly = (before: States, after: States) =>
  Object.keys({ ...before, ...after }).every((id) => {
    const [a, b] = [before[id] ?? null, after[id] ?? null];
    return a !== null && b !== null && same({ ...a, skipped: false }, { ...b, skipped: false });
  });
