// The deterministic plan generator (ADR 016): a plan request and current fitness in, weeks of workouts
// with their reasons out. Workout control builds a single session from the same templates.
export { generatePlan, projectFitness } from './generate-plan';
export { buildSession, type SessionSpec } from './workouts.calc';
