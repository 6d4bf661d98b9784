import type { Logger } from '../../lib/logger';
import type { NotificationType } from './notification-types';
import { type NotificationsDeps, type NotificationsService, type NotifyInput, queueFor, toMessage } from './notifications.service';

/**
 * What producers hold. Call it after the producer's own transaction has committed: the plan, the import or
 * the payment already happened, so a notify queue that refuses the message (or a catalog payload bug) is
 * logged with ids and swallowed instead of failing the athlete's request or the producer's queue message.
 * The trigger's dedupe key makes a later retry of the same event safe.
 */
export interface Notifier {
  notify<T extends NotificationType>(input: NotifyInput<T>): Promise<void>;
}

export function createNotifier(service: Pick<NotificationsService, 'notify'>, logger: Logger): Notifier {
  return {
    async notify(input) {
      try {
        await service.notify(input);
      } catch (err) {
        logger.error('notify failed', {
          userId: input.userId,
          notificationType: input.type,
          dedupeKey: input.dedupeKey,
          errorName: err instanceof Error ? err.name : 'unknown',
        });
      }
    },
  };
}

/** A notifier straight onto the notify queues (each trigger on its lane), for a producer that needs nothing else of notifications. */
export function createQueueNotifier(queues: Pick<NotificationsDeps, 'queue' | 'urgentQueue'>, logger: Logger): Notifier {
  return createNotifier({ notify: (input) => queueFor(queues, input.type).send(toMessage(input)) }, logger);
}
