import type { Executor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import type { AuditService } from '../audit';
import { NOTIFICATION_TYPES, type NotificationData, type NotificationType, typeSpec } from './notification-types';
import { createNotificationsRepo } from './notifications.repo';
import type { Notification, NotifyEvent } from './notifications.schema';
import { createPreferencesService } from './preferences.service';

const present = (r: {
  id: string;
  type: string;
  title: string;
  body: string;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
}): Notification => ({
  ...r,
  readAt: r.readAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

export interface NotifyInput<T extends NotificationType> {
  userId: string;
  type: T;
  /** Idempotency key of the trigger: the same key twice notifies once. */
  dedupeKey: string;
  data: NotificationData<T>;
  at?: Date;
}

export function createNotificationsService(deps: { db: Executor; queue: Queue<unknown>; clock: Clock; audit: AuditService }) {
  const repo = createNotificationsRepo(deps.db);
  const preferences = createPreferencesService(deps);

  const toMessage = <T extends NotificationType>(input: NotifyInput<T>): NotifyEvent => {
    // A producer's wrong payload is a bug: fail in its own tests rather than on the queue.
    const data = NOTIFICATION_TYPES[input.type].data.parse(input.data) as Record<string, unknown>;
    return { kind: 'event', userId: input.userId, type: input.type, dedupeKey: input.dedupeKey, data, at: input.at?.toISOString() };
  };

  return {
    preferences,

    /** The one API for producers: fan-out (in-app row, email by preference) runs on the notify queue. */
    notify: <T extends NotificationType>(input: NotifyInput<T>) => deps.queue.send(toMessage(input)),

    /** Many triggers at once (a cron's batch): queue batches of 100, the binding's limit. */
    async notifyMany(inputs: NotifyInput<NotificationType>[]) {
      const messages = inputs.map((i) => ({ body: toMessage(i) }));
      for (let i = 0; i < messages.length; i += 100) await deps.queue.sendBatch(messages.slice(i, i + 100));
    },

    /** Consumer side (until the fan-out engine lands): the in-app row, idempotent by dedupe key. */
    deliverInApp(m: NotifyEvent) {
      const spec = typeSpec(m.type);
      const data = spec.data.parse(m.data);
      return repo.insertOnce({
        userId: m.userId,
        dedupeKey: m.dedupeKey,
        kind: m.type,
        category: spec.category,
        data: m.data,
        title: spec.title(data),
        body: spec.body(data),
        link: spec.link(data),
      });
    },

    async list(userId: string, limit = 50) {
      const [rows, unread] = await Promise.all([repo.listForUser(userId, limit), repo.countUnread(userId)]);
      return { notifications: rows.map(present), unread };
    },

    async markRead(userId: string, id: string): Promise<Notification> {
      const row = await repo.markRead(userId, id, deps.clock.now());
      if (!row) throw notFound('Notification');
      return present(row);
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
