// One-workout steps that changes are composed of: move, swap two workouts' days, skip/restore, scale one
// workout's volume, replace its type from the generator's templates. Each is a pure patch, so a preview
// (the AI coach's proposal diff) and the apply (workout-control.service.ts) compute exactly the same thing.
import { type GoalKind, HARD_TYPES, type Sport, type StepNode, type WorkoutType } from '../plans.types';
import { buildSession, type SessionSpec } from '../generator';
import type { PlanRow, WorkoutInsert, WorkoutRow } from '../plans.repo';
import { typeFits } from './workout-catalog';
import type { Bucket } from './workout-control.service';
import { conflict, invalid, weekOf, weekPhase, withinPlan } from './workout-state';
import { ErrorReason } from '../../../lib/errors';

export type WorkoutStep =
  | { kind: 'move'; workoutId: string; date: string }
  | { kind: 'swap'; workoutId: string; otherWorkoutId: string }
  | { kind: 'skip' | 'restore'; workoutId: string }
  | { kind: 'adjust'; workoutId: string; percent: number }
  | { kind: 'replace'; workoutId: string; type: WorkoutType };

/** The hourly limit each step uses (a swap is a move, as swapping days is; scaling and replacing are edits). */
export const STEP_BUCKET: Record<WorkoutStep['kind'], Bucket> = {
  move: 'move',
  swap: 'move',
  skip: 'skip',
  restore: 'skip',
  adjust: 'edit',
  replace: 'edit',
};

/** Bounds of one workout's scaling: the week's bounds (ADR 017), one workout at a time. */
export const STEP_ADJUST = { min: -50, max: 10 } as const;

export const stepWorkoutIds = (s: WorkoutStep): string[] => (s.kind === 'swap' ? [s.workoutId, s.otherWorkoutId] : [s.workoutId]);

/** A workout put on `date`: its week and phase follow the day it lands on. */
export const onDay = (plan: PlanRow, w: WorkoutRow, date: string): Partial<WorkoutInsert> => {
  const week = weekOf(plan, date);
  return { date, week, phase: weekPhase(plan, week) ?? w.phase };
};

/** Scales a workout's volume by (100 + percent) %: whole minutes, 10 m, 0.1 load, steps to 5 s and 10 m. */
export function scaled(w: WorkoutRow, percent: number): Partial<WorkoutInsert> {
  const by = (v: number, unit: number) => Math.round((v * (100 + percent)) / (100 * unit)) * unit;
  const stepSeconds = (nodes: StepNode[]): number =>
    nodes.reduce<number>((s, n) => s + (n.kind === 'repeat' ? n.count * stepSeconds(n.steps) : (n.durationSec ?? 0)), 0);
  const step = <T extends StepNode>(n: T): T =>
    n.kind === 'repeat'
      ? { ...n, steps: n.steps.map(step) }
      : {
          ...n,
          durationSec: n.durationSec === null ? null : Math.max(5, by(n.durationSec, 5)),
          distanceM: n.distanceM === null ? null : Math.max(10, by(n.distanceM, 10)),
        };
  const steps = (w.steps as StepNode[]).map(step);
  // A duration that was its steps' sum stays their sum; otherwise it rounds to the minute.
  const fromSteps = steps.length > 0 && stepSeconds(w.steps as StepNode[]) === w.durationSec;
  return {
    durationSec: fromSteps ? stepSeconds(steps) : by(w.durationSec, 60),
    distanceM: w.distanceM === null ? null : by(w.distanceM, 10),
    targetLoad: Math.round((w.targetLoad * (100 + percent)) / 10) / 10,
    steps,
  };
}

// A hard template's warm-up plus cool-down (workouts.calc.ts), so the replacement keeps about the same length.
const HARD_OVERHEAD_MIN: Partial<Record<Sport, number>> = { run: 25, bike: 25, swim: 13, brick: 20 };

/** The workout rewritten from the generator's template of `type` at about its length (title, steps, load). */
export function fromTemplate(plan: PlanRow, w: WorkoutRow, type: WorkoutType): Partial<WorkoutInsert> {
  const sport = w.sport as Sport;
  if (!typeFits(type, sport)) throw invalid('type', `A ${type} workout is not planned for ${sport}.`);
  if (type === w.type) throw invalid('type', `It already is a ${type} workout.`);
  const minutes = Math.max(10, Math.round(w.durationSec / 60));
  const hard = HARD_TYPES.includes(type);
  const spec: SessionSpec = {
    sport: sport as SessionSpec['sport'],
    type,
    role: sport === 'strength' ? 'strength' : hard ? 'hard' : type === 'long' ? 'long' : 'easy',
    minutes,
    work: Math.max(10, minutes - (HARD_OVERHEAD_MIN[sport] ?? 0)),
    racePace: type === 'race_pace',
  };
  const s = buildSession(spec, plan.goalKind as GoalKind, plan.eventName);
  return {
    type,
    title: s.title,
    description: s.description,
    steps: s.steps,
    durationSec: s.durationSec,
    distanceM: s.distanceM,
    targetLoad: s.targetLoad,
    intensity: s.intensity,
  };
}

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
        put(w, onDay(plan, w, s.date));
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
        put(w, scaled(w, s.percent));
        break;
      case 'replace':
        put(w, fromTemplate(plan, w, s.type));
        break;
    }
  }
  return patches;
}
