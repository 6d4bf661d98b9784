// What the turn engine is given: the models, the tools, the grounding functions (prompt, context,
// guardrail, deterministic answers, risk, claim checker) and limits. Injected, so tests script them
// and the session wires the real ones in one place (turn.wiring.ts).
import type { LlmClient } from '../../../providers/llm/llm';
import type { Clock } from '../../../lib/clock';
import type { Logger } from '../../../lib/logger';
import type { MembershipService } from '../../membership';
import type { ConversationsRepo } from '../conversations/conversations.repo';
import type { ClaimCheck, CoachReceipt, CoachTool, Risk, ToolContext, ToolResult } from '../coach.types';

/** What the "coming back" and medical guardrail decided before anything else ran. */
export interface GuardrailOutcome {
  /** Set when the guardrail answers itself (medical stop, asking for the return date): no model, no quota. */
  answer: string | null;
  /** A return date the athlete just gave (YYYY-MM-DD): stored on the conversation, then the turn goes on. */
  returnDate?: string | null;
  /** The question to answer now (the earlier one, when this message only gave the return date). */
  question?: string;
}

/** A lookup answered exactly from the data (fastest/longest/totals/"when did I last"): no model, no quota. */
export interface DeterministicAnswer {
  text: string;
  results: ToolResult[];
  /** The tool runs behind it, persisted as tool calls. */
  calls?: { name: string; input: unknown; result: ToolResult }[];
}

export interface ClaimOutcome {
  check: ClaimCheck;
  /** The answer without the sentences whose numbers matched no tool result. */
  cleaned: string;
}

export interface CoachGrounding {
  guardrail(input: { text: string; returnDate: string | null; today: string; history: string[] }): GuardrailOutcome;
  answerDeterministically(ctx: ToolContext, text: string): Promise<DeterministicAnswer | null>;
  classifyRisk(text: string, ctx: { returnDate: string | null; recentUserMessages: string[] }): Risk;
  checkClaims(answer: string, results: ToolResult[], question: string): ClaimOutcome;
  /** The instruction that goes with one regeneration: which numbers had no receipt. */
  correctionNote(check: ClaimCheck): string;
  /** The receipts a model's final answer stands on; absent: every receipt its tools returned. */
  receiptsFor?(answer: string, results: ToolResult[]): CoachReceipt[];
  systemPrompt(): string;
  contextBlock(ctx: ToolContext): Promise<string> | string;
  /** A tool result as the model reads it (facts, window, units, empty, withheld). */
  toolResultText(result: ToolResult): string;
  /** One line for the chat's "tool done" status. */
  toolSummary(result: ToolResult): string;
}

export interface TurnLimits {
  /** The whole turn (default 120 s): past it the answer ends partial (or failed) with a retry. */
  turnMs: number;
  /** One model call; a timeout before any text falls back to the other provider. */
  callMs: number;
  /** Model calls per turn (tool rounds + the final answer). */
  maxCalls: number;
  /** Earlier messages of the conversation sent as plain text. */
  historyMessages: number;
}

export const DEFAULT_LIMITS: TurnLimits = { turnMs: 120_000, callMs: 60_000, maxCalls: 6, historyMessages: 12 };

export interface TurnDeps {
  llm: { anthropic: LlmClient; mistral: LlmClient };
  tools: CoachTool[];
  grounding: CoachGrounding;
  repo: ConversationsRepo;
  membership: Pick<MembershipService, 'useQuota' | 'requireQuota' | 'refundQuota'>;
  clock: Clock;
  logger: Logger;
  limits: TurnLimits;
}
