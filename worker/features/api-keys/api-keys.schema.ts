import { z } from '@hono/zod-openapi';
import { API_SCOPES } from '../../lib/access-vocabulary';
import { FreeText } from '../../lib/text.schema';

/** Days a key may live when an expiry is chosen: at most a year. */
export const MAX_EXPIRY_DAYS = 365;

export const ApiScopeSchema = z.enum(API_SCOPES).openapi('ApiScope');

export const CreateKeyInput = z
  .object({
    name: FreeText({ min: 1, max: 80 }).openapi({ example: 'My training dashboard' }),
    scopes: z.array(ApiScopeSchema).min(1).max(API_SCOPES.length),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(MAX_EXPIRY_DAYS)
      .nullish()
      .openapi({ description: 'Days until the key stops working; absent or null: until revoked' }),
  })
  .strict()
  .openapi('CreateApiKeyInput');
export type CreateKeyInput = z.infer<typeof CreateKeyInput>;

export const ApiKey = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().openapi({
      description: 'The visible start of the key (`cdn_live_` and 8 characters): lists and logs show only this',
      example: 'cdn_live_Xy3kP0aQ',
    }),
    scopes: z.array(z.string()),
    state: z.enum(['active', 'expired', 'revoked']),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiKey');

export const ApiKeyList = z.object({ keys: z.array(ApiKey) }).openapi('ApiKeyList');

export const CreatedApiKey = z
  .object({
    key: ApiKey,
    secret: z.string().openapi({
      description: 'The whole key, shown this once: Cadence keeps only its SHA-256. Send it as `Authorization: Bearer <secret>`.',
    }),
  })
  .openapi('CreatedApiKey');

export const KeyIdParam = z.object({ keyId: z.uuid().openapi({ param: { name: 'keyId', in: 'path' } }) });
