import type { Db } from '../../db/client';
import { AppError, ErrorCode } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { Payments, StripeEventEnvelope } from '../../providers/stripe/stripe';
import { WebhookSignatureError } from '../../providers/stripe/stripe';
import type { AuditService } from '../audit';
import { stripeHandlersWith, type HandlerContext, type HandlerOutcome, type StripeEventHandler } from './handlers';
import { createStripeEventsRepo } from './stripe-events.repo';

/** What goes on the shared webhooks queue for a stored Stripe event. */
export interface StripeEventMessage {
  kind: 'stripe';
  eventId: string;
}

/** After this many deliveries an event that still cannot be placed is marked unresolved and left for a person. */
export const MAX_ATTEMPTS = 8;

/** Thrown by the consumer so the queue retries the message with backoff. */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
}

export function createStripeInboxService(deps: {
  db: Db;
  stripe: Payments;
  queue: Queue<unknown>;
  audit: AuditService;
  logger: Logger;
  /** The features' handlers by event type (the wiring registers coach payments'); membership sync is added here. */
  handlers: Readonly<Record<string, StripeEventHandler>>;
  billingSync?: HandlerContext['billingSync'];
  /** Told of each event its handler processed, after that transaction committed (the payer's notifications). */
  afterCommit?: (event: StripeEventEnvelope) => Promise<void>;
}) {
  const repo = () => createStripeEventsRepo(deps.db);
  const handlers = stripeHandlersWith(deps.handlers);
  const enqueue = (eventId: string) => deps.queue.send({ kind: 'stripe', eventId } satisfies StripeEventMessage);

  return {
    /**
     * The webhook: verify the signature on the raw body, store the event once, queue it, answer.
     * A redelivery of an event still waiting is queued again (the consumer is idempotent), so an
     * event stored but never queued is not lost.
     */
    async receive(rawBody: string, signature: string | undefined): Promise<{ duplicate: boolean; eventId: string }> {
      if (!signature) throw new AppError(ErrorCode.SIGNATURE_INVALID, 'Missing Stripe-Signature header.');
      let event: StripeEventEnvelope;
      try {
        event = await deps.stripe.verifyWebhook(rawBody, signature);
      } catch (err) {
        if (err instanceof WebhookSignatureError)
          throw new AppError(ErrorCode.SIGNATURE_INVALID, 'The Stripe signature does not match this payload, or it is too old.');
        throw err;
      }
      if (
        typeof event.id !== 'string' ||
        !event.id.startsWith('evt_') ||
        typeof event.type !== 'string' ||
        !Number.isInteger(event.created) ||
        typeof event.data?.object !== 'object'
      ) {
        throw new AppError(ErrorCode.VALIDATION, 'Not a Stripe event.');
      }
      const id = await repo().insertOnce({
        stripeEventId: event.id,
        type: event.type,
        created: new Date(event.created * 1000),
        payload: event,
      });
      if (id) {
        await enqueue(id);
        return { duplicate: false, eventId: event.id };
      }
      const existing = await repo().byStripeId(event.id);
      if (existing && !existing.processedAt) await enqueue(existing.id);
      return { duplicate: true, eventId: event.id };
    },

    /** Operators: the newest events and what became of each (type, outcome, attempts; never the payload). */
    recent: (limit = 50) => repo().recent(limit),

    /** Re-queues events left waiting over 10 minutes (a lost message); the consumer is idempotent. */
    async requeueStale(now: Date): Promise<number> {
      const ids = await repo().stale(new Date(now.getTime() - 10 * 60_000), MAX_ATTEMPTS * 2, 500);
      for (const id of ids) await enqueue(id);
      return ids.length;
    },

    /**
     * Operators (Ops Pulse): runs an unresolved event's handler again now, once (a 'retry' answer ends
     * unresolved again instead of going back to the queue). Audited with the operator's reason.
     */
    async reprocess(actor: { id: string; role: string }, eventRowId: string, reason: string): Promise<{ outcome: string }> {
      const before = await repo().reopen(eventRowId);
      if (!before) throw new AppError(ErrorCode.CONFLICT, 'This event is not unresolved (or no longer exists): nothing to re-process.');
      const outcome = await this.process(eventRowId, MAX_ATTEMPTS);
      await deps.audit.record({
        actor,
        action: 'operator.reprocess_stripe_event',
        target: { type: 'stripe_event', id: eventRowId },
        payload: { reason, before: { outcome: before.outcome }, after: { outcome } },
      });
      return { outcome };
    },

    /**
     * Runs the handler for a stored event inside one transaction that holds the event's row: concurrent
     * deliveries of one event run one after another, and the second finds it processed.
     */
    async process(eventRowId: string, attempts: number): Promise<HandlerOutcome | 'already' | 'missing'> {
      await repo().countAttempt(eventRowId);
      const result = await deps.db.transaction(async (tx) => {
        const r = createStripeEventsRepo(tx);
        const row = await r.lockForProcessing(eventRowId);
        if (!row) return 'missing' as const;
        if (row.processedAt) return 'already' as const;
        const event = row.payload as StripeEventEnvelope;
        const handler = handlers[row.type];
        let outcome: HandlerOutcome = handler
          ? await handler(event, { tx, audit: deps.audit, logger: deps.logger, billingSync: deps.billingSync })
          : 'ignored';
        if (outcome === 'retry' && attempts < MAX_ATTEMPTS) return 'retry' as const;
        if (outcome === 'retry') outcome = 'unresolved';
        await r.markProcessed(row.id, outcome);
        deps.logger.info('stripe event', { job: 'webhooks', stripeEventId: event.id, type: row.type, outcome });
        return { outcome, event };
      });
      if (result === 'retry') throw new RetryLaterError('stripe event cannot be placed yet');
      if (typeof result === 'string') return result;
      if (result.outcome === 'processed') await deps.afterCommit?.(result.event);
      return result.outcome;
    },
  };
}

export type StripeInboxService = ReturnType<typeof createStripeInboxService>;
