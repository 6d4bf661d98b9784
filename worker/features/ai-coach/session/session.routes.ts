// Asking, attaching to the live turn, stopping and retrying: SSE when the client accepts it, else the
// finished answer as JSON (the JS-off path). Thin: the turn runs in the athlete's CoachSession.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../../context';
import { requireUser } from '../../../http/guards';
import { json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { signedIn } from '../../../http/access';
import { security, std, tags } from '../conversations/conversations.routes';
import { AskInput, ConversationIdParam, Message, MessageIdParam } from '../conversations/conversations.schema';

const sse = {
  description: 'The turn as server-sent events (`id:` sequence, `event:` type, `data:` CoachStreamEvent JSON; `: ping` heartbeats)',
  content: { 'text/event-stream': { schema: z.string() } },
};
const answered = json(z.object({ message: Message }), 'The finished answer (without Accept: text/event-stream)');

const wantsStream = (c: Context<AppEnv>) => (c.req.header('accept') ?? '').includes('text/event-stream');

/** Last-Event-ID (or ?lastEventId= for clients that cannot set headers): the last sequence the client saw. */
function lastEventId(c: Context<AppEnv>): number {
  const raw = c.req.header('last-event-id') ?? c.req.query('lastEventId') ?? '0';
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

type Msg = z.infer<typeof Message>;

export const coachTurnRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'ai',
      scope: 'none',
      method: 'post',
      path: '/conversations/{id}/messages',
      tags,
      security,
      summary: 'Ask the coach (one answer at a time; a resend with the same clientMessageId starts nothing new)',
      request: { params: ConversationIdParam, body: jsonBody(AskInput) },
      responses: { 200: { ...answered, content: { ...answered.content, ...sse.content } }, ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const id = c.req.valid('param').id;
      const input = c.req.valid('json');
      if (wantsStream(c)) return c.var.services.coachChat.askStream(viewer.user.id, id, input) as never;
      return c.json({ message: (await c.var.services.coachChat.ask(viewer, id, input)) as Msg }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'ai',
      scope: 'none',
      method: 'get',
      path: '/conversations/{id}/stream',
      tags,
      security,
      summary: 'Attach to the answer being written (Last-Event-ID replays what was missed); 204 when none is',
      request: { params: ConversationIdParam },
      responses: { 200: sse, 204: { description: 'Nothing is being written' }, ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const res = await c.var.services.coachChat.attach(viewer.user.id, c.req.valid('param').id, lastEventId(c));
      return (res ?? c.body(null, 204)) as never;
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'ai',
      scope: 'none',
      method: 'post',
      path: '/conversations/{id}/stop',
      tags,
      security,
      summary: 'Stop the answer being written (what was shown is kept)',
      request: { params: ConversationIdParam },
      responses: { 200: json(z.object({ stopped: z.boolean() }), 'Whether an answer was stopped'), ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json({ stopped: await c.var.services.coachChat.stop(viewer.user.id, c.req.valid('param').id) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'ai',
      scope: 'none',
      method: 'post',
      path: '/messages/{id}/retry',
      tags,
      security,
      summary: 'Answer again after a failed, partial or stopped answer',
      request: { params: MessageIdParam },
      responses: { 200: { ...answered, content: { ...answered.content, ...sse.content } }, ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const id = c.req.valid('param').id;
      if (wantsStream(c)) return c.var.services.coachChat.retryStream(viewer.user.id, id) as never;
      return c.json({ message: (await c.var.services.coachChat.retryAnswer(viewer.user.id, id)) as Msg }, 200);
    },
  );
