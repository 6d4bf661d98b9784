// A provider's verified delivery, taken in: stored once and queued, or — while the database is away — held on the
// queue itself until it is back (ADR 090). Strava retries an event only three times, so a 503 through a 20 s
// restart lost activities for good; the queue needs no database to accept.
import { z } from 'zod';
import { withDeadline } from '../../lib/concurrency';
import { appErrorWithin, databaseUnavailable, ErrorCode } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { PoisonMessageError, type QueueConsumer } from '../../jobs/types';

/** The webhooks queue's kind for a delivery that waits for the database. */
export const HELD_DELIVERY_KIND = 'held-delivery';
/** Far under the queue's 128 KB per message: a larger delivery is refused with the 503 and left to its provider's retry. */
const HELD_MAX_BYTES = 100_000;

export interface Delivery {
  provider: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  /** The kind of the message that processes the stored delivery (none: the queue's default consumer, Strava's). */
  kind?: string | undefined;
}

interface Deps {
  record: (provider: string, dedupeKey: string, payload: Record<string, unknown>) => Promise<string | null>;
  queue: Queue<unknown>;
  logger: Logger;
  /** How long the store may take before the delivery is held instead (WEBHOOK_STORE_WAIT_MS, worker/env.ts). */
  storeWaitMs: number;
}

/** Stores the delivery once and queues its processing; false when it was a duplicate of one stored before. */
export async function storeDelivery(deps: Pick<Deps, 'record' | 'queue'>, d: Delivery): Promise<boolean> {
  const id = await deps.record(d.provider, d.dedupeKey, d.payload);
  if (id) await deps.queue.send(d.kind ? { kind: d.kind, eventId: id } : { eventId: id });
  return id !== null;
}

/** storeDelivery, or — when the database is unavailable — the delivery itself held on the queue. */
export async function intakeDelivery(deps: Deps, d: Delivery): Promise<{ duplicate: boolean; held: boolean }> {
  try {
    return { duplicate: !(await withDeadline(storeDelivery(deps, d), deps.storeWaitMs, databaseUnavailable)), held: false };
  } catch (err) {
    const { kind, ...rest } = d;
    const held = { kind: HELD_DELIVERY_KIND, ...rest, ...(kind ? { next: kind } : {}) };
    if (appErrorWithin(err)?.code !== ErrorCode.UNAVAILABLE || JSON.stringify(held).length > HELD_MAX_BYTES) throw err;
    await deps.queue.send(held);
    deps.logger.warn('webhook delivery held on the queue: database unavailable', { provider: d.provider });
    return { duplicate: false, held: true };
  }
}

const Held = z.object({
  provider: z.string().min(1),
  dedupeKey: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  next: z.string().min(1).optional(),
});

/** A held delivery, once the database answers: stored (a duplicate of one stored meanwhile is dropped) and queued as usual. */
export const heldDeliveryConsumer: QueueConsumer = {
  name: 'webhooks.held',
  async handle(body, services) {
    const parsed = Held.safeParse(body);
    if (!parsed.success) throw new PoisonMessageError('invalid held delivery');
    const { next, ...d } = parsed.data;
    await services.ingestion.storeHeldDelivery({ ...d, kind: next });
  },
};
