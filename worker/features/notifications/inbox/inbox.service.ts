import type { Executor, StatementExecutor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../../lib/errors';
import { groupNotifications, localDay, safeLink, usableZone } from './notification-groups';
import { createNotificationsRepo, type NotificationRow } from './notifications.repo';
import {
  unreadOnly,
  type MarkedRead,
  type Notification,
  type NotificationFilter,
  type NotificationList,
  type NotificationQuery,
} from '../notifications.schema';

const present = (r: NotificationRow): Notification => ({
  id: r.id,
  type: r.type,
  category: r.category,
  title: r.title,
  body: r.body,
  link: safeLink(r.link),
  readAt: r.readAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

const encodeCursor = (createdAt: string, id: string) =>
  btoa(`${createdAt}|${id}`).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = atob(cursor.replace(/-/g, '+').replace(/_/g, '/')).split('|');
    if (createdAt && id && !Number.isNaN(Date.parse(createdAt)) && /^[0-9a-f-]{36}$/i.test(id)) return { createdAt, id };
  } catch {
    // falls through to the one error below
  }
  throw new AppError(ErrorCode.VALIDATION, 'That page link is no longer valid: start again from the newest.', {
    fields: [{ path: 'cursor', message: 'Not a page cursor' }],
  });
}

/**
 * The in-app side: the center's pages and groups, the bell's count, read and delete. Every query is
 * scoped by the owner, so another user's id answers 404 exactly like a missing one.
 * `countDb` runs the bell's count (the HTTP driver in the worker: one round trip, no connection set-up).
 */
export function createInboxService(deps: { db: Executor; countDb?: StatementExecutor | undefined; clock: Clock }) {
  const repo = createNotificationsRepo(deps.db);
  const counter = createNotificationsRepo(deps.countDb ?? deps.db);

  return {
    /**
     * One page, newest first, with its groups by local day and type. A page ends at a local day's end
     * when it can, so no group is split across pages; a day with more than `limit` notifications is the
     * exception, and its groups continue on the next page.
     */
    async list(user: { id: string; timeZone: string }, q: NotificationQuery): Promise<NotificationList> {
      const timeZone = usableZone(user.timeZone);
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      const read = () =>
        repo.page({ userId: user.id, type: q.type, category: q.category, unreadOnly: unreadOnly(q), after, limit: q.limit + 1 });
      // The count has its own round trip when it runs over HTTP; on one pool, one statement after the other.
      const [rows, unread] = deps.countDb
        ? await Promise.all([read(), counter.countUnread(user.id)])
        : [await read(), await counter.countUnread(user.id)];
      let page = rows.slice(0, q.limit);
      const next = rows[q.limit];
      if (next) {
        const nextDay = localDay(next.createdAt.toISOString(), timeZone);
        const whole = page.filter((r) => localDay(r.createdAt.toISOString(), timeZone) !== nextDay);
        if (whole.length > 0) page = whole;
      }
      const last = page.at(-1);
      const notifications = page.map(present);
      return {
        notifications,
        groups: groupNotifications(notifications, timeZone),
        unread,
        nextCursor: next && last ? encodeCursor(last.cursor, last.id) : null,
        timeZone,
      };
    },

    /** The newest few, ungrouped (support's view of an athlete). */
    async recent(userId: string, limit: number): Promise<Notification[]> {
      return (await repo.page({ userId, unreadOnly: false, limit })).map(present);
    },

    /** The bell: unread and not deleted. */
    unreadCount: (userId: string): Promise<number> => counter.countUnread(userId),

    async markRead(userId: string, id: string): Promise<Notification> {
      const row = await repo.markRead(userId, id, deps.clock.now());
      if (!row) throw notFound('Notification');
      return present(row);
    },

    /** A group's ids, all or nothing: one that is not the caller's (or was deleted) is a 404 and nothing changes. */
    async markGroupRead(userId: string, ids: string[]): Promise<MarkedRead> {
      const wanted = [...new Set(ids)];
      const updated = await deps.db.transaction(async (tx) => {
        const r = createNotificationsRepo(tx);
        if ((await r.lockLive(userId, wanted)).length !== wanted.length) throw notFound('Notification');
        return r.markIdsRead(userId, wanted, deps.clock.now());
      });
      return { updated, unread: await counter.countUnread(userId) };
    },

    /** Everything unread, or everything unread of one type or category (the center's current filter). */
    async markAllRead(userId: string, filter: NotificationFilter): Promise<MarkedRead> {
      const updated = await repo.markAllRead(userId, filter, deps.clock.now());
      return { updated, unread: await counter.countUnread(userId) };
    },

    /** Soft delete: the row leaves every list and count for good (its dedupe key stays, so nothing re-creates it). */
    async remove(userId: string, id: string): Promise<void> {
      if (!(await repo.softDelete(userId, id, deps.clock.now()))) throw notFound('Notification');
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
