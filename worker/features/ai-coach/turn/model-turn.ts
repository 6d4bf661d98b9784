// The model path of a turn: up to `maxCalls` model calls with the tools run between them, text streamed
// as it comes, then the numeric-claim check (one regeneration with the correction, else removal).
import { AppError } from '../../../lib/errors';
import { LlmError, type LlmContent, type LlmMessage, type LlmTool } from '../../../providers/llm/llm';
import { callModel, type CallRequest, type CallState, historyMessages } from './model-calls';
import type { TurnDeps } from './turn.deps';
import { toolSpec } from '../grounding';
import type { ClaimCheck, CoachStreamEvent, ToolContext, ToolResult } from '../coach.types';
import type { ModelConfig } from '../models.config';

export interface ModelTurnInput {
  userId: string;
  messageId: string;
  ctx: ToolContext;
  question: string;
  history: { role: 'user' | 'assistant'; content: string }[];
  model: ModelConfig;
  /** Aborted by stop, by the last client leaving, or by the turn's deadline (reason 'timeout'). */
  signal: AbortSignal;
  deadline: number;
  emit: (ev: CoachStreamEvent) => void;
}

export interface ModelTurnOutcome {
  status: 'complete' | 'partial' | 'stopped' | 'failed';
  text: string;
  results: ToolResult[];
  answeredBy: ModelConfig | null;
  errorCode: string | null;
  check: ClaimCheck | null;
}

const RUNNING: Record<string, string> = {
  query_activities: 'Looking at your activities',
  get_fitness: 'Checking fitness and fatigue',
  get_weekly_volume: 'Adding up your weeks',
  get_personal_bests: 'Finding your bests',
  get_efficiency: 'Checking efficiency',
  get_insights: 'Reading your insights',
  get_plan: 'Reading your plan',
  race_plan: 'Reading your race plan',
  forecast_plan_change: 'Forecasting the change',
  propose_plan_change: 'Preparing a proposal',
};

export async function runModelTurn(deps: TurnDeps, input: ModelTurnInput): Promise<ModelTurnOutcome> {
  const g = deps.grounding;
  const specs: LlmTool[] = deps.tools.map(toolSpec);
  const base = { system: g.systemPrompt(), context: await g.contextBlock(input.ctx), tools: specs };
  const messages: LlmMessage[] = historyMessages(input.history, input.question);
  const results: ToolResult[] = [];
  let text = '';
  let separate = false;
  const st: CallState = {
    userId: input.userId,
    messageId: input.messageId,
    shown: false,
    model: input.model,
    fellBack: false,
    answeredBy: null,
    deadline: input.deadline,
    signal: input.signal,
    onText: (t) => {
      // Text of a later call (after tools) starts a new paragraph.
      const piece = separate ? `\n\n${t}` : t;
      separate = false;
      text += piece;
      input.emit({ type: 'delta', text: piece });
    },
  };
  const end = (status: ModelTurnOutcome['status'], errorCode: string | null, check: ClaimCheck | null = null): ModelTurnOutcome => ({
    status,
    text,
    results,
    answeredBy: st.answeredBy,
    errorCode,
    check,
  });

  try {
    for (let call = 1; ; call++) {
      const r = await callModel(deps, st, { ...base, messages }, { stream: true });
      separate = text !== '';
      if (r.toolUses.length === 0) break;
      if (call >= deps.limits.maxCalls) {
        if (text === '') return end('failed', 'COACH_UNAVAILABLE');
        break;
      }
      const assistant: LlmContent[] = r.text ? [{ type: 'text', text: r.text }] : [];
      messages.push({ role: 'assistant', content: [...assistant, ...r.toolUses.map((t) => ({ type: 'tool_use' as const, ...t }))] });
      const answers: LlmContent[] = [];
      for (const use of r.toolUses) {
        if (input.signal.aborted) throw new LlmError(st.model.provider, 'aborted', 'turn aborted');
        answers.push(await runTool(deps, input, use, results));
      }
      // The last call must answer with what it has.
      if (call + 1 >= deps.limits.maxCalls) answers.push({ type: 'text', text: 'Answer now from these results; no more tools.' });
      messages.push({ role: 'user', content: answers });
    }
  } catch (err) {
    const pastDeadline = deps.clock.now().getTime() >= input.deadline;
    if (input.signal.reason === 'timeout' || (pastDeadline && !input.signal.aborted))
      return end(text ? 'partial' : 'failed', 'COACH_TIMEOUT');
    if (input.signal.aborted) return end('stopped', null);
    if (!(err instanceof LlmError)) throw err;
    return end(text ? 'partial' : 'failed', text ? 'COACH_INTERRUPTED' : 'COACH_UNAVAILABLE');
  }
  if (text.trim() === '') return end('failed', 'COACH_UNAVAILABLE');
  const check = await checkAndCorrect(deps, input, st, { ...base, messages }, text, results, (t) => {
    text = t;
  });
  return end('complete', null, check);
}

