// What workout control checks after a change, inside its transaction (ADR 104): two sessions of one day never share
// a morning or evening slot (400), and a hand edit that stacks hard days or jumps the week's load is warned — made
// all the same — with what the plan's rules would do instead (adapt/edit-warnings.calc.ts).
import { addDays, todayIn } from '../../../lib/dates';
import { type EditWarning, editWarnings } from '../adapt/edit-warnings.calc';
import type { DayWorkout } from '../adapt/missed.calc';
import type { ChangeRow, PlanRow, PlansRepo, WorkoutRow } from '../plans.repo';
import type { Phase, WeekDraft, WorkoutType } from '../plans.types';
import type { ChangeBy } from './workout-access';
import { invalid, type States, type WorkoutState, weekOf } from './workout-state';

export type { EditWarning } from '../adapt/edit-warnings.calc';
/** A change as logged, and for a hand edit what it is warned about (empty: nothing). */
export type Changed = ChangeRow & { warnings?: EditWarning[] };

/** The hand edits that are warned (the athlete's or their coach's): an AI proposal or a rule states its own reasons. */
export const WARNED_ACTIONS: readonly string[] = ['move', 'add', 'edit', 'swap'];

const SLOT_WORD = { am: 'a morning', pm: 'an evening' } as const;

/** 400 when a workout the change left slotted shares its day's slot with another session (skipped ones aside). */
export async function refuseSlotClash(r: PlansRepo, userId: string, planId: string, after: States) {
  const slotted = Object.entries(after).filter((e): e is [string, WorkoutState] => !!e[1]?.slot && !e[1].skipped);
  for (const [id, w] of slotted) {
    const day = await r.workoutsBetween(userId, planId, w.date, w.date);
    const other = day.find((x) => x.id !== id && !x.skipped && x.slot === w.slot);
    if (other) {
      const word = SLOT_WORD[w.slot as 'am' | 'pm'];
      throw invalid('slot', `${w.date} already has ${word} session (“${other.title}”): pick the other slot, or any time.`);
    }
  }
}

/** Reads the plan's workouts around a change and says what it warns about. */
export async function warningsAfter(
  r: PlansRepo,
  by: ChangeBy,
  plan: PlanRow,
  change: { before: States; after: States },
  deps: { now: Date; completedAmong: (dates: string[]) => Promise<Set<string>> },
): Promise<EditWarning[]> {
  const states = [...Object.values(change.before), ...Object.values(change.after)].filter((s): s is WorkoutState => s !== null);
  if (!states.length) return [];
  const weeks = states.map((s) => weekOf(plan, s.date));
  // Two weeks before (the ramp's reference, past a recovery week) and one after (a lighter week raises the next one's ramp).
  const from = [addDays(plan.startDate, (Math.min(...weeks) - 3) * 7), plan.startDate].sort()[1]!;
  const to = [addDays(plan.startDate, (Math.max(...weeks) + 1) * 7 - 1), plan.endDate].sort()[0]!;
  const rows = await r.workoutsBetween(by.athlete.id, plan.id, from, to);
  const today = todayIn(by.athlete.timeZone, deps.now);
  const completed = rows.length ? await deps.completedAmong(rows.map((w) => w.date)) : new Set<string>();
  const day = (id: string, s: Pick<WorkoutRow, 'date' | 'type' | 'targetLoad' | 'skipped'>): DayWorkout => ({
    id,
    date: s.date,
    type: s.type as WorkoutType,
    status: s.skipped ? 'skipped' : completed.has(id) ? 'completed' : s.date < today ? 'missed' : 'planned',
    load: s.targetLoad,
  });
  const after = rows.map((w) => day(w.id, w));
  // Before: the same rows with the change's own workouts as they were (an added one absent, a removed one back).
  const touched = Object.keys({ ...change.before, ...change.after });
  const before = [
    ...after.filter((w) => !touched.includes(w.id)),
    ...touched.flatMap((id) => {
      const s = change.before[id];
      return s && s.date >= from && s.date <= to ? [day(id, s)] : [];
    }),
  ];
  return editWarnings({
    planStart: plan.startDate,
    planEnd: plan.endDate,
    phases: (plan.weeks as WeekDraft[]).map((w) => w.phase as Phase),
    today,
    before,
    after,
    touched,
  });
}

/** After a change, in its transaction: a slot clash refuses it (400); a hand edit gets its warnings (others: none). */
export async function checkAfter(
  r: PlansRepo,
  by: ChangeBy,
  plan: PlanRow,
  action: string,
  change: { before: States; after: States },
  completedAmong: (dates: string[]) => Promise<Set<string>>,
  now: Date,
): Promise<EditWarning[] | undefined> {
  await refuseSlotClash(r, by.athlete.id, plan.id, change.after);
  return WARNED_ACTIONS.includes(action) ? warningsAfter(r, by, plan, change, { now, completedAmong }) : undefined;
}
