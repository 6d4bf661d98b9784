import { and, eq, gt, sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import { loginThrottle } from '../../db/schema';

// Failed sign-ins per key (a hashed account, an IP) and the lock they earn.

export async function findThrottleLock(db: Executor | StatementExecutor, keys: string[], now: Date): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(and(sql`${loginThrottle.key} = any(${sql.param(keys)}::text[])`, gt(loginThrottle.lockedUntil, now)));
  const times = rows.map((r) => r.lockedUntil?.getTime() ?? 0);
  return times.length ? new Date(Math.max(...times)) : null;
}

/** Counts a failure; a key quiet for `decaySeconds` starts again from one. Returns the new count. */
export async function recordFailure(db: Executor | StatementExecutor, key: string, decaySeconds: number): Promise<number> {
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1 })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`case when ${loginThrottle.lastFailureAt} < now() - make_interval(secs => ${decaySeconds}) then 1 else ${loginThrottle.failures} + 1 end`,
        lastFailureAt: sql`now()`,
      },
    })
    .returning({ failures: loginThrottle.failures });
  return row?.failures ?? 1;
}

export async function lockThrottle(db: Executor | StatementExecutor, key: string, until: Date): Promise<void> {
  await db.update(loginThrottle).set({ lockedUntil: until }).where(eq(loginThrottle.key, key));
}

export async function clearThrottle(db: Executor | StatementExecutor, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}
