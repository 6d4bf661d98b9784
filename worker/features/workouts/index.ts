// Structured workouts (ADR 055): the step tree every workout is written in, its schema (which reads the
// plans' stored steps unchanged), its totals from the athlete's thresholds, and its compact text form.
// All of it is pure and browser-safe (browser.ts hands the same to the page's editor).
export {
  isLap,
  isRepeat,
  LEG_SPORTS,
  STEP_KINDS,
  STROKES,
  WORKOUT_SPORTS,
  type AbsoluteTarget,
  type CadenceRange,
  type Exercise,
  type LegacyStepNode,
  type LegSport,
  type RelativeTarget,
  type RpeTarget,
  type StepKind as WorkoutStepKind,
  type Stroke,
  type Workout,
  type WorkoutNode,
  type WorkoutRepeat,
  type WorkoutSport,
  type WorkoutStep,
  type WorkoutTarget,
  type ZoneTarget,
} from './workout.types';
export { WORKOUT_LIMITS, WorkoutNodeSchema, WorkoutSchema, WorkoutStepsSchema, WorkoutTargetSchema } from './workout.schema';
export { parseWorkoutText, type ParsedWorkoutText, type TextError } from './workout-text.parse';
export { serializeWorkoutText } from './workout-text.serialize';
export { LAP_STEP_SEC, ZONE_BANDS, workoutTotals, type Thresholds, type WorkoutTotals } from './workout-totals.calc';
export { isStructured, toLegacySteps } from './legacy-steps';
export { oversized, TOO_HARD, TOO_LONG, workoutSize, type WorkoutSize } from './workout-size';
