// Model ids, prices and routing for the AI coach, in one place. Prices are USD per million tokens as
// published — check https://www.anthropic.com/pricing and https://mistral.ai/pricing before changing
// a model or at each price change; the cost ledger prices every call with the figures here.
import type { LlmProviderName, LlmUsage } from '../../providers/llm/llm';
import type { Risk } from './coach.types';

export interface ModelConfig {
  provider: LlmProviderName;
  id: string;
  /** USD per million tokens. */
  usdPerMTok: { input: number; output: number };
  /** Whether the provider bills prompt-cache writes/reads (Anthropic: 1.25× / 0.1× of input). */
  promptCache: boolean;
  maxTokens: number;
}

export const MODELS = {
  /** Sonnet-class: the default for coaching advice and anything risky. */
  default: {
    provider: 'anthropic',
    id: 'claude-sonnet-4-5',
    usdPerMTok: { input: 3, output: 15 },
    promptCache: true,
    maxTokens: 1500,
  },
  /** Opus-class: Elite (feature coach_top_model). */
  top: { provider: 'anthropic', id: 'claude-opus-4-5', usdPerMTok: { input: 5, output: 25 }, promptCache: true, maxTokens: 1500 },
  /** Haiku-class: low-risk summaries. */
  small: { provider: 'anthropic', id: 'claude-haiku-4-5', usdPerMTok: { input: 1, output: 5 }, promptCache: true, maxTokens: 1000 },
  /** Taken when Anthropic is rate-limited, overloaded, failing or slow before any text was shown. */
  fallback: {
    provider: 'mistral',
    id: 'mistral-large-latest',
    usdPerMTok: { input: 0.5, output: 1.5 },
    promptCache: false,
    maxTokens: 1500,
  },
} as const satisfies Record<string, ModelConfig>;

export type ModelRole = keyof typeof MODELS;

/** Anthropic's multipliers of the input price (5-minute cache writes; reads). */
export const CACHE_WRITE_MULTIPLIER = 1.25;
export const CACHE_READ_MULTIPLIER = 0.1;

/** Elite always gets the top model; otherwise the risk decides (low → the small model). */
export function chooseModel(risk: Risk, tier: { topModel: boolean }): ModelConfig {
  if (tier.topModel) return MODELS.top;
  return risk === 'low' ? MODELS.small : MODELS.default;
}

/** The configuration of a model id the ledger saw (null for an id no longer configured). */
export function modelById(id: string): ModelConfig | null {
  return Object.values(MODELS).find((m) => m.id === id) ?? null;
}

/** Integer nano-USD per token: USD per million tokens × 1000 (rounded once, so sums stay exact). */
const nanoPerToken = (usdPerMTok: number, multiplier = 1) => Math.round(usdPerMTok * multiplier * 1000);

/** The exact cost of one call in nano-USD (1e-9 USD) from its final usage. */
export function costNanoUsd(model: ModelConfig, usage: LlmUsage): number {
  const { input, output } = model.usdPerMTok;
  const cacheWrite = model.promptCache ? nanoPerToken(input, CACHE_WRITE_MULTIPLIER) : nanoPerToken(input);
  const cacheRead = model.promptCache ? nanoPerToken(input, CACHE_READ_MULTIPLIER) : nanoPerToken(input);
  return (
    usage.inputTokens * nanoPerToken(input) +
    usage.outputTokens * nanoPerToken(output) +
    usage.cacheWriteTokens * cacheWrite +
    usage.cacheReadTokens * cacheRead
  );
}

export const ZERO_USAGE: LlmUsage = { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 };
