import type { Env } from '../env';
import {
  fileDoorEventsConsumer,
  HELD_DELIVERY_KIND,
  heldDeliveryConsumer,
  importsConsumer,
  ingestConsumer,
  webhooksConsumer,
} from '../features/ingest/mount';
import { stripeEventsConsumer } from '../features/stripe-inbox/mount';
import { garminTrainingConsumer } from '../features/garmin-training/mount';
import { byKind } from './by-kind';
import { backoffDelay } from '../lib/backoff';
import { withDeadline } from '../lib/concurrency';
import { ErrorCode, appErrorWithin } from '../lib/errors';
import { notifyConsumer } from '../features/notifications/mount';
import { deletionConsumer, exportConsumer, reimportConsumer } from '../features/privacy/mount';
import { createLogger, type Logger } from '../lib/logger';
import type { Services } from '../context';
import { createServices } from '../wiring';
import { type MessageResult, PoisonMessageError, type QueueConsumer } from './types';

/** Queue kinds by name, without the per-environment suffix (cadence-notify, cadence-notify-staging, …). */
export const consumers: Record<string, QueueConsumer> = {
  'cadence-notify': notifyConsumer,
  // The urgent lane (ADR 076): the same consumer, for one athlete's high-urgency triggers, never behind a fan-out.
  'cadence-notify-urgent': notifyConsumer,
  // Ingest jobs ({ jobId }) and, by kind, one athlete's sync of planned workouts to Garmin ({ kind: 'garmin-training', userId }).
  'cadence-ingest': byKind('ingest', { 'garmin-training': garminTrainingConsumer }, ingestConsumer),
  // Strava events ({ eventId }) and, by kind, Stripe events ({ kind: 'stripe', eventId }) and the live doors'
  // verified deliveries ({ kind: 'file-door', eventId }); a delivery held while the database was away ({ kind: 'held-delivery', … }).
  'cadence-webhooks': byKind(
    'webhooks',
    { stripe: stripeEventsConsumer, 'file-door': fileDoorEventsConsumer, [HELD_DELIVERY_KIND]: heldDeliveryConsumer },
    webhooksConsumer,
  ),
  'cadence-imports': importsConsumer,
  // Data-subject requests by kind ({ kind: 'export' | 'reimport' | 'deletion' | 'org_deletion', requestId }); no message is kindless.
  'cadence-privacy': byKind(
    'privacy',
    { export: exportConsumer, reimport: reimportConsumer, deletion: deletionConsumer, org_deletion: deletionConsumer },
    {
      name: 'privacy',
      handle: () => {
        throw new PoisonMessageError('privacy message without a kind');
      },
    },
  ),
};

export const queueKind = (name: string) => name.replace(/-(staging|production)$/, '');

/**
 * How long one delivery may run before it is given up and retried (ADR 090). An await that never settles held its
 * batch, and with it the whole queue, for good in wrangler dev (its broker waits for a batch before the next) and up
 * to the platform's 15-minute wall in production. Each is far above its queue's slowest legitimate job: provider
 * calls have 20–60 s deadlines, imports and privacy requests run minutes under a lease (ADR 089).
 */
export const MESSAGE_DEADLINE_SECONDS: Record<string, number> = {
  'cadence-notify': 120,
  'cadence-notify-urgent': 120,
  'cadence-ingest': 300,
  'cadence-webhooks': 120,
  'cadence-imports': 840,
  'cadence-privacy': 840,
};

/** Thrown into a delivery that ran past its queue's MESSAGE_DEADLINE_SECONDS: retried like any failure. */
export class MessageDeadlineError extends Error {
  override name = 'MessageDeadlineError';
}

const late = (ms: number) => () => new MessageDeadlineError(`delivery ran past its ${ms / 1000} s deadline`);

/** Exponential backoff for retries: 10 s, 20 s, 40 s … capped at 10 minutes. */
export const retryDelaySeconds = (attempts: number) => backoffDelay({ first: 10, factor: 2, cap: 600 }, attempts);

/**
 * The wait after a delivery that found the database unreachable (ADR 086): the same doubling from 10 s, capped at
 * 5 minutes, plus up to half again at random so the messages held up by an outage do not all come back in the same
 * second. Three retries (the smallest max_retries) already cover 70 s of outage.
 */
export const unavailableRetryDelaySeconds = (attempts: number) => {
  const base = backoffDelay({ first: 10, factor: 2, cap: 300 }, attempts);
  return Math.ceil(base * (1 + Math.random() / 2));
};

/** Whether a delivery failed only because the database was unreachable or restarting (not the job's own fault). */
const databaseUnavailable = (err: unknown) => appErrorWithin(err)?.code === ErrorCode.UNAVAILABLE;

export async function handleQueue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext): Promise<void> {
  const logger = createLogger(env.LOG_LEVEL, { queue: batch.queue });
  const kind = queueKind(batch.queue);
  const consumer = consumers[kind];
  if (!consumer) {
    logger.error('no consumer for queue; retrying batch', { count: batch.messages.length });
    batch.retryAll({ delaySeconds: 60 });
    return;
  }
  const services = createServices(env, { requestId: null, logger, waitUntil: (p) => ctx.waitUntil(p) });
  await dispatchBatch(batch, consumer, services, logger, (MESSAGE_DEADLINE_SECONDS[kind] ?? 120) * 1000);
}

/** One batch through its consumer: each message acked, dropped (poison) or retried with the delay its failure calls for. */
export async function dispatchBatch(
  batch: MessageBatch<unknown>,
  consumer: QueueConsumer,
  services: Services,
  logger: Logger,
  deadlineMs: number,
): Promise<void> {
  const settle = (msg: Message<unknown>, r: MessageResult) => {
    const err = r.ok ? null : r.error;
    if (r.ok) msg.ack();
    else if (err instanceof PoisonMessageError) {
      logger.error('dropped invalid message', { job: consumer.name, errorMessage: err.message });
      msg.ack();
    } else if (databaseUnavailable(err)) {
      // An outage, not a failure of this job: said once per message as such, and retried later with jitter.
      const delaySeconds = unavailableRetryDelaySeconds(msg.attempts);
      logger.warn('database unavailable; message will retry', { job: consumer.name, count: msg.attempts, delaySeconds });
      msg.retry({ delaySeconds });
    } else {
      logger.warn('message failed; will retry', {
        job: consumer.name,
        count: msg.attempts,
        errorName: err instanceof Error ? err.name : 'unknown',
      });
      msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts) });
    }
  };
  try {
    if (consumer.handleBatch) {
      const messages = batch.messages.map((m) => ({ body: m.body, id: m.id, attempts: m.attempts }));
      let results: MessageResult[];
      try {
        results = await withDeadline(consumer.handleBatch(messages, services), deadlineMs, late(deadlineMs));
      } catch (err) {
        // The batch's shared work failed (its fan-out transaction): every message is retried, none was done.
        results = messages.map(() => ({ ok: false, error: err }));
      }
      for (const [i, msg] of batch.messages.entries()) {
        settle(msg, results[i] ?? { ok: false, error: new Error('no result for message') });
      }
      return;
    }
    // Messages of a batch are independent jobs (each claims its own row), so they run side by side.
    await Promise.all(
      batch.messages.map(async (msg) => {
        try {
          await withDeadline(consumer.handle(msg.body, services, { id: msg.id, attempts: msg.attempts }), deadlineMs, late(deadlineMs));
          settle(msg, { ok: true });
        } catch (error) {
          settle(msg, { ok: false, error });
        }
      }),
    );
  } finally {
    await services.close();
  }
}
