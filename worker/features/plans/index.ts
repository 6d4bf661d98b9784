// Training plans: the vocabulary, the plan service and its routes at the root; generation, matching,
// workout control, onboarding answers, "Rebuild plan?" and the exports in sub-folders (README.md).
export * from './plans.types';
export { generatePlan, projectFitness } from './generator';
export { bandOf, matchActivities, compliance, weeklySummary } from './matching';
export type { ActivityForMatch, ComplianceBand, ManualLink, Match, PlannedForMatch } from './matching';
export {
  icsFeed,
  stepsText,
  fitWorkout,
  zwiftWorkout,
  planPdf,
  ExportUnsupportedError,
  createPlanExportsService,
  calendarFeedRoutes,
  planExportsRoutes,
} from './exports';
export type { ExportPlan, ExportWorkout, PlanExportsService } from './exports';
export { createPlansRepo } from './plans.repo';
export { createPlansService } from './plans.service';
export { createCompletedBy } from './completed-by';
export type { CompletedBy, CompletedWorkout } from './completed-by';
export { CREATE_PLAN } from './plan-wording';
export { createPlanGlance, GLANCE_DAYS } from './plan-glance';
export type { PlanGlance, WeekGlance } from './plan-glance';
export type { PlanRequest, PlansService } from './plans.service';
export { ACTION_LIMITS, createWorkoutControl, STEP_ADJUST, STEP_BUCKET, EditInput, plansControlRoutes, workoutTypes } from './control';
export type { ChangeBy, WorkoutControl, WorkoutStep } from './control';
export { plansRoutes } from './plans.routes';
export { presentChange, presentDay, presentPlan } from './plans.present';
export { changeDetails } from './change-diff';
export { CalendarQuery, Change, MoveInput, Plan, PlannedWorkout, ReasonInput } from './plans.schema';
export {
  createTrainingCalendar,
  presentCalendar,
  presentWorkoutDetails,
  trainingCalendarRoutes,
  CalendarRangeQuery,
  TrainingCalendarView,
  CALENDAR_MAX_DAYS,
} from './calendar';
export type { CalendarJson, CalendarRead, TrainingCalendar } from './calendar';
export { createIntakeService, intakeRoutes, THIN_HISTORY as THIN_HISTORY_RULE, IntakeInput } from './intake';
export type { IntakeService, IntakeAnswers } from './intake';
export { createRebuildService } from './rebuild';
export type { RebuildAdvice, RebuildService } from './rebuild';
