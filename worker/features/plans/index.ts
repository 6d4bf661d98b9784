// Training plans (issue 14, in progress): the vocabulary, the deterministic generator, completed-vs-
// planned matching and compliance, and the export serializers. The plan service, its routes and pages
// build on these.
export * from './plans.types';
export { generatePlan, projectFitness } from './generator/generate-plan';
export { matchActivities } from './matching/match.calc';
export type { ActivityForMatch, ManualLink, Match, PlannedForMatch } from './matching/match.calc';
export { compliance, weeklySummary } from './matching/compliance.calc';
export { icsFeed } from './exports/ics';
export { stepsText } from './exports/workout-text';
export { fitWorkout } from './exports/fit-workout';
export { zwiftWorkout } from './exports/zwo';
export { planPdf } from './exports/plan-pdf';
export { ExportUnsupportedError } from './exports/export.types';
export type { ExportPlan, ExportWorkout } from './exports/export.types';
export { createPlansRepo } from './plans.repo';
export { createPlansService } from './plans.service';
export type { PlanRequest, PlansService } from './plans.service';
export { ACTION_LIMITS, createWorkoutControl } from './workout-control.service';
export type { ChangeBy, WorkoutControl } from './workout-control.service';
export { STEP_ADJUST, STEP_BUCKET } from './workout-steps';
export type { WorkoutStep } from './workout-steps';
export { plansRoutes, presentChange, presentDay, presentPlan } from './plans.routes';
export { CalendarQuery, Change, MoveInput, Plan, PlannedWorkout, ReasonInput } from './plans.schema';
export { EditInput } from './workout-control.schema';
export { plansControlRoutes } from './plans-control.routes';
export { workoutTypes } from './workout-catalog';
export { createPlanExportsService } from './plans-exports.service';
export type { PlanExportsService } from './plans-exports.service';
export { calendarFeedRoutes, planExportsRoutes } from './plans-exports.routes';
export { createIntakeService } from './intake.service';
export type { IntakeService } from './intake.service';
export { createRebuildService } from './rebuild.service';
export type { RebuildAdvice, RebuildService } from './rebuild.service';
export { intakeRoutes } from './intake.routes';
export { THIN_HISTORY as THIN_HISTORY_RULE } from './intake.calc';
export type { IntakeAnswers } from './intake.calc';
export { IntakeInput } from './intake.schema';
