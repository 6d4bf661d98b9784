import { z } from 'zod';
import { PoisonMessageError, type QueueConsumer } from '../../../jobs/types';

const Message = z.object({ kind: z.literal('file-door'), eventId: z.uuid() });

/** A live door's verified delivery (`{ kind: 'file-door', eventId }` on cadence-webhooks): its notices, off the request path. */
export const fileDoorEventsConsumer: QueueConsumer = {
  name: 'file-door-events',
  async handle(body, services) {
    const parsed = Message.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError('invalid file-door message');
    const { ingestion } = services;
    const row = await ingestion.webhookEvent(parsed.data.eventId);
    if (!row || row.processedAt) return;
    const outcome = await services.fileDoors.webhooks.handle(row.payload);
    await ingestion.markWebhookProcessed(row.id, outcome);
    services.logger.info('file-door delivery', { job: 'webhooks', provider: row.provider, outcome });
  },
};
