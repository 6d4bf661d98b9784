// One-workout steps that changes are composed of: move, swap two workouts' days, skip/restore, scale one
// workout's volume, replace its type from the generator's templates. Each is a pure patch, so a preview
// (the AI coach's proposal diff) and the apply (workout-control.service.ts) compute exactly the same thing.
import type { Slot, WorkoutType } from '../plans.types';
import type { PlanRow, WorkoutInsert, WorkoutRow } from '../plans.repo';
import type { Bucket } from './workout-access';
import { fieldsOf, replacedShape, scaledShape } from './workout-shape';
import { conflict, invalid, weekOf, weekPhase, withinPlan } from './workout-state';
import { ErrorReason } from '../../../lib/errors';
import { retargeted } from './workout-retarget';

export type WorkoutStep =
  | { kind: 'move'; workoutId: string; date: string; slot?: Slot | null }
  | { kind: 'swap'; workoutId: string; otherWorkoutId: string }
  | { kind: 'skip' | 'restore'; workoutId: string }
  | { kind: 'adjust'; workoutId: string; percent: number }
  | { kind: 'replace'; workoutId: string; type: WorkoutType }
  /** The work targets by a few percent (an adaptive "too hard" change, issue 58): volume and load unchanged. */
  | { kind: 'retarget'; workoutId: string; percent: number };

/** The hourly limit each step uses (a swap is a move, as swapping days is; scaling and replacing are edits). */
export const STEP_BUCKET: Record<WorkoutStep['kind'], Bucket> = {
  move: 'move',
  swap: 'move',
  skip: 'skip',
  restore: 'skip',
  adjust: 'edit',
  replace: 'edit',
  retarget: 'edit',
};

/** Bounds of one workout's scaling: the week's bounds (ADR 017), one workout at a time. */
export const STEP_ADJUST = { min: -50, max: 10 } as const;
/** Bounds of a target's shift: the ±5 % a small adaptive change may make on its own. */
export const STEP_RETARGET = { min: -5, max: 5 } as const;

export const stepWorkoutIds = (s: WorkoutStep): string[] => (s.kind === 'swap' ? [s.workoutId, s.otherWorkoutId] : [s.workoutId]);

/** A workout put on `date`: its week and phase follow the day it lands on. */
export const onDay = (plan: PlanRow, w: WorkoutRow, date: string): Partial<WorkoutInsert> => {
  const week = weekOf(plan, date);
  return { date, week, phase: weekPhase(plan, week) ?? w.phase };
};

/** Scales a workout's volume by (100 + percent) %: its steps to 5 s, its distance to 10 m; load and words follow. */
export const scaled = (plan: PlanRow, w: WorkoutRow, percent: number): Partial<WorkoutInsert> => scaledShape(plan, fieldsOf(w), percent);

/** The workout rewritten from the generator's template of `type` at about its length (title, steps, load). */
export const fromTemplate = (plan: PlanRow, w: WorkoutRow, type: WorkoutType): Partial<WorkoutInsert> =>
  replacedShape(plan, fieldsOf(w), type);

/**
 * Runs the steps, in order, on copies of `rows` (every workout they name, keyed by id): the merged patch
 * per changed workout. Throws what the apply would (a day outside the plan, a type that does not fit…).
 */
export function stepThrough(plan: PlanRow, rows: Map<string, WorkoutRow>, steps: WorkoutStep[]): Map<string, Partial<WorkoutInsert>> {
  const now = new Map([...rows].map(([id, w]) => [id, { ...w }]));
  const patches = new Map<string, Partial<WorkoutInsert>>();
  const put = (w: WorkoutRow, patch: Partial<WorkoutInsert>) => {
    Object.assign(w, patch);
    patches.set(w.id, { ...patches.get(w.id), ...patch });
  };
  for (const s of steps) {
    const w = now.get(s.workoutId)!;
    switch (s.kind) {
      case 'move':
        withinPlan(plan, 'date', s.date);
        put(w, { ...onDay(plan, w, s.date), ...(s.slot === undefined ? {} : { slot: s.slot }) });
        break;
      case 'swap': {
        const o = now.get(s.otherWorkoutId)!;
        if (o.id === w.id) throw invalid('otherWorkoutId', 'Swap two different workouts.');
        if (o.date === w.date) throw invalid('otherWorkoutId', 'Both workouts are on the same day.');
        const [a, b] = [w.date, o.date];
        put(w, onDay(plan, w, b));
        put(o, onDay(plan, o, a));
        break;
      }
      case 'skip':
      case 'restore': {
        const skipped = s.kind === 'skip';
        if (w.skipped === skipped) throw conflict(skipped ? 'Already skipped.' : 'Not skipped.', ErrorReason.UNDO_CONFLICT);
        put(w, { skipped });
        break;
      }
      case 'adjust':
        if (!Number.isInteger(s.percent) || s.percent < STEP_ADJUST.min || s.percent > STEP_ADJUST.max || s.percent === 0)
          throw invalid('percent', `A whole percent between ${STEP_ADJUST.min} and +${STEP_ADJUST.max}, not 0.`);
        if (w.durationSec <= 0 && (w.distanceM ?? 0) <= 0 && w.targetLoad <= 0)
          throw invalid('percent', 'This workout has nothing to scale.');
        put(w, scaled(plan, w, s.percent));
        break;
      case 'replace':
        put(w, fromTemplate(plan, w, s.type));
        break;
      case 'retarget': {
        if (!Number.isInteger(s.percent) || s.percent < STEP_RETARGET.min || s.percent > STEP_RETARGET.max || s.percent === 0)
          throw invalid('percent', `A whole percent between ${STEP_RETARGET.min} and +${STEP_RETARGET.max}, not 0.`);
        const next = retargeted(w, s.percent);
        if (!next) throw invalid('percent', 'This workout has no target in fractions or numbers to shift.');
        put(w, next);
        break;
      }
    }
  }
  return patches;
}
