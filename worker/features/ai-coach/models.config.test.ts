import { describe, expect, it } from 'vitest';
import { chooseModel, costNanoUsd, MODELS } from './models.config';

describe('coach model routing and prices', () => {
  it('routes Elite to the top model, high and medium risk to the default, low risk to the small one', () => {
    expect(chooseModel('low', { topModel: true }).id).toBe(MODELS.top.id);
    expect(chooseModel('high', { topModel: false }).id).toBe('claude-sonnet-4-5');
    expect(chooseModel('medium', { topModel: false }).id).toBe('claude-sonnet-4-5');
    expect(chooseModel('low', { topModel: false }).id).toBe(MODELS.small.id);
  });

  it('prices a call exactly in nano-USD: input, output, cache writes at 1.25× and reads at 0.1× of input', () => {
    const u = { inputTokens: 1, outputTokens: 1, cacheWriteTokens: 1, cacheReadTokens: 1 };
    // Sonnet $3 / $15 per million: 3000 + 15000 + 3750 + 300 nano-USD per token.
    expect(costNanoUsd(MODELS.default, u)).toBe(22_050);
    // Haiku $1 / $5: 1000 + 5000 + 1250 + 100.
    expect(costNanoUsd(MODELS.small, u)).toBe(7_350);
    expect(costNanoUsd(MODELS.default, { inputTokens: 1_000_000, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 })).toBe(
      3_000_000_000,
    );
    // Mistral bills no cache: cache fields (never reported) would be input-priced.
    expect(costNanoUsd(MODELS.fallback, { inputTokens: 3, outputTokens: 7, cacheWriteTokens: 0, cacheReadTokens: 0 })).toBe(
      3 * 500 + 7 * 1500,
    );
    expect(costNanoUsd(MODELS.top, { inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0 })).toBe(0);
  });
});
