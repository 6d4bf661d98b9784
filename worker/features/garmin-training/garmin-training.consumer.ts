import { z } from 'zod';
import { PoisonMessageError, type QueueConsumer } from '../../jobs/types';

const Message = z.object({ kind: z.literal('garmin-training'), userId: z.uuid() });

/** One athlete's sync with Garmin per message (on the ingest queue, by kind); a failure is retried with backoff. */
export const garminTrainingConsumer: QueueConsumer = {
  name: 'garmin-training',
  async handle(body, services) {
    const parsed = Message.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError('invalid garmin-training message');
    await services.garminTraining.sync(parsed.data.userId);
  },
};
