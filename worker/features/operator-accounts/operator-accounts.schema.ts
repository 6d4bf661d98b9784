import { z } from '@hono/zod-openapi';
import { FreeText } from '../../lib/text.schema';

/** Why the operator acts: required on every operator action, kept in the audit row. */
export const OperatorReason = FreeText({ min: 1, minMessage: 'Give a reason', max: 500, multiline: true });

export const ReasonInput = z.object({ reason: OperatorReason }).openapi('OperatorReasonInput');
export type ReasonInput = z.infer<typeof ReasonInput>;

export const AccountState = z
  .object({
    userId: z.uuid(),
    blockedAt: z.iso.datetime().nullable(),
    blockedReason: z.string().nullable(),
    mustChangePassword: z.boolean(),
    sessionsRevoked: z.number().int().openapi({ description: 'Sessions this action signed out' }),
  })
  .openapi('OperatorAccountState');
export type AccountState = z.infer<typeof AccountState>;

export const TemporaryPasswordIssued = AccountState.extend({
  temporaryPassword: z.string().openapi({ description: 'Shown this once; only its hash is kept. Give it to the user out of band.' }),
}).openapi('TemporaryPasswordIssued');
