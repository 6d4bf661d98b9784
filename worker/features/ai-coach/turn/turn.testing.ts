// The turn engine's test world: the real repo and membership on the test database, a scripted model on
// each provider, one small tool with receipts, and a simple grounding whose claim checker matches numbers.
import { z } from 'zod';
import { createLogger } from '../../../lib/logger';
import { systemClock } from '../../../lib/clock';
import { FakeLlm, type FakeStep } from '../../../providers/llm/llm.fake';
import type { Harness } from '../../../testing/harness';
import { createAuditService } from '../../audit';
import { createMembershipService } from '../../membership';
import { createTurnEngine } from './turn-engine';
import { DEFAULT_LIMITS, type CoachGrounding, type TurnDeps, type TurnLimits } from './turn.deps';
import { createConversationsRepo } from '../conversations/conversations.repo';
import type { CoachStreamEvent, CoachTool, ToolResult } from '../coach.types';

/** A tool that reports the athlete's longest run (12.4 km) with its receipt. */
export const longestRunTool: CoachTool<{ sport?: string }> = {
  name: 'query_activities',
  description: 'Activities in a window.',
  input: z.object({ sport: z.string().optional() }),
  run: async (ctx) => ({
    tool: 'query_activities',
    window: { from: '2026-11-01', to: ctx.today },
    units: ctx.athlete.units,
    timeZone: ctx.athlete.timeZone,
    facts: [{ label: 'longest run', value: 12.4, unit: 'km' }],
    receipts: [{ activityId: 'a-1', date: '2026-11-10', name: 'Sunday long run', sport: 'run', values: { distance: '12.4 km' } }],
    empty: null,
    withheld: [{ source: 'strava', count: 3 }],
  }),
};

/** A proposal tool stand-in: returns data.proposalId like propose_plan_change does. */
export const proposeTool: CoachTool<Record<string, never>> = {
  name: 'propose_plan_change',
  description: 'Proposes a change.',
  input: z.object({}),
  run: async (ctx) => ({
    tool: 'propose_plan_change',
    window: null,
    units: ctx.athlete.units,
    timeZone: ctx.athlete.timeZone,
    facts: [],
    receipts: [],
    empty: null,
    withheld: [],
    data: { proposalId: '00000000-0000-4000-8000-000000000001' },
  }),
};

const NUMBER = /\d+(?:\.\d+)?/g;

/** Every number in the answer must be a fact value of a result; sentences with others are dropped. */
export const testGrounding = (over: Partial<CoachGrounding> = {}): CoachGrounding => ({
  guardrail: ({ text }) => (/chest pain/i.test(text) ? { answer: 'Please see a doctor.' } : { answer: null }),
  answerDeterministically: async (_ctx, text) => (/^how many runs/i.test(text) ? { text: 'You ran 3 times.', results: [] } : null),
  classifyRisk: (text) => (/summar/i.test(text) ? 'low' : 'medium'),
  checkClaims: (answer, results: ToolResult[]) => {
    const known = new Set(results.flatMap((r) => r.facts.map((f) => String(f.value))));
    const found = answer.match(NUMBER) ?? [];
    const unmatched = found.filter((n) => !known.has(n)).map((n) => ({ text: n, value: Number(n), unit: null }));
    const cleaned = answer
      .split(/(?<=\.)\s+/)
      .filter((s) => (s.match(NUMBER) ?? []).every((n) => known.has(n)))
      .join(' ');
    return { check: { checked: found.length, matched: found.length - unmatched.length, unmatched, outcome: 'ok' }, cleaned };
  },
  correctionNote: (check) => `These numbers have no receipt: ${check.unmatched.map((u) => u.text).join(', ')}.`,
  systemPrompt: () => 'SYSTEM',
  contextBlock: () => 'CONTEXT',
  toolResultText: (r) => JSON.stringify({ tool: r.tool, facts: r.facts }),
  toolSummary: (r) => r.empty ?? `${r.facts.length} figures`,
  ...over,
});

export interface TurnWorld {
  deps: TurnDeps;
  anthropic: FakeLlm;
  mistral: FakeLlm;
  engine: ReturnType<typeof createTurnEngine>;
  userId: string;
  conversationId: string;
  repo: ReturnType<typeof createConversationsRepo>;
  membership: ReturnType<typeof createMembershipService>;
  /** Asks (prepare + run) and collects the events. */
  ask(text: string, opts?: { signal?: AbortSignal; conversationId?: string }): Promise<{ events: CoachStreamEvent[]; messageId: string }>;
}

export async function turnWorld(
  h: Harness,
  opts: {
    anthropic?: FakeStep[];
    mistral?: FakeStep[];
    grounding?: Partial<CoachGrounding>;
    limits?: Partial<TurnLimits>;
    tools?: CoachTool[];
  } = {},
): Promise<TurnWorld> {
  const { user } = await h.signup();
  const repo = createConversationsRepo(h.db);
  const membership = createMembershipService({ db: h.db, clock: systemClock, audit: createAuditService(h.db, null) });
  const anthropic = new FakeLlm('anthropic', opts.anthropic ?? []);
  const mistral = new FakeLlm('mistral', opts.mistral ?? []);
  const deps: TurnDeps = {
    llm: { anthropic, mistral },
    tools: (opts.tools ?? [longestRunTool, proposeTool]) as CoachTool[],
    grounding: testGrounding(opts.grounding),
    repo,
    membership,
    clock: systemClock,
    logger: createLogger('error'),
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
  };
  const engine = createTurnEngine(deps);
  const conversationId = (await repo.createConversation(user.id, 'New conversation')).id;
  return {
    deps,
    anthropic,
    mistral,
    engine,
    userId: user.id,
    conversationId,
    repo,
    membership,
    async ask(text, o = {}) {
      const prepared = await engine.prepare({
        userId: user.id,
        conversationId: o.conversationId ?? conversationId,
        text,
        clientMessageId: crypto.randomUUID(),
      });
      if (prepared.kind !== 'new') throw new Error('expected a new turn');
      const events: CoachStreamEvent[] = [];
      const row = await engine.run(prepared.turn, (ev) => events.push(ev), o.signal ?? new AbortController().signal);
      return { events, messageId: row.id };
    },
  };
}

export const types = (events: CoachStreamEvent[]) => events.map((e) => e.type);
export const streamed = (events: CoachStreamEvent[]) =>
  events
    .filter((e): e is Extract<CoachStreamEvent, { type: 'delta' }> => e.type === 'delta')
    .map((e) => e.text)
    .join('');
