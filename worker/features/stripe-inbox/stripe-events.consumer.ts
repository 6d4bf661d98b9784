import { z } from 'zod';
import { PoisonMessageError, type QueueConsumer } from '../../jobs/types';

const Message = z.object({ kind: z.literal('stripe'), eventId: z.uuid() });

/** `{ kind: 'stripe', eventId }` on the shared webhooks queue: one stored Stripe event, handled once. */
export const stripeEventsConsumer: QueueConsumer = {
  name: 'webhooks.stripe',
  async handle(body, services, meta) {
    const parsed = Message.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError('invalid stripe event message');
    await services.stripeEvents.process(parsed.data.eventId, meta.attempts);
  },
};
