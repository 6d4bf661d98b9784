import { z } from '@hono/zod-openapi';
import { FreeText, IdempotencyKey } from '../../../lib/text.schema';
import { MAX_TEMPLATE_LENGTH, TEMPLATE_KINDS, TEMPLATE_VARIABLES } from './sms-templates';

export const TemplateKindParam = z.object({ kind: z.enum(TEMPLATE_KINDS).openapi({ param: { name: 'kind', in: 'path' } }) });
export const ClientIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

// Length and variables are checked by the service so each problem is named on the `body` field.
export const SaveTemplateInput = z.object({ body: FreeText({ max: 4000, multiline: true }) }).openapi('SaveSmsTemplate');
export const PreviewTemplateInput = z
  .object({ kind: z.enum(TEMPLATE_KINDS), body: FreeText({ max: 4000, multiline: true }) })
  .openapi('PreviewSmsTemplate');

export const SmsTemplate = z.object({ kind: z.enum(TEMPLATE_KINDS), body: z.string(), isDefault: z.boolean() }).openapi('SmsTemplate');
export const SmsTemplates = z
  .object({
    templates: z.array(SmsTemplate),
    variables: z.array(z.enum(TEMPLATE_VARIABLES)),
    maxLength: z.number().int().openapi({ example: MAX_TEMPLATE_LENGTH }),
  })
  .openapi('SmsTemplates');
export const SmsPreview = z
  .object({ kind: z.enum(TEMPLATE_KINDS), text: z.string(), length: z.number().int(), segments: z.number().int() })
  .openapi('SmsPreview');

export const MessagesQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const SendMessageInput = z
  .object({
    body: FreeText({ min: 1, minMessage: 'Write a message', max: 1600, multiline: true }),
    idempotencyKey: IdempotencyKey.optional().openapi({ description: 'Send once per key (a double-click sends one SMS)' }),
  })
  .openapi('SendSms');

export const SmsMessage = z
  .object({
    id: z.uuid(),
    direction: z.enum(['outbound', 'inbound']),
    kind: z.enum(['confirmation', 'reminder', 'follow_up', 'automation', 'manual', 'inbound']),
    body: z.string(),
    status: z.enum(['scheduled', 'sent', 'deferred', 'skipped', 'failed', 'received']),
    dueAt: z.string().nullable(),
    sentAt: z.string().nullable(),
    error: z.string().nullable(),
    reason: z.string().nullable(),
    bookingId: z.uuid().nullable(),
    createdAt: z.string(),
  })
  .openapi('SmsMessage');
export type SmsMessage = z.infer<typeof SmsMessage>;

/** The form Twilio posts for an incoming SMS (other parameters are kept for the signature, not read). */
export const TwilioInbound = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/),
  AccountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/),
  From: FreeText({ min: 1, max: 40 }),
  To: FreeText({ min: 1, max: 40 }),
  Body: FreeText({ max: 1600, multiline: true, trim: false }).default(''),
});
