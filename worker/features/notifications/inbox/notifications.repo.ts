import { and, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../../db/executor';
import { notifications } from '../../../db/schema';

const columns = {
  id: notifications.id,
  type: notifications.kind,
  category: notifications.category,
  title: notifications.title,
  body: notifications.body,
  link: notifications.link,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};

export type NotificationRow = {
  id: string;
  type: string;
  category: string;
  title: string;
  body: string;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
};

export interface PageQuery {
  userId: string;
  type?: string | undefined;
  category?: string | undefined;
  unreadOnly: boolean;
  /** The last row of the previous page: its created_at as microsecond text, and its id. */
  after?: { createdAt: string; id: string } | undefined;
  limit: number;
}

/** Deleted rows are gone for every read and write here; the row itself stays for its dedupe key. */
const live = (userId: string) => and(eq(notifications.userId, userId), isNull(notifications.deletedAt));

const filtered = (f: { type?: string | undefined; category?: string | undefined }): SQL[] => [
  ...(f.type ? [eq(notifications.kind, f.type)] : []),
  ...(f.category ? [eq(notifications.category, f.category)] : []),
];

export function createNotificationsRepo(db: Executor | StatementExecutor) {
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

    /** Newest first, keyset-paginated on (created_at, id) (notifications_user_created_idx). */
    page(q: PageQuery) {
      const where = [live(q.userId), ...filtered(q)];
      if (q.unreadOnly) where.push(isNull(notifications.readAt));
      // Microsecond text from the row itself: a millisecond Date would skip rows created within that millisecond.
      if (q.after)
        where.push(sql`(${notifications.createdAt}, ${notifications.id}) < (${q.after.createdAt}::timestamptz, ${q.after.id}::uuid)`);
      return db
        .select({
          ...columns,
          cursor: sql<string>`to_char(${notifications.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        })
        .from(notifications)
        .where(and(...where))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(q.limit);
    },

    /**
     * The bell's count. The predicate is the partial index's own (notifications_unread_idx: user_id where
     * read_at is null and deleted_at is null), so Postgres answers from that index alone.
     */
    async countUnread(userId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), isNull(notifications.deletedAt)));
      return row?.n ?? 0;
    },

    /** Scoped by owner: another user's id (or a deleted row) matches nothing. The first read time is kept. */
    async markRead(userId: string, id: string, now: Date): Promise<NotificationRow | null> {
      const [row] = await db
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
        .where(and(eq(notifications.id, id), live(userId)))
        .returning(columns);
      return row ?? null;
    },

    /** Which of `ids` are the owner's live rows (locked until the transaction ends, when inside one). */
    async lockLive(userId: string, ids: string[]): Promise<string[]> {
      const rows = await db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(inArray(notifications.id, ids), live(userId)))
        .for('update');
      return rows.map((r) => r.id);
    },

    /** The owner's unread live rows among `ids`, marked read; how many changed. */
    async markIdsRead(userId: string, ids: string[], now: Date): Promise<number> {
      const rows = await db
        .update(notifications)
        .set({ readAt: now })
        .where(and(inArray(notifications.id, ids), live(userId), isNull(notifications.readAt)))
        .returning({ id: notifications.id });
      return rows.length;
    },

    /** Every unread live row of the owner (within the type or category, when given); how many changed. */
    async markAllRead(userId: string, f: { type?: string | undefined; category?: string | undefined }, now: Date): Promise<number> {
      const rows = await db
        .update(notifications)
        .set({ readAt: now })
        .where(and(live(userId), isNull(notifications.readAt), ...filtered(f)))
        .returning({ id: notifications.id });
      return rows.length;
    },

    /** Soft delete: hidden from lists and counts for good; false when it is not the owner's or already gone. */
    async softDelete(userId: string, id: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(notifications)
        .set({ deletedAt: now })
        .where(and(eq(notifications.id, id), live(userId)))
        .returning({ id: notifications.id });
      return rows.length > 0;
    },
  };
}
