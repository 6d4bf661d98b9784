// What a re-plan reads, from the athlete's own data: the plan's frame, its workouts of the two weeks before and after
// today as the training calendar matches and judges them, activities that completed no workout, the last mornings'
// readiness and the illness or injury notes. The engine (replan.calc.ts) decides from this alone.
import { addDays } from '../../../lib/dates';
import type { Athlete } from '../../analytics';
import type { CalendarRead, TrainingCalendar } from '../calendar';
import type { PlanRow } from '../plans.repo';
import type { GeneratorInput, WeekDraft, WorkoutType } from '../plans.types';
import type { AdaptState, AdaptWorkout } from './adapt.types';
import type { HealthNoteRow } from './adapt.repo';
import type { SessionOutcome } from './targets.calc';

/** The calendar read around today: the week before last (the ramp's reference) to two weeks ahead. */
export const BEHIND_DAYS = 13;
export const AHEAD_DAYS = 14;
/** Mornings of readiness read: the rule needs its run of low ones, and a spell (up to two weeks) is known by its first morning. */
export const MORNINGS = 14;

type Day = CalendarRead['days'][number];
type WorkoutItem = Extract<Day['items'][number], { kind: 'workout' }>;

const STATUS: Record<string, AdaptWorkout['status']> = { pending: 'planned', completed: 'completed', missed: 'missed', skipped: 'skipped' };
const VERDICT = { green: 'on', yellow: 'partly', red: 'off' } as const;

function workoutOf(x: WorkoutItem): AdaptWorkout {
  const w = x.workout;
  const done = x.compliance.status === 'completed' && x.activity?.load != null;
  return {
    id: w.id,
    date: w.date,
    slot: (w.slot ?? null) as AdaptWorkout['slot'],
    type: w.type as WorkoutType,
    status: STATUS[x.compliance.status] ?? 'planned',
    durationSec: w.durationSec,
    load: done ? x.activity!.load! : w.targetLoad,
  };
}

/** A done workout judged by its steps, as the target rule reads it. */
function outcomeOf(x: WorkoutItem & { verdict?: { band: string | null; by: string; side?: 'below' | 'above' } }): SessionOutcome | null {
  const v = x.verdict;
  if (x.compliance.status !== 'completed' || !v || v.by !== 'steps' || !v.band) return null;
  return {
    workoutId: x.workout.id,
    date: x.workout.date,
    type: x.workout.type as WorkoutType,
    verdict: VERDICT[v.band as keyof typeof VERDICT] ?? 'off',
    side: v.side ?? null,
    rpe: x.workout.doneRpe ?? null,
  };
}

export function stateOf(input: {
  today: string;
  plan: PlanRow;
  calendar: CalendarRead;
  mornings: (boolean | null)[];
  notes: HealthNoteRow[];
}): AdaptState {
  const { plan, calendar } = input;
  const items = calendar.days.flatMap((d) => d.items);
  const workouts = items.flatMap((x) => (x.kind === 'workout' ? [x] : []));
  return {
    today: input.today,
    plan: {
      startDate: plan.startDate,
      endDate: plan.endDate,
      eventDate: plan.eventDate,
      weeks: (plan.weeks as WeekDraft[]).map((w) => ({ startDate: w.startDate, phase: w.phase, plannedLoad: w.plannedLoad })),
      availableDays: (plan.inputs as GeneratorInput).availableDays,
    },
    workouts: workouts.map(workoutOf),
    unplanned: items.flatMap((x) =>
      x.kind === 'activity' && x.activity.load != null
        ? [{ activityId: x.activity.id, date: x.activity.localDate, load: x.activity.load }]
        : [],
    ),
    mornings: input.mornings,
    outcomes: workouts.flatMap((x) => outcomeOf(x) ?? []),
    health: input.notes.map((n) => ({ id: n.id, kind: n.kind as 'illness' | 'injury', from: n.fromDay, to: n.toDay })),
  };
}

/** The calendar range a re-plan reads around `today`. */
export const readRange = (today: string) => ({ from: addDays(today, -BEHIND_DAYS), to: addDays(today, AHEAD_DAYS) });

export type CalendarReader = Pick<TrainingCalendar, 'read'>;
export type { Athlete };
