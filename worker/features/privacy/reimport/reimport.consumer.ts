import { z } from 'zod';
import { PoisonMessageError, type QueueConsumer } from '../../../jobs/types';

const Message = z.object({ kind: z.literal('reimport'), requestId: z.uuid() });

/** The privacy queue's `reimport` kind: a verified Cadence archive restored into its uploader's account. */
export const reimportConsumer: QueueConsumer = {
  name: 'privacy.reimport',
  async handle(body, services) {
    const parsed = Message.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError('invalid reimport message');
    await services.privacyReimport.run(parsed.data.requestId);
  },
};
