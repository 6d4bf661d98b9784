import { DurableObject } from 'cloudflare:workers';
import { createDb, type DbHandle } from '../../../db/client';
import { type Env, parseEnv } from '../../../env';
import { systemClock } from '../../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import { createLogger } from '../../../lib/logger';
import { createLlmProviders } from '../../../providers';
import type { CoachStreamEvent } from '../coach.types';
import { createConversationsRepo, type MessageRow } from '../conversations/conversations.repo';
import type { SummaryMemo } from '../grounding';
import { calmError, coachTurnDeps, createTurnEngine } from '../turn';
import { LiveTurn, sseFrame } from './live-turn';
import { type SessionAsk, type SessionResult, settle } from './session-result';

type Live = LiveTurn & { clientMessageId?: string };

/** Where an ask lands: a live turn (just started, or the same send's own), or an answer that already exists. */
type Started = { kind: 'live'; live: Live; running: Promise<MessageRow> | null } | { kind: 'existing'; answer: MessageRow | null };

/**
 * One instance per athlete (idFromName(userId)): it owns the athlete's live turn. One generation at a
 * time (another question meanwhile is COACH_BUSY), any number of clients attached to the same events,
 * Last-Event-ID replay from the turn's buffer, heartbeats, stop, and abort once every client has gone.
 * Called over RPC; refusals come back as a SessionResult (session-result.ts).
 */
export class CoachSession extends DurableObject<Record<string, unknown>> {
  private live: Live | null = null;
  private handle: DbHandle | null = null;
  /** The context block's history summary, reused while the athlete's data version and day hold. */
  private readonly memo: SummaryMemo = { key: null, value: null };

  /** Asks (or retries) and streams the turn as SSE bytes; a resend after the turn ended replays the stored answer. */
  ask(req: SessionAsk): Promise<SessionResult<ReadableStream<Uint8Array>>> {
    return settle(async () => {
      const started = await this.start(req);
      return started.kind === 'existing' ? replay(started.answer) : started.live.attach(0);
    });
  }

  /** The JS-off path: asks (or retries) and waits for the finished answer's id. */
  askAndWait(req: SessionAsk): Promise<SessionResult<{ messageId: string | null }>> {
    return settle(async () => {
      const started = await this.start(req);
      if (started.kind === 'existing') return { messageId: started.answer?.id ?? null };
      const { live, running } = started;
      live.pinned = true;
      if (running) return { messageId: (await running).id };
      await live.ended;
      return { messageId: live.messageId };
    });
  }

  /** The conversation's live turn after event `after` (0: all), then as it comes; null when none is live. */
  attach(conversationId: string, after: number): ReadableStream<Uint8Array> | null {
    const live = this.live;
    if (!live || live.finished || live.opts.conversationId !== conversationId) return null;
    return live.attach(Number.isFinite(after) && after > 0 ? Math.floor(after) : 0);
  }

  /** Stops the conversation's live turn (what was shown is kept); false when none is live. */
  stop(conversationId: string): boolean {
    const live = this.live;
    if (!live || live.finished || live.opts.conversationId !== conversationId) return false;
    live.stop('stopped');
    return true;
  }

  private async start(req: SessionAsk): Promise<Started> {
    const current = this.live;
    if (current && !current.finished) {
      // The same send again (a retried POST) joins its own turn; anything else waits its turn.
      if (!req.retryOf && current.clientMessageId === req.clientMessageId && current.opts.conversationId === req.conversationId) {
        return { kind: 'live', live: current, running: null };
      }
      // The route no longer checks ownership before coming here: another athlete's conversation stays a 404.
      if (!(await this.owns(req.userId, req.conversationId))) throw notFound('Conversation');
      throw new AppError(ErrorCode.COACH_BUSY, 'The coach is still answering your previous question. Wait for it to finish or stop it.');
    }
    const env = parseEnv(this.env);
    const live: Live = new LiveTurn({
      conversationId: req.conversationId,
      heartbeatMs: env.COACH_HEARTBEAT_MS,
      graceMs: env.COACH_DETACH_GRACE_MS,
    });
    live.clientMessageId = req.clientMessageId;
    this.live = live;
    try {
      const logger = createLogger(env.LOG_LEVEL, { do: 'CoachSession' });
      const deps = coachTurnDeps({ env, db: this.pool(env).db, clock: systemClock, logger, llm: createLlmProviders(env), memo: this.memo });
      const engine = createTurnEngine(deps);
      const prepared = await engine.prepare(req, req.retryOf ?? undefined);
      if (prepared.kind === 'existing') {
        this.release(live);
        return { kind: 'existing', answer: prepared.answer };
      }
      const running = engine
        .run(prepared.turn, (ev) => live.push(ev), live.abort.signal)
        .finally(() => {
          live.finish();
          this.release(live);
        });
      this.ctx.waitUntil(running);
      return { kind: 'live', live, running };
    } catch (err) {
      this.release(live);
      throw err;
    }
  }

  private release(live: Live): void {
    if (this.live === live) this.live = null;
  }

  /** The pool lives as long as the object: a fresh connection per question cost ~15 ms before the model was asked. */
  private pool(env: Env): DbHandle {
    this.handle ??= createDb(env, createLogger(env.LOG_LEVEL, { do: 'CoachSession' }));
    return this.handle;
  }

  private async owns(userId: string, conversationId: string): Promise<boolean> {
    return (await createConversationsRepo(this.pool(parseEnv(this.env)).db).conversation(userId, conversationId)) !== undefined;
  }
}

/** A finished answer as the events it was streamed with (a resend after the turn ended). */
function replay(answer: MessageRow | null): ReadableStream<Uint8Array> {
  const events: CoachStreamEvent[] = [];
  if (answer) {
    const route = (answer.route ?? 'model') as 'deterministic' | 'guardrail' | 'model';
    events.push({ type: 'turn', conversationId: answer.conversationId, messageId: answer.id, replyTo: answer.replyTo ?? '', route });
    if (answer.content) events.push({ type: 'delta', text: answer.content });
    const receipts = (answer.receipts ?? []) as Extract<CoachStreamEvent, { type: 'receipts' }>['receipts'];
    if (receipts.length > 0) events.push({ type: 'receipts', receipts });
    if (answer.status === 'failed' || answer.status === 'partial')
      events.push(calmError(answer.errorCode ?? 'COACH_FAILED', answer.status === 'partial'));
    if (answer.status === 'streaming') events.push(calmError('COACH_FAILED', false));
    else if (answer.status !== 'failed') events.push({ type: 'done', messageId: answer.id, status: answer.status });
  }
  return new ReadableStream({
    start(controller) {
      events.forEach((ev, i) => {
        controller.enqueue(sseFrame(i + 1, ev));
      });
      controller.close();
    },
  });
}
