// The onboarding answers (/api/v1/intake) and what a new plan starts from: history, or the answers
// while history is thin (plan-fitness.ts, also read by the rebuild check).
export { createIntakeService } from './intake.service';
export type { IntakeService } from './intake.service';
export { isThin, THIN_HISTORY } from './intake.calc';
export type { IntakeAnswers } from './intake.calc';
export { createIntakeRepo } from './intake.repo';
export type { RebuildDismissal } from './intake.repo';
export { IntakeInput } from './intake.schema';
export { createPlanFitness } from './plan-fitness';
export type { FitnessDeps } from './plan-fitness';
