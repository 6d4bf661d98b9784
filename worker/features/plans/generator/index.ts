// The deterministic plan generator (ADR 016): a plan request and current fitness in, weeks of workouts
// with their reasons out. Workout control builds a single session from the same templates, and keeps an
// edited one's words and load by the same rules.
export { generatePlan, projectFitness } from './generate-plan';
export { buildSession, describeSession, sessionTitle, type SessionSpec } from './workouts.calc';
export { formatMinutes, stepsLoad } from './steps.calc';
export { MIN_WORK } from './plan-rules';
