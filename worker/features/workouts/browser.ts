// What the browser bundle may import from this feature (the step editor): the same plain modules as
// index.ts — zod and pure functions, no services or bindings.
export { STEP_KINDS, STROKES, type Workout, type WorkoutNode, type WorkoutStep, type WorkoutTarget } from './workout.types';
export { WorkoutSchema } from './workout.schema';
export { parseWorkoutText, type TextError } from './workout-text.parse';
export { serializeWorkoutText } from './workout-text.serialize';
export { workoutTotals, type Thresholds, type WorkoutTotals } from './workout-totals.calc';
export { isStructured } from './legacy-steps';
