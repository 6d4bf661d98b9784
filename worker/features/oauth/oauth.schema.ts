import { z } from '@hono/zod-openapi';
import { ASSISTANT_SCOPES } from './oauth.config';

export const AssistantGrant = z
  .object({
    id: z.string().openapi({ description: 'The grant: what Disconnect names' }),
    clientName: z.string().openapi({ description: 'The name the assistant registered itself with (not verified)', example: 'Claude' }),
    redirectHost: z.string().nullable().openapi({ description: 'Where its sign-in sent the access: the host it runs on' }),
    scopes: z.array(z.enum(ASSISTANT_SCOPES)),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().openapi({ description: 'When it last called /mcp, to the minute; null: not yet' }),
    expiresAt: z.iso.datetime().nullable().openapi({ description: 'When it stops unless the assistant keeps using it' }),
  })
  .openapi('AssistantGrant');

export const AssistantGrantList = z.object({ assistants: z.array(AssistantGrant) }).openapi('AssistantGrantList');

// The library's grant ids: base64url-ish tokens, never a path or a separator (`:` splits its storage keys).
export const GrantIdParam = z.object({
  grantId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,128}$/)
    .openapi({ param: { name: 'grantId', in: 'path' } }),
});

/** The consent form as posted: the handle, the decision, and the scopes ticked. */
export const ConsentForm = z.object({
  handle: z.string().min(1).max(512),
  decision: z.enum(['allow', 'deny']),
  scope: z.array(z.string().max(40)).max(10).default([]),
});
