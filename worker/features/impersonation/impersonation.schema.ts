import { z } from '@hono/zod-openapi';

export const IMPERSONATION_MAX_SECONDS = 30 * 60;

export const StartImpersonationInput = z
  .object({
    userId: z.uuid().openapi({ description: 'The user to act as (not an owner, not yourself, not blocked)' }),
    reason: z.string().trim().min(1, { message: 'Say why (1–500 characters)' }).max(500),
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
