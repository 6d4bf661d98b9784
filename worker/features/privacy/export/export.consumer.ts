import { z } from 'zod';
import { PoisonMessageError, type QueueConsumer } from '../../../jobs/types';

const Message = z.object({ kind: z.literal('export'), requestId: z.uuid() });

/** The privacy queue's `export` kind: one slice of an athlete's archive (it queues the next one itself). */
export const exportConsumer: QueueConsumer = {
  name: 'privacy.export',
  async handle(body, services, meta) {
    const parsed = Message.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError('invalid export message');
    await services.privacyExport.run(parsed.data.requestId, meta);
  },
};
