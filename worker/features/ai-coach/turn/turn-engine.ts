// One athlete question → one answer. decide() reads and chooses the route (guardrail, deterministic
// lookup, or the model) and writes nothing; commit() takes the model's quota unit (a 429 comes from here)
// and writes the messages; prepare() is both. run() (turn-answer.ts) produces the answer as
// CoachStreamEvents and finishes the assistant message once. The session decides before it takes the live-turn slot, so an
// athlete at the limit hears 429 whatever else is running.
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import { todayIn } from '../../../lib/dates';
import { athleteOf } from '../../analytics';
import { hasFeature } from '../../membership';
import { createTurnAnswer, type PreparedTurn } from './turn-answer';
import type { DeterministicAnswer, TurnDeps } from './turn.deps';
import type { AthleteRow, ConversationRow, HistoryRow, MessageRow } from '../conversations/conversations.repo';
import type { Risk, ToolContext } from '../coach.types';
import { chooseModel, type ModelConfig } from '../models.config';

export interface AskRequest {
  userId: string;
  conversationId: string;
  text: string;
  clientMessageId: string;
}

export type { PreparedTurn };

export type Prepared = { kind: 'new'; turn: PreparedTurn } | { kind: 'existing'; question: MessageRow; answer: MessageRow | null };

/** A question whose route is chosen from reads alone: nothing written, no unit taken yet. */
export interface DecidedTurn {
  req: AskRequest;
  start: Start;
  ctx: ToolContext;
  history: PreparedTurn['history'];
  chosen: Routed;
}

export type Decided = { kind: 'new'; turn: DecidedTurn } | Extract<Prepared, { kind: 'existing' }>;

interface Routed {
  route: PreparedTurn['route'];
  fixed: DeterministicAnswer | null;
  asked: string;
  /** A return date this message gave, stored when the turn is committed. */
  returnDate: string | null;
}

/** Where a turn starts: the conversation, the athlete, the question's text and the history before it. */
interface Start {
  conv: ConversationRow;
  athleteRow: AthleteRow;
  text: string;
  history: HistoryRow[];
  /** The conversation had no messages yet (the question becomes its title). */
  first: boolean;
  /** A retry: the earlier question and the answer being written again. */
  question?: MessageRow;
  retried?: MessageRow;
}

// 'streaming' here is a turn whose session died (the session runs one turn at a time, and not this one).
const RETRYABLE = new Set(['failed', 'partial', 'stopped', 'streaming']);
const TITLE_MAX = 60;

