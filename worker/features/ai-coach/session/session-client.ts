// The worker's side of CoachSession: the athlete's object by user id, its refusals thrown again as the
// AppErrors they were, its streams answered as SSE responses.
import type { CoachSession } from './coach-session.do';
import { SSE_HEADERS } from './live-turn';
import { type SessionAsk, unwrap } from './session-result';

export type SessionNamespace = DurableObjectNamespace<CoachSession>;

/** A fresh Response: the app's middleware adds its own headers to it. */
const sse = (body: ReadableStream<Uint8Array>) => new Response(body, { headers: SSE_HEADERS });

export function createSessionClient(ns: SessionNamespace) {
  const of = (userId: string) => ns.get(ns.idFromName(userId));
  return {
    /** The turn as SSE; 409 COACH_BUSY, 429 QUOTA_EXCEEDED or 404 before any stream opens. */
    async ask(req: SessionAsk): Promise<Response> {
      return sse(unwrap(await of(req.userId).ask(req)));
    },

    /** The finished answer's id (the JS-off path). */
    async askAndWait(req: SessionAsk): Promise<string | null> {
      return unwrap(await of(req.userId).askAndWait(req)).messageId;
    },

    /** The conversation's live turn after event `after`; null when none is being written. */
    async attach(userId: string, conversationId: string, after: number): Promise<Response | null> {
      const stream = await of(userId).attach(conversationId, after);
      return stream ? sse(stream) : null;
    },

    stop(userId: string, conversationId: string): Promise<boolean> {
      return of(userId).stop(conversationId);
    },
  };
}

export type SessionClient = ReturnType<typeof createSessionClient>;
