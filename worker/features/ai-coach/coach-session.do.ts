import { DurableObject } from 'cloudflare:workers';
import { createDb, type DbHandle } from '../../db/client';
import { type Env, parseEnv } from '../../env';
import { AppError, ErrorCode, notFound } from '../../lib/errors';
import { createLogger } from '../../lib/logger';
import { createServices } from '../../wiring';
import { coachTurnDeps } from './coach-wiring';
import type { SummaryMemo } from './grounding';
import { LiveTurn, SSE_HEADERS, sseFrame } from './coach-live';
import { createTurnEngine, calmError } from './coach-turn';
import { createCoachRepo, type MessageRow } from './coach.repo';
import type { CoachStreamEvent } from './coach.types';
import { SessionAsk, sessionError } from './coach-session.protocol';

/**
 * One instance per athlete (idFromName(userId)): it owns the athlete's live turn. One generation at a
 * time (another question meanwhile is COACH_BUSY), any number of clients attached to the same events,
 * Last-Event-ID replay from the turn's buffer, heartbeats, stop, and abort once every client has gone.
 */
export class CoachSession extends DurableObject<Record<string, unknown>> {
  private live: (LiveTurn & { clientMessageId?: string }) | null = null;
  private handle: DbHandle | null = null;
  /** The context block's history summary, reused while the athlete's data version and day hold. */
  private readonly memo: SummaryMemo = { key: null, value: null };

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    try {
      if (url.pathname === '/ask' && request.method === 'POST') return await this.ask(SessionAsk.parse(await request.json()));
      if (url.pathname === '/attach')
        return this.attach(url.searchParams.get('conversationId') ?? '', Number(url.searchParams.get('after') ?? 0));
      if (url.pathname === '/stop' && request.method === 'POST') {
        const { conversationId } = (await request.json()) as { conversationId: string };
        return Response.json({ stopped: this.stop(conversationId) });
      }
      return sessionError(new AppError(ErrorCode.NOT_FOUND, 'No such session route.'));
    } catch (err) {
      return sessionError(err);
    }
  }

  private async ask(body: SessionAsk): Promise<Response> {
    const current = this.live;
    if (current && !current.finished) {
      // The same send again (a retried POST) joins its own turn; anything else waits its turn.
      if (!body.retryOf && current.clientMessageId === body.clientMessageId && current.opts.conversationId === body.conversationId) {
        return body.mode === 'sse' ? stream(current.attach(0)) : this.waitFor(current);
      }
      // The route no longer checks ownership before coming here: another athlete's conversation stays a 404.
      if (!(await this.owns(body.userId, body.conversationId))) throw notFound('Conversation');
      throw new AppError(ErrorCode.COACH_BUSY, 'The coach is still answering your previous question. Wait for it to finish or stop it.');
    }
    const env = parseEnv(this.env);
    const live: LiveTurn & { clientMessageId?: string } = new LiveTurn({
      conversationId: body.conversationId,
      heartbeatMs: env.COACH_HEARTBEAT_MS,
      graceMs: env.COACH_DETACH_GRACE_MS,
    });
    live.clientMessageId = body.clientMessageId;
    this.live = live;
    const logger = createLogger(env.LOG_LEVEL, { do: 'CoachSession' });
    const services = createServices(env, { requestId: null, logger, waitUntil: (p) => this.ctx.waitUntil(p), db: this.pool(env) });
    let done = false;
    try {
      const engine = createTurnEngine(coachTurnDeps(services, env, this.memo));
      const prepared = await engine.prepare(body, body.retryOf ?? undefined);
      if (prepared.kind === 'existing')
        return body.mode === 'sse' ? stream(replay(prepared.answer)) : Response.json({ messageId: prepared.answer?.id ?? null });
      done = true;
      const running = engine
        .run(prepared.turn, (ev) => live.push(ev), live.abort.signal)
        .finally(async () => {
          live.finish();
          if (this.live === live) this.live = null;
          await services.close();
        });
      this.ctx.waitUntil(running);
      if (body.mode === 'sse') return stream(live.attach(0));
      live.pinned = true;
      return Response.json({ messageId: (await running).id });
    } finally {
      if (!done) {
        if (this.live === live) this.live = null;
        await services.close();
      }
    }
  }

  /** The pool lives as long as the object: a fresh connection per question cost ~15 ms before the model was asked. */
  private pool(env: Env): DbHandle {
    this.handle ??= createDb(env, createLogger(env.LOG_LEVEL, { do: 'CoachSession' }));
    return this.handle;
  }

  private async owns(userId: string, conversationId: string): Promise<boolean> {
    return (await createCoachRepo(this.pool(parseEnv(this.env)).db).conversation(userId, conversationId)) !== undefined;
  }

  private attach(conversationId: string, after: number): Response {
    const live = this.live;
    if (!live || live.finished || live.opts.conversationId !== conversationId) return new Response(null, { status: 204 });
    return stream(live.attach(Number.isFinite(after) && after > 0 ? Math.floor(after) : 0));
  }

  private stop(conversationId: string): boolean {
    const live = this.live;
    if (!live || live.finished || live.opts.conversationId !== conversationId) return false;
    live.stop('stopped');
    return true;
  }

  private async waitFor(live: LiveTurn): Promise<Response> {
    live.pinned = true;
    await live.ended;
    return Response.json({ messageId: live.messageId });
  }
}

const stream = (body: ReadableStream<Uint8Array>) => new Response(body, { headers: SSE_HEADERS });

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
