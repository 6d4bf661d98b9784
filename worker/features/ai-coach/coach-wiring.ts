// The turn engine's real dependencies, built from the services of the CoachSession that runs the turn.
// The one place where the models, the data and proposal tools and the grounding functions are plugged in.
import type { Env } from '../../env';
import type { Services } from '../../context';
import { DEFAULT_LIMITS, type CoachGrounding, type TurnDeps } from './coach-turn.deps';
import { createCoachRepo } from './coach.repo';
import {
  answerDeterministically,
  checkClaims,
  classifyRisk,
  coachContextSummary,
  contextBlock,
  correctionNote,
  createCoachTools,
  guardrail,
  systemPrompt,
  toolResultText,
  toolSummary,
  type CoachToolDeps,
  type SummaryMemo,
} from './grounding';
import { createProposalTools } from './proposals/proposals.tools';

/** The grounding module's functions behind the engine's interface. */
export function coachGrounding(deps: CoachToolDeps, memo?: SummaryMemo): CoachGrounding {
  return {
    guardrail: ({ text, returnDate, today, history }) => {
      const g = guardrail(text, { returnDate, today, recentUserMessages: history });
      if (!g) return { answer: null };
      if (g.kind === 'return_date') return { answer: null, returnDate: g.date, question: g.question };
      return { answer: g.text };
    },
    answerDeterministically: (ctx, text) => answerDeterministically(deps, ctx, text),
    classifyRisk: (text, ctx) => classifyRisk(text, ctx),
    checkClaims: (answer, results, question) => checkClaims(answer, results, question),
    correctionNote,
    systemPrompt,
    contextBlock: async (ctx) => contextBlock(ctx, await coachContextSummary(deps, ctx, memo)),
    toolResultText,
    toolSummary,
  };
}

/** `memo`: the athlete's CoachSession keeps the context summary's history part between turns. */
export function coachTurnDeps(services: Services, env: Env, memo?: SummaryMemo): TurnDeps {
  const toolDeps: CoachToolDeps = { db: services.db, clock: services.clock, analytics: services.analytics, plans: services.plans };
  return {
    llm: services.providers.llm,
    tools: [...createCoachTools(toolDeps), ...createProposalTools({ proposals: services.coachProposals })],
    grounding: coachGrounding(toolDeps, memo),
    repo: createCoachRepo(services.db),
    membership: services.membership,
    clock: services.clock,
    logger: services.logger,
    limits: { ...DEFAULT_LIMITS, turnMs: env.COACH_TURN_TIMEOUT_MS, callMs: env.COACH_CALL_TIMEOUT_MS },
  };
}
