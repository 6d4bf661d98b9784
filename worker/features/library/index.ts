// Workout libraries and plan templates (ADR 058): what other features, the web and the wiring use.
export { createLibraryService, asNewWorkout } from './library.service';
export type { LibraryService, Owner } from './library.service';
export { createTemplatesService, itemDate } from './templates.service';
export type { ApplyOutcome, TemplatesService } from './templates.service';
export { presentLibraryWorkout, presentTemplate } from './library.present';
export {
  APPLY_MAX_CLIENTS,
  ApplyInput,
  ApplyResult,
  LibraryIdParam,
  LibraryQuery,
  LibraryWorkout,
  LibraryWorkoutInput,
  LibraryWorkoutPatch,
  PlanTemplate,
  SaveFromPlannedInput,
  ScheduleInput,
  TemplateInput,
} from './library.schema';
