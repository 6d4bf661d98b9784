import { z } from '@hono/zod-openapi';
import { IdempotencyKey } from '../../../lib/text.schema';

export const UseSessionInput = z
  .object({
    idempotencyKey: IdempotencyKey.openapi({
      description: 'One per click intent: a retried or repeated request with the same key deducts once',
    }),
  })
  .openapi('UseSession');
export const ReleaseSessionInput = z.object({ ledgerId: z.uuid().openapi({ description: 'The use to undo' }) }).openapi('ReleaseSession');
export const LedgerResultSchema = z
  .object({
    ledgerId: z.uuid(),
    packageId: z.uuid(),
    remaining: z.number(),
    replayed: z.boolean().openapi({ description: 'True when this cause had already taken effect' }),
  })
  .openapi('LedgerResult');
