// The only SQL of the OAuth feature: the account a token speaks for, read on every /mcp request.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import { privacyRequests, users } from '../../db/schema';
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
