// What the browser bundle may import from this feature: plain modules only (no drizzle, services or
// bindings). The training page reads which changes the athlete's plan locks from the table the API gates on.
export { actionFeature, lockedActions, WORKOUT_ACTION_NAMES, WORKOUT_ACTIONS } from './control/workout-access';
export type { WorkoutAction } from './control/workout-access';
export { CREATE_PLAN } from './plan-wording';
