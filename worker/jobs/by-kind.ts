import { PoisonMessageError, type QueueConsumer } from './types';

/**
 * One queue, several message kinds: `{ kind: 'stripe', … }` goes to that consumer; messages without a
 * kind (the Strava webhook events, `{ eventId }`) go to the fallback, as before kinds existed.
 */
export function byKind(name: string, kinds: Record<string, QueueConsumer>, fallback: QueueConsumer): QueueConsumer {
  return {
    name,
    handle(body, services, meta) {
      const kind = typeof body === 'object' && body !== null && 'kind' in body ? (body as { kind: unknown }).kind : undefined;
      if (kind === undefined) return fallback.handle(body, services, meta);
      const consumer = typeof kind === 'string' ? kinds[kind] : undefined;
      if (!consumer) throw new PoisonMessageError('unknown webhook message kind');
      return consumer.handle(body, services, meta);
    },
  };
}
