// The coach chat over HTTP: thin handlers over services.coachChat (conversations, messages, the live turn).
import { z } from '@hono/zod-openapi';
import { requireUser } from '../../../http/guards';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { signedIn } from '../../../http/access';
import { Conversation, ConversationDetail, ConversationIdParam, CreateConversationInput, Usage } from './conversations.schema';

export const tags = ['AI coach'];
export const security = [{ session: [] }];
export const std = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
  409: errorResponses[409],
  429: errorResponses[429],
};

export const coachChatRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'ai',
      scope: 'none',
      method: 'post',
      path: '/conversations',
      tags,
      security,
      summary: 'Start a conversation with the AI coach',
      request: { body: jsonBody(CreateConversationInput) },
      responses: { 201: json(z.object({ conversation: Conversation }), 'Created'), ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const conversation = await c.var.services.coachChat.createConversation(viewer.user.id, c.req.valid('json').title);
      return c.json({ conversation }, 201);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/conversations',
      tags,
      security,
      summary: 'Your conversations, newest first',
      responses: { 200: json(z.object({ conversations: z.array(Conversation) }), 'Conversations'), ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json({ conversations: await c.var.services.coachChat.listConversations(viewer.user.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'ai',
      scope: 'none',
      method: 'get',
      path: '/conversations/{id}',
      tags,
      security,
      summary: 'A conversation with its messages, and whether an answer is being written now',
      request: { params: ConversationIdParam },
      responses: { 200: json(ConversationDetail, 'Conversation'), ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const detail = await c.var.services.coachChat.conversation(viewer.user.id, c.req.valid('param').id);
      return c.json(detail as z.infer<typeof ConversationDetail>, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/usage',
      tags,
      security,
      summary: 'This month’s coach messages against your allowance',
      responses: { 200: json(Usage, 'Usage'), ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json(await c.var.services.coachChat.usage(viewer.user.id), 200);
    },
  );
