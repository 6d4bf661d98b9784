import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';

export const IMPERSONATION_MAX_SECONDS = 30 * 60;

export const StartImpersonationInput = z
  .object({
    userId: z.uuid().openapi({ description: 'The user to act as (not an owner, not yourself, not blocked)' }),
    reason: FreeText({ min: 1, minMessage: 'Say why (1–500 characters)', max: 500, multiline: true }),
  })
  .openapi('StartImpersonationInput');
export type StartImpersonationInput = z.infer<typeof StartImpersonationInput>;

export const Impersonating = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    impersonatorId: z.uuid(),
    expiresAt: z.iso.datetime(),
  })
  .openapi('Impersonating');

export const ImpersonationState = z.object({ impersonating: Impersonating.nullable() }).openapi('ImpersonationState');
export type ImpersonationState = z.infer<typeof ImpersonationState>;
