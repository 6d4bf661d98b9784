import { DurableObject } from 'cloudflare:workers';
import { createDb, type DbHandle } from '../../../db/client';
import { type Env, parseEnv } from '../../../env';
import { systemClock } from '../../../lib/clock';
import { AppError, ErrorCode } from '../../../lib/errors';
import { createLogger } from '../../../lib/logger';
import { createLlmProviders } from '../../../providers';
import type { CoachStreamEvent } from '../coach.types';
import type { MessageRow } from '../conversations/conversations.repo';
import type { SummaryMemo } from '../grounding';
import { calmError, coachTurnDeps, createTurnEngine, type DecidedTurn, type TurnEngine } from '../turn';
import { LiveTurn, sseFrame } from './live-turn';
import { type SessionAsk, type SessionResult, settle } from './session-result';

/** Where an ask lands: a live turn (just started, or the same send's own), or an answer that already exists. */
type Started = { kind: 'live'; live: LiveTurn; running: Promise<MessageRow> | null } | { kind: 'existing'; answer: MessageRow | null };

/**
 * The one live-turn slot, taken from the moment a turn is committed until it is stored. `started` is how
 * that went (live, an answer that already existed, or a refusal): a resend of the same send waits for it
 * and lands where the original did, so it never holds a stream nobody will write to or close.
 */
class Slot {
  /** The answer being written, once committed. */
  answerId: string | null = null;
  /** Set once the turn runs: only then can a client attach to it or stop it. */
  running = false;
  readonly started: Promise<Started>;

  constructor(
    readonly conversationId: string,
    /** The send it answers; null for a retry (a second retry of one answer is busy, not joined). */
    readonly clientMessageId: string | null,
    readonly live: LiveTurn,
    start: (slot: Slot) => Promise<Started>,
  ) {
    this.started = start(this);
  }
}

/**
 * One instance per athlete (idFromName(userId)): it owns the athlete's live turn. One generation at a
 * time (another question meanwhile is COACH_BUSY, after 404 and 429), any number of clients attached to
 * the same events, Last-Event-ID replay from the turn's buffer, heartbeats, stop, and abort once every
 * client has gone. Called over RPC; refusals come back as a SessionResult (session-result.ts).
 */
export class CoachSession extends DurableObject<Record<string, unknown>> {
  private slot: Slot | null = null;
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
    const live = this.running(conversationId);
    return live ? live.attach(Number.isFinite(after) && after > 0 ? Math.floor(after) : 0) : null;
  }

  /** Stops the conversation's live turn (what was shown is kept); false when none is live. */
  stop(conversationId: string): boolean {
    const live = this.running(conversationId);
    live?.stop('stopped');
    return live !== null;
  }

  private running(conversationId: string): LiveTurn | null {
    const slot = this.slot;
    return slot?.running && !slot.live.finished && slot.conversationId === conversationId ? slot.live : null;
  }

  /**
   * In the order the athlete should hear about it: the same send again joins its own turn; the conversation
   * must be theirs (404); the question is read and routed without writing; a model question at the limit is
   * 429; then, only if another turn holds the slot, 409 COACH_BUSY. Only a turn that passed all of that
   * takes the slot.
   */
  private async start(req: SessionAsk): Promise<Started> {
    const mine = this.sameSend(req);
    if (mine) return this.join(mine);
    const env = parseEnv(this.env);
    const engine = this.engine(env);
    const decided = await engine.decide(req, req.retryOf ?? undefined);
    // The same send may have taken the slot while this one read: land where it did.
    const meanwhile = this.sameSend(req) ?? (decided.kind === 'existing' ? this.writing(decided.answer?.id) : null);
    if (meanwhile) return this.join(meanwhile);
    if (decided.kind === 'existing') return { kind: 'existing', answer: decided.answer };
    if (this.slot) await engine.checkQuota(decided.turn);
    const after = this.sameSend(req);
    if (after) return this.join(after);
    if (this.slot)
      throw new AppError(ErrorCode.COACH_BUSY, 'The coach is still answering your previous question. Wait for it to finish or stop it.');
    return this.take(req, env, engine, decided.turn);
  }

  /** Takes the slot, commits the turn (429 and the lost-race answer still possible) and starts it. */
  private take(req: SessionAsk, env: Env, engine: TurnEngine, decided: DecidedTurn): Promise<Started> {
    const live = new LiveTurn({
      conversationId: req.conversationId,
      heartbeatMs: env.COACH_HEARTBEAT_MS,
      graceMs: env.COACH_DETACH_GRACE_MS,
    });
    const slot = new Slot(req.conversationId, req.retryOf ? null : req.clientMessageId, live, async (self) => {
      try {
        const prepared = await engine.commit(decided);
        if (prepared.kind === 'existing') {
          this.release(self);
          return { kind: 'existing', answer: prepared.answer };
        }
        self.answerId = prepared.turn.answer.id;
        const running = engine.run(prepared.turn, (ev) => live.push(ev), live.abort.signal).finally(() => this.release(self));
        self.running = true;
        this.ctx.waitUntil(running);
        return { kind: 'live', live, running };
      } catch (err) {
        this.release(self);
        throw err;
      }
    });
    this.slot = slot;
    return slot.started;
  }

  /** A resend waits for how its send started, and lands on the same live turn, answer or refusal. */
  private async join(slot: Slot): Promise<Started> {
    const started = await slot.started;
    return started.kind === 'live' ? { kind: 'live', live: started.live, running: null } : started;
  }

  private sameSend(req: SessionAsk): Slot | null {
    const slot = this.slot;
    if (!slot || req.retryOf || slot.clientMessageId !== req.clientMessageId || slot.conversationId !== req.conversationId) return null;
    return slot;
  }

  /** The slot writing this answer (a resend of a send whose answer is being retried). */
  private writing(answerId: string | undefined): Slot | null {
    return answerId && this.slot?.answerId === answerId ? this.slot : null;
  }

  /** Frees the slot and ends whatever was attached: every stream of a turn ends, whether it ran or not. */
  private release(slot: Slot): void {
    if (this.slot === slot) this.slot = null;
    if (!slot.live.finished) slot.live.finish();
  }

  private engine(env: Env): TurnEngine {
    const logger = createLogger(env.LOG_LEVEL, { do: 'CoachSession' });
    const deps = coachTurnDeps({ env, db: this.pool(env).db, clock: systemClock, logger, llm: createLlmProviders(env), memo: this.memo });
    return createTurnEngine(deps);
  }

  /** The pool lives as long as the object: a fresh connection per question cost ~15 ms before the model was asked. */
  private pool(env: Env): DbHandle {
    this.handle ??= createDb(env, createLogger(env.LOG_LEVEL, { do: 'CoachSession' }));
    return this.handle;
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
