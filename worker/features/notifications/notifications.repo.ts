import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { notifications } from '../../db/schema';

const columns = {
  id: notifications.id,
  type: notifications.kind,
  title: notifications.title,
  body: notifications.body,
  link: notifications.link,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};

export function createNotificationsRepo(db: Executor) {
  return {
    /** Inserts once per dedupe key; false when it already existed. */
    async insertOnce(input: {
      userId: string;
      dedupeKey: string;
      kind: string;
      category: string;
      title: string;
      body: string;
      link: string | null;
      data?: Record<string, unknown>;
      createdAt?: Date;
    }): Promise<boolean> {
      const rows = await db.insert(notifications).values(input).onConflictDoNothing().returning({ id: notifications.id });
      return rows.length > 0;
    },
    listForUser(userId: string, limit: number) {
      return db
        .select(columns)
        .from(notifications)
        .where(eq(notifications.userId, userId))
        .orderBy(desc(notifications.createdAt))
        .limit(limit);
    },
    async countUnread(userId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
      return row?.n ?? 0;
    },
    /** Scoped by owner: another user's id matches nothing. */
    async markRead(userId: string, id: string, now: Date) {
      const [row] = await db
        .update(notifications)
        .set({ readAt: now })
        .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
        .returning(columns);
      return row ?? null;
    },
  };
}
