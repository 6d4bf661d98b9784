import type { Executor, StatementExecutor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import type { AuditService } from '../audit';
import type { Logger } from '../../lib/logger';
import { createDeliveriesRepo } from './delivery/deliveries.repo';
import { createDeliveryService, type DeliveryDeps, type DeliveryOutcome } from './delivery/delivery.service';
import { createBatchFanOut } from './delivery/fan-out-batch.service';
import { createFanOut } from './delivery/fan-out.service';
import { urgentLane } from './delivery/push-plan';
import { NOTIFICATION_TYPES, type NotificationData, type NotificationType } from './notification-types';
import { createInboxService } from './inbox/inbox.service';
import type { NotifyEvent } from './notifications.schema';
import { createPreferencesService } from './preferences/preferences.service';
import { createPushSubscriptionsRepo } from './push/push-subscriptions.repo';
import { deviceView } from './push/push-subscriptions.service';
import { createWeeklyTick } from './weekly-summary/weekly-tick.service';
import { createWorkoutReminders } from './reminders/workout-reminder.service';

export interface NotifyInput<T extends NotificationType> {
  userId: string;
  type: T;
  /** Idempotency key of the trigger: the same key twice notifies once. */
  dedupeKey: string;
  data: NotificationData<T>;
  at?: Date;
}

export interface NotificationsDeps {
  db: Executor;
  /** Where the bell's unread count runs (the HTTP driver in the worker); the pool when absent. */
  countDb?: StatementExecutor | undefined;
  queue: Queue<unknown>;
  /** The urgent lane: single-athlete, high-urgency triggers (`urgentLane`); the notify queue when absent. */
  urgentQueue?: Queue<unknown> | undefined;
  clock: Clock;
  audit: AuditService;
  logger: Logger;
  /** Rendering, links and the Monday summary's figures (wired in worker/wiring/). */
  delivery: Omit<DeliveryDeps, 'db' | 'clock' | 'logger' | 'preferences'>;
}

/** A trigger as the notify queue carries it. */
export function toMessage<T extends NotificationType>(input: NotifyInput<T>): NotifyEvent {
  // A producer's wrong payload is a bug: fail in its own tests rather than on the queue.
  const data = NOTIFICATION_TYPES[input.type].data.parse(input.data) as Record<string, unknown>;
  return { kind: 'event', userId: input.userId, type: input.type, dedupeKey: input.dedupeKey, data, at: input.at?.toISOString() };
}

/** The queue a trigger goes on: the urgent lane for a coach's message and its kin, the notify queue for the rest. */
export const queueFor = (queues: Pick<NotificationsDeps, 'queue' | 'urgentQueue'>, type: string) =>
  urgentLane(type) && queues.urgentQueue ? queues.urgentQueue : queues.queue;

export function createNotificationsService(deps: NotificationsDeps) {
  const preferences = createPreferencesService(deps);
  const fanOut = createFanOut({ db: deps.db, clock: deps.clock, preferences });
  const deliver = createDeliveryService({ ...deps.delivery, db: deps.db, clock: deps.clock, logger: deps.logger, preferences });
  const deliveries = createDeliveriesRepo(deps.db);
  const weeklyTick = createWeeklyTick({ db: deps.db });
  const enqueueDeliveries = async (ids: string[]) => {
    // Marked first: the due sweep offers them again only if no consumer took them within 5 minutes.
    await deliveries.markEnqueued(ids, deps.clock.now());
    for (let i = 0; i < ids.length; i += 100) {
      await deps.queue.sendBatch(ids.slice(i, i + 100).map((deliveryId) => ({ body: { kind: 'deliver', deliveryId } })));
    }
  };

  /** Many triggers at once (a cron's batch): queue batches of 100, the binding's limit, each on its lane. */
  const notifyMany = async (inputs: NotifyInput<NotificationType>[]) => {
    for (const queue of new Set([deps.urgentQueue ?? deps.queue, deps.queue])) {
      const messages = inputs.filter((i) => queueFor(deps, i.type) === queue).map((i) => ({ body: toMessage(i) }));
      for (let i = 0; i < messages.length; i += 100) await queue.sendBatch(messages.slice(i, i + 100));
    }
  };
  const fanOutMany = createBatchFanOut({ db: deps.db, clock: deps.clock, preferences });
  const reminders = createWorkoutReminders({ db: deps.db, notifyMany });

  return {
    preferences,

    /** The one API for producers: fan-out (in-app row, email by preference) runs on the notify queue. */
    notify: <T extends NotificationType>(input: NotifyInput<T>) => queueFor(deps, input.type).send(toMessage(input)),

    notifyMany,

    /** Every minute: the daily workout reminders whose local time has come, as triggers on the notify queue (ADR 079). */
    remindWorkouts: (now: Date) => reminders.run(now),

    /**
     * Consumer: one trigger fanned out; an email due now is sent in the same invocation, and so is the push of a
     * single device: put back on the queue it would wait behind every trigger of a fan-out (bench/README.md "push").
     * Several devices go back as one message each (a user's ten devices are sent in parallel, each retried alone).
     */
    async handleEvent(event: NotifyEvent) {
      const result = await fanOut(event);
      const pushNow = !result.duplicate && result.pushDueNow.length === 1 ? result.pushDueNow[0]! : null;
      if (!result.duplicate && result.pushDueNow.length > 1) await enqueueDeliveries(result.pushDueNow);
      const [sent, pushed] = await Promise.all([
        !result.duplicate && result.dueNow && result.deliveryId ? deliver(result.deliveryId) : null,
        pushNow ? deliver(pushNow) : null,
      ]);
      return { ...result, sent, pushed };
    },

    /**
     * Consumer: a queue batch's triggers at once (ADR 076 "Fan-out in batches"): fanned out set-based, then every
     * email due now and every push due now (each device of each trigger) sent in the same invocation, the pushes
     * side by side. Per trigger its fan-out with what was sent, or the error that retries its message alone.
     */
    async handleEvents(events: NotifyEvent[]) {
      const { results, prefs } = await fanOutMany(events);
      const ids: string[] = [];
      for (const r of results)
        if ('result' in r && !r.result.duplicate) {
          if (r.result.dueNow && r.result.deliveryId) ids.push(r.result.deliveryId);
          ids.push(...r.result.pushDueNow);
        }
      const sent = await deliver.many(ids, prefs);
      const outcome = new Map(ids.map((id, i) => [id, sent[i]!]));
      return results.map((r) => {
        if ('error' in r || r.result.duplicate) return r;
        const mine = [...(r.result.dueNow && r.result.deliveryId ? [r.result.deliveryId] : []), ...r.result.pushDueNow].map(
          (id) => outcome.get(id)!,
        );
        const failed = mine.find((o) => typeof o === 'object');
        if (failed) return failed as { error: unknown };
        const email = r.result.dueNow && r.result.deliveryId ? (outcome.get(r.result.deliveryId) as DeliveryOutcome) : null;
        return { result: { ...r.result, sent: email, pushed: r.result.pushDueNow.map((id) => outcome.get(id) as DeliveryOutcome) } };
      });
    },

    /** Consumer: one outbox row (from the due sweep or the Monday tick). */
    deliver,

    /** Consumer: a queue batch's outbox rows at once (pushes set-based); per id its outcome or its message's error. */
    deliverMany: (ids: string[]) => deliver.many(ids),

    /** The user's push devices with last success and error (support's athlete page); never endpoints. */
    pushDevices: async (userId: string) => (await createPushSubscriptionsRepo(deps.db).listOfUser(userId)).map(deviceView),

    /** Daily: old finished outbox rows and dedupe gates. */

    /** Hourly: the Monday summaries due within the next hour, prepared as outbox rows in one pass. */
    prepareWeekly: (now: Date) => weeklyTick.prepare(now),

    /** What the Monday summary says about a local week (the figures the email and the in-app row show). */
    weeklySummary: (userId: string, weekStart: string) => deps.delivery.weeklySummary.build(userId, weekStart),

    /**
     * Cron: puts sends that died mid-way back, then hands due rows to the queue (at most `limit` a tick;
     * the rest go next minute).
     */
    async sweepDue(now: Date, opts: { limit?: number } = {}): Promise<number> {
      const { limit = 5000 } = opts;
      await deliveries.releaseStuck(now);
      let total = 0;
      while (total < limit) {
        const ids = await deliveries.takeDue(now, Math.min(500, limit - total));
        if (ids.length === 0) break;
        for (let i = 0; i < ids.length; i += 100) {
          await deps.queue.sendBatch(ids.slice(i, i + 100).map((deliveryId) => ({ body: { kind: 'deliver', deliveryId } })));
        }
        total += ids.length;
      }
      return total;
    },

    /** The in-app side: the center's pages and groups, the bell's count, read and delete. */
    ...createInboxService({ db: deps.db, countDb: deps.countDb, clock: deps.clock }),
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
