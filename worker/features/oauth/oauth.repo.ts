// The OAuth feature's SQL: the account a token speaks for and the connection's minute window, on every /mcp request.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import { oauthRateWindows, privacyRequests, users } from '../../db/schema';
import { type UserRow, userColumns } from '../auth';

/**
 * The user a grant was made by, while the account may still be used: not blocked, and no deletion waiting to run
 * (a request revokes the grants too, but KV's revocation takes up to a minute to reach every location; this is at once).
 */
export async function usableUser(db: Executor | StatementExecutor, userId: string): Promise<UserRow | null> {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .where(
      and(
        eq(users.id, userId),
        isNull(users.blockedAt),
        sql`not exists (select 1 from ${privacyRequests} p where p.user_id = ${users.id} and p.kind = 'deletion'
          and p.status in ('queued', 'running'))`,
      ),
    )
    .limit(1);
  return (row as UserRow | undefined) ?? null;
}

/**
 * One request taken from the athlete's window for this assistant (ADR 107, as a key's, ADR 105): the count after it
 * (a new window starts at 1), or null when this window already holds `limit`. One statement: racing requests queue on
 * the row (or on the first insert) and each re-checks the count, so exactly `limit` pass in a window. Its commit is
 * asynchronous as the key's is (a crash can lose the last instants of a minute's count, nothing else): run it alone.
 */
export async function takeWindow(
  db: Executor | StatementExecutor,
  w: { userId: string; clientId: string; windowStart: Date; limit: number },
): Promise<number | null> {
  const t = oauthRateWindows;
  const [row] = await db
    .insert(t)
    .values({ userId: w.userId, clientId: w.clientId, windowStart: w.windowStart, windowCount: 1 })
    .onConflictDoUpdate({
      target: [t.userId, t.clientId],
      set: {
        windowCount: sql`case when ${t.windowStart} = excluded.window_start then ${t.windowCount} + 1 else 1 end`,
        windowStart: sql`excluded.window_start`,
      },
      setWhere: sql`${t.windowStart} is distinct from excluded.window_start or ${t.windowCount} < ${w.limit}`,
    })
    .returning({ count: t.windowCount, asyncCommit: sql<string>`set_config('synchronous_commit', 'off', true)` });
  return row?.count ?? null;
}

/** When each of the athlete's assistants last called (its window's start: to the minute), by client. */
export async function lastUses(db: Executor | StatementExecutor, userId: string): Promise<Map<string, Date>> {
  const rows = await db
    .select({ clientId: oauthRateWindows.clientId, at: oauthRateWindows.windowStart })
    .from(oauthRateWindows)
    .where(eq(oauthRateWindows.userId, userId));
  return new Map(rows.map((r) => [r.clientId, r.at]));
}
