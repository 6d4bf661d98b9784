// The coach chat API's inputs and answers (zod, in the OpenAPI document).
import { z } from '@hono/zod-openapi';
import { FreeText } from '../../../lib/text.schema';

export const ConversationIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
export const MessageIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const CreateConversationInput = z.object({ title: FreeText({ max: 120 }).optional() }).openapi('CreateCoachConversation');

export const AskInput = z
  .object({
    text: FreeText({ min: 1, max: 2000, multiline: true }),
    /** Chosen by the client per send: a resend with the same id does not start a second turn. */
    clientMessageId: FreeText({ min: 8, max: 64, trim: false }),
  })
  .openapi('CoachAsk');

export const Conversation = z
  .object({
    id: z.string(),
    title: z.string(),
    returnDate: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('CoachConversation');

const Receipt = z.object({
  activityId: z.string(),
  date: z.string(),
  name: z.string(),
  sport: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});

const Claim = z.object({ text: z.string(), value: z.number(), unit: z.string().nullable() });
const Check = z.object({
  checked: z.number().int(),
  matched: z.number().int(),
  unmatched: z.array(Claim),
  outcome: z.enum(['ok', 'regenerated', 'removed']),
  caught: z.array(Claim).optional(),
});

export const Message = z
  .object({
    id: z.string(),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    status: z.enum(['streaming', 'complete', 'partial', 'failed', 'stopped']),
    route: z.enum(['deterministic', 'guardrail', 'model']).nullable(),
    model: z.string().nullable(),
    receipts: z.array(Receipt),
    checks: Check.nullable(),
    withheld: z.array(z.object({ source: z.string(), count: z.number().int() })),
    errorCode: z.string().nullable(),
    proposal: z.record(z.string(), z.unknown()).nullable().openapi({ description: 'The plan change this answer proposed (ProposalView)' }),
    createdAt: z.string(),
  })
  .openapi('CoachMessage');

export const ConversationDetail = z
  .object({ conversation: Conversation, messages: z.array(Message), live: z.boolean() })
  .openapi('CoachConversationDetail');

export const Usage = z
  .object({
    used: z.number().int(),
    limit: z.number().int().nullable(),
    resetsAt: z.string().openapi({ description: 'Midnight on the 1st of next month in your time zone (UTC instant)' }),
    resetsOn: z.string().openapi({ description: 'That day in your time zone (YYYY-MM-DD): the day to show', example: '2026-12-01' }),
  })
  .openapi('CoachUsage');
