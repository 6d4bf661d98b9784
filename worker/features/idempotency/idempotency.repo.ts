// The only SQL of idempotency keys (ADR 080): claim a key, read it, keep the answer, or let it go again.
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { idempotencyKeys } from '../../db/schema';

export type IdempotencyRow = typeof idempotencyKeys.$inferSelect;

export function createIdempotencyRepo(db: Executor) {
  const k = idempotencyKeys;
  const mine = (userId: string, key: string) => and(eq(k.userId, userId), eq(k.key, key));
  return {
    /**
     * Claims the key for this request: true when this call holds it now. A claim left pending since before
     * `staleBefore` (the worker died between acting and keeping the answer) is taken over by the same request.
     */
    async claim(row: { userId: string; key: string; route: string; requestHash: string }, staleBefore: Date): Promise<boolean> {
      const inserted = await db.insert(k).values(row).onConflictDoNothing().returning({ id: k.id });
      if (inserted.length > 0) return true;
      const taken = await db
        .update(k)
        .set({ createdAt: sql`now()` })
        .where(and(mine(row.userId, row.key), eq(k.requestHash, row.requestHash), isNull(k.completedAt), lt(k.createdAt, staleBefore)))
        .returning({ id: k.id });
      return taken.length > 0;
    },
    find: async (userId: string, key: string): Promise<IdempotencyRow | undefined> =>
      (await db.select().from(k).where(mine(userId, key)).limit(1))[0],
    complete: (userId: string, key: string, status: number, body: string, at: Date) =>
      db.update(k).set({ responseStatus: status, responseBody: body, completedAt: at }).where(mine(userId, key)),
    /** The request failed in a way worth trying again (5xx, a rate limit): the key is free for it. */
    release: (userId: string, key: string) => db.delete(k).where(and(mine(userId, key), isNull(k.completedAt))),
  };
}
