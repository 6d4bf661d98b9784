import { z } from '@hono/zod-openapi';
import { createRoute, createRouter } from '../../../http/router';
import { json, jsonBody } from '../../../http/openapi-shared';
import {
  ClientIdParam,
  MessagesQuery,
  PreviewTemplateInput,
  SaveTemplateInput,
  SendMessageInput,
  SmsMessage,
  SmsPreview,
  SmsTemplate,
  SmsTemplates,
  TemplateKindParam,
} from './sms.schema';
import { coachErrors, coachSecurity, member, orgEntitled, orgMember, orgOwner } from '../coach-os.http';
import { presentMessage } from './sms.present';

const tags = ['Coach SMS'];
const security = coachSecurity;
const std = coachErrors;

/** Mounted at /api/v1/coach/sms. */
export const smsRoutes = createRouter()
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/templates',
      tags,
      security,
      summary: 'The org’s SMS templates (defaults where it has none) and the variables they may use',
      responses: { 200: json(SmsTemplates, 'Templates'), ...std },
    }),
    async (c) => c.json(await c.var.services.sms.templates(await member(c)), 200),
  )
  .openapi(
    createRoute({
      access: orgOwner('Only the organisation’s owner can change its SMS templates.'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'put',
      path: '/templates/{kind}',
      tags,
      security,
      summary: 'Save a template (owner; audited). Unknown variables, empty or over-long bodies are refused on `body`',
      request: { params: TemplateKindParam, body: jsonBody(SaveTemplateInput) },
      responses: { 200: json(SmsTemplate, 'Saved'), ...std },
    }),
    async (c) => c.json(await c.var.services.sms.saveTemplate(await member(c), c.req.valid('param').kind, c.req.valid('json').body), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/templates/preview',
      tags,
      security,
      summary: 'Render a template with sample values in the org’s zone (nothing is saved)',
      request: { body: jsonBody(PreviewTemplateInput) },
      responses: { 200: json(SmsPreview, 'Rendered'), ...std },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await c.var.services.sms.preview(await member(c), input.kind, input.body), 200);
    },
  );

/** Mounted at /api/v1/coach/clients: a client's SMS thread. */
export const smsClientRoutes = createRouter()
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/{id}/messages',
      tags,
      security,
      summary: 'A client’s SMS thread, newest first',
      request: { params: ClientIdParam, query: MessagesQuery },
      responses: { 200: json(z.object({ messages: z.array(SmsMessage) }), 'Messages'), ...std },
    }),
    async (c) => {
      const rows = await c.var.services.sms.listMessages(await member(c), c.req.valid('param').id, c.req.valid('query').limit);
      return c.json({ messages: rows.map(presentMessage) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/{id}/messages',
      tags,
      security,
      middleware: [orgEntitled('sms')] as const,
      summary:
        'Send the client an SMS now (quiet hours do not apply to a message typed by hand; a revoked consent does — it is recorded as skipped)',
      request: { params: ClientIdParam, body: jsonBody(SendMessageInput) },
      responses: { 201: json(SmsMessage, 'Sent, skipped or failed (see status)'), ...std },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const row = await c.var.services.sms.sendManual(await member(c), c.req.valid('param').id, input.body, input.idempotencyKey);
      return c.json(presentMessage(row), 201);
    },
  );
