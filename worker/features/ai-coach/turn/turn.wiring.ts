// What one coach turn runs on, built by the CoachSession that runs it: the models, the data and proposal
// tools, the grounding functions, quota and the ledger — and nothing else of the app's services.
import type { Db } from '../../../db/client';
import type { Env } from '../../../env';
import type { Clock } from '../../../lib/clock';
import { workersJsonCache } from '../../../lib/json-cache';
import type { Logger } from '../../../lib/logger';
import type { Providers } from '../../../providers';
import { loadPolicyRef } from '../../activities';
import { createAnalyticsService } from '../../analytics';
import { createAuditService } from '../../audit';
import { createMembershipService } from '../../membership';
import { createQueueNotifier } from '../../notifications';
import { createPlansService, createWorkoutControl } from '../../plans';
import {
  createCardService,
  createCourseService,
  createFuellingService,
  createPredictionService,
  createRacesService,
  createTriathlonService,
} from '../../races';
import { createWellnessService } from '../../wellness';
import { DEFAULT_LIMITS, type CoachGrounding, type TurnDeps } from './turn.deps';
import { createConversationsRepo } from '../conversations/conversations.repo';
import {
  answerDeterministically,
  checkClaims,
  citedReceipts,
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
} from '../grounding';
import { createProposalsService } from '../proposals/proposals.service';
import { createProposalTools } from '../proposals/proposals.tools';

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
    receiptsFor: citedReceipts,
    systemPrompt,
    contextBlock: async (ctx) => contextBlock(ctx, await coachContextSummary(deps, ctx, memo)),
    toolResultText,
    toolSummary,
  };
}

/** What the session hands over; `memo`: the context summary's history part, kept by the session between turns. */
export interface TurnWiring {
  env: Env;
  db: Db;
  clock: Clock;
  logger: Logger;
  llm: Providers['llm'];
  memo?: SummaryMemo;
}

export function coachTurnDeps({ env, db, clock, logger, llm, memo }: TurnWiring): TurnDeps {
  const audit = createAuditService(db, null);
  const membership = createMembershipService({ db, clock, audit });
  // The data policy, read once for the turn: every tool and the context block read through it.
  const policy = loadPolicyRef(() => db);
  const analytics = createAnalyticsService({ db, clock, cache: workersJsonCache(env.APP_ORIGIN), policy });
  const notifications = createQueueNotifier({ queue: env.NOTIFY_QUEUE, urgentQueue: env.NOTIFY_URGENT_QUEUE }, logger);
  const plans = createPlansService({ db, clock, analytics, membership, notifications });
  const workoutControl = createWorkoutControl({ db, clock, membership, policy });
  const proposals = createProposalsService({ db, clock, analytics, membership, workoutControl, audit, notifications });
  const wellness = createWellnessService({ db, clock });
  const races = createRacesService({ db, clock, today: analytics.today });
  const predictions = createPredictionService({ db, clock, analytics, races });
  const pacing = createCourseService({ db, clock, races, predictions, analytics });
  const triathlon = createTriathlonService({ analytics, races });
  const fuelling = createFuellingService({ db, today: analytics.today, races, predictions, pacing, triathlon });
  const cards = createCardService({
    db,
    races,
    predictions,
    membership,
    today: analytics.today,
    pacing,
    fuelling,
  });
  const toolDeps: CoachToolDeps = { db, clock, analytics, plans, wellness, races: { list: races.list, forCoach: cards.forCoach } };
  return {
    llm,
    tools: [...createCoachTools(toolDeps), ...createProposalTools({ proposals })],
    grounding: coachGrounding(toolDeps, memo),
    repo: createConversationsRepo(db),
    membership,
    clock,
    logger,
    limits: { ...DEFAULT_LIMITS, turnMs: env.COACH_TURN_TIMEOUT_MS, callMs: env.COACH_CALL_TIMEOUT_MS },
  };
}
