// The coach's grounding: data tools over AI-allowed sources, deterministic lookups, guardrails, the risk
// classifier, the numeric-claim checker and the prompt. A turn runs them in this order: guardrail (answer
// its text, or store its return date) → answerDeterministically (no model) → classifyRisk (model tier) →
// the model with createCoachTools + systemPrompt + contextBlock → checkClaims on the final text → citedReceipts
// (the receipts the checked answer stands on).
export { createCoachTools, DATA_TOOL_NAMES, runCoachTool, toolErrorText, toolResultText, toolSpec, toolSummary } from './tools';
export type { CoachToolDeps } from './tool-kit';
export { allowedSources, withheldActivities } from './tool-kit';
export { answerDeterministically } from './deterministic';
export { parseLookup } from './lookup.parse';
export type { Lookup } from './lookup.parse';
export { guardrail, isComingBack, medicalFlag } from './guardrail';
export type { GuardrailInput, GuardrailOutcome } from './guardrail';
export { classifyRisk } from './risk';
export { checkClaims, correctionNote } from './claims';
export { citedReceipts } from './receipts';
export { extractQuantities } from './claims.extract';
export { coachContextSummary, contextBlock, systemPrompt, THIN_HISTORY_ACTIVITIES } from './prompt';
export type { ContextSummary, SummaryMemo } from './prompt';
export { windowIn } from './windows';
export type { Window } from './windows';
