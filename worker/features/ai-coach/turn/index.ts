// One question → one answer: the route (guardrail, lookup, model), the quota unit, the model calls with
// their fallback and cost ledger, and what a turn runs on.
export { createTurnEngine } from './turn-engine';
export { calmError } from './turn-errors';
export type { AskRequest, DecidedTurn, Prepared, PreparedTurn, TurnEngine } from './turn-engine';
export { coachTurnDeps } from './turn.wiring';
export type { TurnWiring } from './turn.wiring';
export { DEFAULT_LIMITS } from './turn.deps';
export type { CoachGrounding, TurnDeps, TurnLimits } from './turn.deps';
