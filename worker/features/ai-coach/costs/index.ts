// Operators: the coach's model cost per athlete and month against revenue (from the coach_llm_calls ledger).
export { createCoachCostsService } from './costs.service';
export type { CoachCostsService } from './costs.service';
