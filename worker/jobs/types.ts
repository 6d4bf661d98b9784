import type { Services } from '../context';

/** A cron job: idempotent, so a tick fired twice does nothing twice. */
export interface CronJob {
  name: string;
  run(services: Services, scheduledTime: Date): Promise<{ count?: number }>;
}

/** A queue consumer for one message body; throw to retry with backoff. */
export interface QueueConsumer {
  name: string;
  handle(body: unknown, services: Services, meta: { id: string; attempts: number }): Promise<void>;
}

/** Thrown for a message that can never succeed (bad shape): it is acked and logged, not retried. */
export class PoisonMessageError extends Error {
  override name = 'PoisonMessageError';
}
