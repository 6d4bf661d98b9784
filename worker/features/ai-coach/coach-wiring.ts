// The turn engine's real dependencies, built from the services of the CoachSession that runs the turn.
// The one place where the models, the data tools and the grounding functions are plugged in.
import type { Env } from '../../env';
import { LlmError, type LlmClient, type LlmProviderName } from '../../providers/llm/llm';
import type { Services } from '../../services';
import { toolSpec } from './coach-model-turn';
import { DEFAULT_LIMITS, type CoachGrounding, type TurnDeps } from './coach-turn.deps';
import { createCoachRepo } from './coach.repo';

/** Until a provider is configured every call fails as 'server' (the turn ends calmly, the unit is refunded). */
const unavailable = (provider: LlmProviderName): LlmClient => ({
  provider,
  // biome-ignore lint/correctness/useYield: fails before the first event by design
  async *stream() {
    throw new LlmError(provider, 'server', 'no model configured');
  },
});

/** Placeholder grounding (no guardrail, no lookups, no claims) until the real one is wired. */
export const passThroughGrounding: CoachGrounding = {
  guardrail: () => ({ answer: null }),
  answerDeterministically: async () => null,
  classifyRisk: () => 'medium',
  checkClaims: (answer) => ({ check: { checked: 0, matched: 0, unmatched: [], outcome: 'ok' }, cleaned: answer }),
  correctionNote: () => '',
  systemPrompt: () => 'You are a running coach. Only state numbers that come from tool results.',
  contextBlock: () => '',
  toolResultText: (r) => JSON.stringify(r),
};

export function coachTurnDeps(services: Services, env: Env): TurnDeps {
  return {
    llm: { anthropic: unavailable('anthropic'), mistral: unavailable('mistral') },
    tools: [],
    grounding: passThroughGrounding,
    repo: createCoachRepo(services.db),
    membership: services.membership,
    clock: services.clock,
    logger: services.logger,
    limits: { ...DEFAULT_LIMITS, turnMs: env.COACH_TURN_TIMEOUT_MS },
  };
}

export { toolSpec };
