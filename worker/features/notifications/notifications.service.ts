import type { Executor } from '../../db/executor';
import { notFound } from '../../lib/errors';
import { createNotificationsRepo } from './notifications.repo';
import type { Notification, NotifyMessage } from './notifications.schema';

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

export function createNotificationsService(deps: { db: Executor; queue: Queue<unknown> }) {
  const repo = createNotificationsRepo(deps.db);
  return {
    /** Producers call this; the notify consumer writes the row (and, later, sends email). */
    enqueue: (message: NotifyMessage) => deps.queue.send(message),

    /** Consumer side: idempotent by dedupe key. */
    deliverInApp: (m: NotifyMessage) =>
      repo.insertOnce({ userId: m.userId, dedupeKey: m.dedupeKey, kind: m.type, title: m.title, body: m.body, link: m.link ?? null }),

    async list(userId: string, limit = 50) {
      const [rows, unread] = await Promise.all([repo.listForUser(userId, limit), repo.countUnread(userId)]);
      return { notifications: rows.map(present), unread };
    },

    async markRead(userId: string, id: string): Promise<Notification> {
      const row = await repo.markRead(userId, id, new Date());
      if (!row) throw notFound('Notification');
      return present(row);
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