async function runTool(
  deps: TurnDeps,
  input: ModelTurnInput,
  use: { id: string; name: string; input: unknown },
  results: ToolResult[],
): Promise<LlmContent> {
  input.emit({ type: 'tool', name: use.name, status: 'running', summary: RUNNING[use.name] ?? 'Looking it up' });
  const started = Date.now();
  const tool = deps.tools.find((t) => t.name === use.name);
  const parsed = tool?.input.safeParse(use.input ?? {});
  let result: ToolResult | { error: string };
  if (!tool) result = { error: `Unknown tool ${use.name}.` };
  else if (!parsed?.success) {
    result = { error: parsed?.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ') ?? 'invalid input' };
  } else {
    try {
      result = await tool.run(input.ctx, parsed.data);
    } catch (err) {
      // A refusal (a 4xx AppError: bounds, "needs Pro", flag off) is our own wording for the athlete: the
      // model relays it. Anything else is a fault, logged, and the model only learns that the tool failed.
      const refusal = err instanceof AppError && err.status < 500;
      deps.logger[refusal ? 'info' : 'error'](refusal ? 'coach tool refused' : 'coach tool failed', {
        userId: input.userId,
        messageId: input.messageId,
        job: use.name,
        errorName: (err as Error).name,
        ...(refusal ? { code: err.code } : {}),
      });
      result = { error: refusal ? err.message : 'The tool failed; answer without it and say so.' };
    }
  }
  const failed = 'error' in result ? result.error : null;
  await deps.repo.insertToolCall({
    messageId: input.messageId,
    userId: input.userId,
    callId: use.id,
    name: use.name,
    input: (use.input ?? {}) as object,
    result,
    isError: failed === null ? 0 : 1,
    durationMs: Date.now() - started,
  });
  if (failed !== null) {
    input.emit({ type: 'tool', name: use.name, status: 'done', summary: 'Could not look that up' });
    return { type: 'tool_result', toolUseId: use.id, content: JSON.stringify({ tool: use.name, error: failed }), isError: true };
  }
  const ok = result as ToolResult;
  results.push(ok);
  input.emit({
    type: 'tool',
    name: use.name,
    status: 'done',
    summary: ok.empty ?? `${ok.facts.length} figures, ${ok.receipts.length} activities`,
  });
  return { type: 'tool_result', toolUseId: use.id, content: deps.grounding.toolResultText(ok) };
}

/** Every number must match a tool result of this turn: regenerate once with the correction, else drop what does not. */
async function checkAndCorrect(
  deps: TurnDeps,
  input: ModelTurnInput,
  st: CallState,
  req: CallRequest,
  text: string,
  results: ToolResult[],
  replaceText: (t: string) => void,
): Promise<ClaimCheck> {
  const g = deps.grounding;
  const first = g.checkClaims(text, results, input.question);
  if (first.check.unmatched.length === 0) return { ...first.check, outcome: 'ok' };
  const caught = first.check.unmatched;
  let regenerated: string | null = null;
  try {
    const r = await callModel(
      deps,
      st,
      {
        ...req,
        messages: [
          ...req.messages,
          { role: 'assistant', content: [{ type: 'text', text }] },
          { role: 'user', content: [{ type: 'text', text: g.correctionNote(first.check) }] },
        ],
      },
      { stream: false },
    );
    if (r.toolUses.length === 0 && r.text.trim() !== '') regenerated = r.text;
  } catch (err) {
    if (!(err instanceof LlmError)) throw err;
  }
  if (regenerated !== null) {
    const second = g.checkClaims(regenerated, results, input.question);
    if (second.check.unmatched.length === 0) {
      replaceText(regenerated);
      input.emit({ type: 'replace', text: regenerated, reason: 'A number had no receipt; the answer was corrected.' });
      return { ...second.check, outcome: 'regenerated', caught };
    }
    replaceText(second.cleaned);
    input.emit({ type: 'replace', text: second.cleaned, reason: 'Numbers without a receipt were removed.' });
    return { ...second.check, outcome: 'removed', caught };
  }
  replaceText(first.cleaned);
  input.emit({ type: 'replace', text: first.cleaned, reason: 'Numbers without a receipt were removed.' });
  return { ...first.check, outcome: 'removed', caught };
}
