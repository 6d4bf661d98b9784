// Training plans: the vocabulary, the plan service and its routes at the root; generation, matching,
// workout control, onboarding answers, "Rebuild plan?" and the exports in sub-folders (README.md).
export * from './plans.types';
export { projectFitness } from './generator';
export { bandOf } from './matching';
export type { ComplianceBand } from './matching';
export { createPlanExportsService, PDF_MARGIN, PDF_PAGE, PageBuilder, pdfDocument, winAnsiBytes, wrapBytes } from './exports';
export { createPlansRepo } from './plans.repo';
export { createPlansService } from './plans.service';
export { createCompletedBy } from './completed-by';
export type { CompletedBy, DoneWorkout, VerdictsOf, WorkoutVerdict } from './completed-by';
export { CREATE_PLAN } from './plan-wording';
export { createPlanGlance } from './plan-glance';
export type { PlanGlance } from './plan-glance';
export type { PlansService } from './plans.service';
export {
  ACTION_LIMITS,
  createWorkoutControl,
  createWorkoutDone,
  treeOf,
  boundedTotals,
  STEP_ADJUST,
  STEP_BUCKET,
  AddInput,
  EditInput,
  ThresholdsQuery,
  WorkoutFieldsInput,
  WorkoutThresholds,
} from './control';
export type { AddWorkout, ChangeBy, NewWorkout, WorkoutControl, WorkoutDone, WorkoutStep } from './control';
export { presentChange, presentDay, presentPlan } from './plans.present';
export { changeDetails } from './change-diff';
export { CalendarQuery, Change, JudgedWorkout, MoveInput, Plan, PlannedWorkout, ReasonInput } from './plans.schema';
export { createTrainingCalendar, presentCalendar, presentWorkoutDetails, CalendarRangeQuery, TrainingCalendarView } from './calendar';
export type { CalendarJson, TrainingCalendar } from './calendar';
export { createIntakeService, IntakeInput } from './intake';
export type { IntakeService, IntakeAnswers } from './intake';
export { createRebuildService } from './rebuild';
export { createAdaptService, AdaptStepInput, Adaptation, AdaptationList } from './adapt';
export type { AdaptService, AdaptStep } from './adapt';
