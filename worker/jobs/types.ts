import type { Services } from '../context';

/** A cron job: idempotent, so a tick fired twice does nothing twice. */
export interface CronJob {
  name: string;
  run(services: Services, scheduledTime: Date): Promise<{ count?: number }>;
}

/** A message as a consumer sees it. */
export interface QueueMessageIn {
  body: unknown;
  id: string;
  attempts: number;
}

/** A message's fate in a batch: done (acked), or the error that retries it (a PoisonMessageError acks and logs). */
export type MessageResult = { ok: true } | { ok: false; error: unknown };

/** A queue consumer for one message body; throw to retry with backoff. */
export interface QueueConsumer {
  name: string;
  handle(body: unknown, services: Services, meta: { id: string; attempts: number }): Promise<void>;
  /**
   * The whole batch at once, when the consumer does better set-based (the notify queue's fan-out): one result per
   * message, in order, so one message's failure retries that message alone. Without it, `handle` runs per message.
   */
  handleBatch?(messages: QueueMessageIn[], services: Services): Promise<MessageResult[]>;
}

/** Thrown for a message that can never succeed (bad shape): it is acked and logged, not retried. */
export class PoisonMessageError extends Error {
  override name = 'PoisonMessageError';
}
