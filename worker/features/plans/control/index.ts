// Workout control (ADR 017): every change to a plan's workouts, under the plan's row lock, logged,
// undoable and rate-limited; the routes beside the plan's own under /api/v1/plans.
export { ACTION_LIMITS, createWorkoutControl } from './workout-control.service';
export type { ChangeBy, WorkoutControl } from './workout-control.service';
export { STEP_ADJUST, STEP_BUCKET } from './workout-steps';
export type { WorkoutStep } from './workout-steps';
export { AddInput, EditInput, ThresholdsQuery, WorkoutFieldsInput, WorkoutThresholds } from './workout-control.schema';
export type { AddWorkout, NewWorkout } from './workout-edits';
export { workoutTypes } from './workout-catalog';
export { boundedTotals, treeOf } from './workout-tree';
export { createWorkoutDone } from './workout-done';
export type { WorkoutDone } from './workout-done';
