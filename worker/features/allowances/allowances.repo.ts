// The only SQL of the shared hourly allowances (`action_counters`).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { actionCounters } from '../../db/schema';

/**
 * One more `bucket` action in the window starting at `windowStart`, unless `limit` are used: the conditional upsert
 * orders racing requests on the row, so exactly the remaining ones pass. The count after it, or null when refused.
 */
export async function takeAction(db: Executor, userId: string, bucket: string, windowStart: Date, limit: number): Promise<number | null> {
  const rows = await db
    .insert(actionCounters)
    .values({ userId, bucket, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [actionCounters.userId, actionCounters.bucket, actionCounters.windowStart],
      set: { count: sql`${actionCounters.count} + 1` },
      setWhere: sql`${actionCounters.count} < ${limit}`,
    })
    .returning({ count: actionCounters.count });
  return rows[0]?.count ?? null;
}