export function createTurnEngine(deps: TurnDeps) {
  const { repo, grounding: g } = deps;

  async function route(conv: ConversationRow, text: string, ctx: ToolContext, history: PreparedTurn['history']): Promise<Routed> {
    const guard = g.guardrail({
      text,
      returnDate: conv.returnDate,
      today: ctx.today,
      history: history.filter((m) => m.role === 'user').map((m) => m.content),
    });
    const returnDate = guard.returnDate && guard.returnDate !== conv.returnDate ? guard.returnDate : null;
    // The lookups below already read from the new date; it is written with the messages.
    if (returnDate) ctx.returnDate = returnDate;
    if (guard.answer !== null) return { route: 'guardrail', fixed: { text: guard.answer, results: [] }, asked: text, returnDate };
    const asked = guard.question ?? text;
    const fixed = await g.answerDeterministically(ctx, asked);
    if (fixed) return { route: 'deterministic', fixed, asked, returnDate };
    return { route: 'model', fixed: null, asked, returnDate };
  }

  /** A fresh question: one read (conversation, athlete, earlier send, recent history); an earlier send → existing. */
  async function startNew(req: AskRequest): Promise<Start | Prepared> {
    const row = await repo.turnStart(req.userId, req.conversationId, req.clientMessageId, deps.limits.historyMessages);
    if (!row) throw notFound('Conversation');
    if (row.sentId) return existing(req.userId, row.sentId);
    return { conv: row.conversation, athleteRow: row.athlete, text: req.text, history: row.recent, first: row.recent.length === 0 };
  }

  /** A retry answers the earlier question again, from the history before it. */
  async function startRetry(req: AskRequest, retryOf: string): Promise<Start> {
    const conv = await repo.conversation(req.userId, req.conversationId);
    if (!conv) throw notFound('Conversation');
    const retried = await repo.message(req.userId, retryOf);
    if (!retried || retried.conversationId !== conv.id || retried.role !== 'assistant' || !retried.replyTo) throw notFound('Message');
    if (!RETRYABLE.has(retried.status)) throw new AppError(ErrorCode.CONFLICT, 'Only an unfinished answer can be retried.');
    const question = await repo.message(req.userId, retried.replyTo);
    if (!question) throw notFound('Message');
    const athleteRow = await repo.athlete(req.userId);
    if (!athleteRow) throw notFound('Athlete');
    const all = await repo.messages(req.userId, conv.id);
    const upTo = all.findIndex((m) => m.id === question.id);
    const history = all.slice(Math.max(0, upTo - deps.limits.historyMessages), Math.max(0, upTo));
    return { conv, athleteRow, text: question.content, history, first: false, question, retried };
  }

  async function existing(userId: string, questionId: string): Promise<Prepared> {
    const sent = (await repo.message(userId, questionId))!;
    return { kind: 'existing', question: sent, answer: (await repo.answerTo(userId, sent.id)) ?? null };
  }

  /** Reads and chooses the route; writes nothing. A resend of the same clientMessageId → the existing answer. */
  async function decide(req: AskRequest, retryOf?: string): Promise<Decided> {
    const start = retryOf ? await startRetry(req, retryOf) : await startNew(req);
    if ('kind' in start) return start as Extract<Prepared, { kind: 'existing' }>;
    const athlete = athleteOf(start.athleteRow);
    const ctx: ToolContext = {
      athlete,
      today: todayIn(athlete.timeZone, deps.clock.now()),
      returnDate: start.conv.returnDate,
      conversationId: start.conv.id,
      messageId: null,
    };
    const history = start.history.filter((m) => m.status !== 'streaming').map((m) => ({ role: m.role, content: m.content }));
    const chosen = await route(start.conv, start.text, ctx, history);
    return { kind: 'new', turn: { req, start, ctx, history, chosen } };
  }

  /** 429 QUOTA_EXCEEDED when the turn needs the model and the month's allowance is used up; takes nothing. */
  async function checkQuota(turn: DecidedTurn): Promise<void> {
    if (turn.chosen.route !== 'model') return;
    await deps.membership.requireQuota({ id: turn.ctx.athlete.id, timeZone: turn.ctx.athlete.timeZone }, 'coach_messages');
  }

  /** Takes the model's unit (429 before anything is written), then writes the messages and the return date. */
  async function commit(decided: DecidedTurn): Promise<Prepared> {
    const { req, start, ctx, history, chosen } = decided;
    const { conv, text, retried } = start;
    const athlete = ctx.athlete;
    let model: ModelConfig | null = null;
    let risk: Risk | null = null;
    let quotaUnitId: string | null = null;
    if (chosen.route === 'model') {
      const unit = await deps.membership.useQuota({ id: athlete.id, timeZone: athlete.timeZone }, 'coach_messages');
      quotaUnitId = unit.unitId;
      risk = g.classifyRisk(chosen.asked, { returnDate: ctx.returnDate, recentUserMessages: userTexts(history) });
      model = chooseModel(risk, { topModel: hasFeature(unit.tier, 'coach_top_model') });
    }
    if (chosen.returnDate) await repo.touchConversation(req.userId, conv.id, { returnDate: chosen.returnDate });
    const fields = {
      status: 'streaming' as const,
      route: chosen.route,
      risk,
      quotaUnitId,
      provider: model?.provider ?? null,
      model: model?.id ?? null,
    };
    let question: MessageRow;
    let answer: MessageRow;
    if (retried && start.question) {
      const reset = { ...fields, content: '', receipts: [], checks: null, withheld: [], errorCode: null, completedAt: null };
      await repo.updateMessage(retried.id, reset);
      await repo.touchConversation(req.userId, conv.id);
      question = start.question;
      answer = { ...retried, ...reset };
    } else {
      const title = conv.title === 'New conversation' && start.first ? text.replace(/\s+/g, ' ').slice(0, TITLE_MAX) : undefined;
      const written = await repo.insertTurn(
        { conversationId: conv.id, userId: req.userId, role: 'user', content: text, clientMessageId: req.clientMessageId },
        { conversationId: conv.id, userId: req.userId, role: 'assistant', ...fields },
        title,
      );
      if (!written) {
        // Lost a race with the same resend: give the unit back and show what the other one started.
        if (quotaUnitId) await deps.membership.refundQuota(req.userId, quotaUnitId);
        const sent = (await repo.byClientId(conv.id, req.clientMessageId))!;
        return existing(req.userId, sent.id);
      }
      [question, answer] = written;
    }
    ctx.messageId = answer.id;
    const { route: r, fixed, asked } = chosen;
    return { kind: 'new', turn: { conversation: conv, ctx, question, asked, answer, history, route: r, fixed, model, risk, quotaUnitId } };
  }

  /** decide() then commit(): the route, the unit and the messages in one go. */
  async function prepare(req: AskRequest, retryOf?: string): Promise<Prepared> {
    const decided = await decide(req, retryOf);
    return decided.kind === 'new' ? commit(decided.turn) : decided;
  }

  return { decide, checkQuota, commit, prepare, run: createTurnAnswer(deps).run };
}

export type TurnEngine = ReturnType<typeof createTurnEngine>;

const userTexts = (history: PreparedTurn['history']) => history.filter((m) => m.role === 'user').map((m) => m.content);
