// The deleted activities a provider may not bring back (ADR 068): the list and "bring back".
import { z } from '@hono/zod-openapi';
import { REDELIVERING } from './tombstones.repo';

const Provider = z.enum(REDELIVERING).openapi({ description: 'The provider that would re-deliver it' });

export const TombstoneKeyInput = z
  .object({
    source: Provider,
    externalId: z
      .string()
      .regex(/^[\x21-\x7e]{1,200}$/)
      .openapi({ description: 'The provider’s id of the activity' }),
  })
  .openapi('ActivityTombstoneKey');

export const TombstoneList = z
  .object({
    tombstones: z.array(
      z.object({
        source: z.string(),
        externalId: z.string(),
        deletedAt: z.string().openapi({ description: 'When the activity was deleted for good' }),
        skippedCount: z.number().int().openapi({ description: 'How many times the provider delivered it again since' }),
        lastSkippedAt: z.string().nullable(),
      }),
    ),
  })
  .openapi('ActivityTombstones');

export const BringBackResult = z.object({ broughtBack: z.literal(true) }).openapi('ActivityTombstoneRemoved');
