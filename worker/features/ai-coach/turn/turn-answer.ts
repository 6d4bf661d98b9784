// A committed turn answered: the model (or the fixed answer) streamed as CoachStreamEvents, the assistant message
// finished once, and every ending — stop, deadline, failure, the database going away — an event and a stored status.
import { ErrorCode } from '../../../lib/errors';
import { runModelTurn } from './model-turn';
import { calmError, isUnavailable } from './turn-errors';
import type { DeterministicAnswer, TurnDeps } from './turn.deps';
import type { ConversationRow, MessageRow } from '../conversations/conversations.repo';
import type { ClaimCheck, CoachReceipt, CoachStreamEvent, Risk, ToolContext, ToolResult } from '../coach.types';
import type { ModelConfig } from '../models.config';

/** A turn ready to run: its messages are written, its route chosen, its quota unit (model path) taken. */
export interface PreparedTurn {
  conversation: ConversationRow;
  ctx: ToolContext;
  question: MessageRow;
  /** What the model answers: the question, or the earlier one when this message only gave a return date. */
  asked: string;
  answer: MessageRow;
  history: { role: 'user' | 'assistant'; content: string }[];
  route: 'guardrail' | 'deterministic' | 'model';
  fixed: DeterministicAnswer | null;
  model: ModelConfig | null;
  risk: Risk | null;
  quotaUnitId: string | null;
}

/** How the answer ended, before it is stored. */
interface Outcome {
  status: MessageRow['status'];
  text: string;
  results: ToolResult[];
  errorCode: string | null;
  check: ClaimCheck | null;
  model: ModelConfig | null;
}

export function createTurnAnswer(deps: TurnDeps) {
  /** Produces the answer; never throws for the athlete's sake: every ending is an event and a stored status. */
  async function run(turn: PreparedTurn, emit: (ev: CoachStreamEvent) => void, external: AbortSignal): Promise<MessageRow> {
    // Stop, the last client leaving, or the turn's deadline: one signal for every model call and tool.
    const ctl = new AbortController();
    const onAbort = () => ctl.abort(external.reason ?? 'stopped');
    if (external.aborted) onAbort();
    else external.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => ctl.abort('timeout'), deps.limits.turnMs);
    try {
      return await produce(turn, emit, ctl.signal);
    } finally {
      clearTimeout(timer);
      external.removeEventListener('abort', onAbort);
    }
  }

  async function produce(turn: PreparedTurn, emit: (ev: CoachStreamEvent) => void, signal: AbortSignal): Promise<MessageRow> {
    const { answer } = turn;
    emit({ type: 'turn', conversationId: turn.conversation.id, messageId: answer.id, replyTo: turn.question.id, route: turn.route });
    let outcome: Outcome;
    try {
      if (turn.fixed) {
        for (const c of turn.fixed.calls ?? []) {
          await deps.repo.insertToolCall({
            messageId: answer.id,
            userId: answer.userId,
            callId: crypto.randomUUID(),
            name: c.name,
            input: (c.input ?? {}) as object,
            result: c.result,
          });
        }
        emit({ type: 'delta', text: turn.fixed.text });
        outcome = { status: 'complete', text: turn.fixed.text, results: turn.fixed.results, errorCode: null, check: null, model: null };
      } else {
        const r = await runModelTurn(deps, {
          userId: answer.userId,
          messageId: answer.id,
          ctx: turn.ctx,
          question: turn.asked,
          history: turn.history,
          model: turn.model!,
          signal,
          deadline: deps.clock.now().getTime() + deps.limits.turnMs,
          emit,
        });
        outcome = { ...r, model: r.answeredBy ?? turn.model };
      }
    } catch (err) {
      const unavailable = isUnavailable(err);
      const fields = { userId: answer.userId, messageId: answer.id, errorName: (err as Error).name };
      if (unavailable) deps.logger.warn('coach turn stopped: database unavailable', fields);
      else deps.logger.error('coach turn failed', fields);
      const errorCode = unavailable ? ErrorCode.UNAVAILABLE : 'COACH_FAILED';
      outcome = { status: 'failed', text: '', results: [], errorCode, check: null, model: turn.model };
    }
    try {
      return await finish(turn, outcome, emit);
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      // The database went away before the answer could be stored (ADR 090): the stream still ends with a calm,
      // retryable error; the message stays `streaming`, which a resend replays as failed.
      deps.logger.warn('coach answer not stored: database unavailable', { userId: answer.userId, messageId: answer.id });
      emit(calmError(ErrorCode.UNAVAILABLE, outcome.text.trim() !== ''));
      return answer;
    }
  }

  async function finish(turn: PreparedTurn, o: Outcome, emit: (ev: CoachStreamEvent) => void): Promise<MessageRow> {
    // A model's answer cites what it stands on; a lookup's results hold exactly its receipts already.
    const receipts =
      turn.route === 'model' && deps.grounding.receiptsFor
        ? deps.grounding.receiptsFor(o.text, o.results)
        : dedupe(o.results.flatMap((r) => r.receipts));
    const withheld = sumWithheld(o.results);
    // No answer bought nothing: the unit goes back (a partial answer was shown, so it counts).
    if (turn.quotaUnitId && o.text.trim() === '') await deps.membership.refundQuota(turn.answer.userId, turn.quotaUnitId);
    const patch = {
      content: o.text,
      status: o.status,
      receipts,
      checks: o.check,
      withheld,
      errorCode: o.errorCode,
      provider: o.model?.provider ?? null,
      model: o.model?.id ?? null,
      completedAt: deps.clock.now(),
    };
    await deps.repo.updateMessage(turn.answer.id, patch);
    if (o.check) emit({ type: 'check', check: o.check });
    if (receipts.length > 0) emit({ type: 'receipts', receipts });
    for (const r of o.results) {
      const id = (r.data as { proposalId?: unknown } | undefined)?.proposalId;
      if (r.tool === 'propose_plan_change' && typeof id === 'string') emit({ type: 'proposal', proposalId: id });
    }
    if (o.status === 'failed' || o.status === 'partial') emit(calmError(o.errorCode ?? 'COACH_FAILED', o.status === 'partial'));
    if (o.status !== 'failed') emit({ type: 'done', messageId: turn.answer.id, status: o.status === 'streaming' ? 'complete' : o.status });
    return { ...turn.answer, ...patch };
  }

  return { run };
}

function dedupe(receipts: CoachReceipt[]): CoachReceipt[] {
  const seen = new Map<string, CoachReceipt>();
  for (const r of receipts) if (!seen.has(r.activityId)) seen.set(r.activityId, r);
  return [...seen.values()];
}

function sumWithheld(results: ToolResult[]): { source: string; count: number }[] {
  // Tools over the same window report the same withheld activities: the largest count per source, not the sum.
  const by = new Map<string, number>();
  for (const r of results) for (const w of r.withheld) by.set(w.source, Math.max(by.get(w.source) ?? 0, w.count));
  return [...by].map(([source, count]) => ({ source, count }));
}
