import { PoisonMessageError, type QueueConsumer } from '../../jobs/types';
import { z } from 'zod';
import { StravaEvent, handleStravaEvent } from './strava/strava.webhook';

const Message = z.object({ eventId: z.uuid() });

/** Verified, deduplicated provider events, processed off the request path. */
export const webhooksConsumer: QueueConsumer = {
  name: 'webhooks',
  async handle(body, services) {
    const parsed = Message.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError('invalid webhook message');
    const { ingestion } = services;
    const row = await ingestion.webhookEvent(parsed.data.eventId);
    if (!row || row.processedAt) return;
    const event = StravaEvent.safeParse(row.payload);
    if (!event.success) {
      await ingestion.markWebhookProcessed(row.id, 'invalid');
      return;
    }
    const outcome = await handleStravaEvent(
      {
        connections: services.strava.connections,
        activities: services.activities,
        ingestion: services.ingestion,
        logger: services.logger,
      },
      row.id,
      event.data,
    );
    await ingestion.markWebhookProcessed(row.id, outcome);
    services.logger.info('strava event', { job: 'webhooks', outcome, aspect: event.data.aspect_type, objectType: event.data.object_type });
  },
};
