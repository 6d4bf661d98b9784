import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';

export const CreateInviteInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{6,32}$/, { message: 'Use 6–32 letters, digits or dashes' })
      .optional()
      .openapi({ description: 'Leave out to generate one' }),
    maxUses: z.number().int().min(1).max(10_000).default(1),
    expiresInDays: z.number().int().min(1).max(365).optional().openapi({ description: 'Leave out for no expiry' }),
    trialDays: z
      .number()
      .int()
      .min(1)
      .max(90)
      .optional()
      .openapi({ description: 'Days of Pro an account made with this code starts with (no card)' }),
    note: FreeText({ max: 200 }).optional(),
  })
  .openapi('CreateInviteInput');
export type CreateInviteInput = z.infer<typeof CreateInviteInput>;

export const Invite = z
  .object({
    id: z.uuid(),
    code: z.string(),
    note: z.string().nullable(),
    maxUses: z.number().int(),
    uses: z.number().int(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    status: z.enum(['active', 'used_up', 'expired', 'revoked']),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    trialDays: z.number().int().nullable(),
    redemptions: z.array(z.object({ userId: z.string(), redeemedAt: z.string() })),
  })
  .openapi('Invite');
export type Invite = z.infer<typeof Invite>;

export const InviteIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
