import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { analyticsRebuilds } from '../../db/schema';

/** Support: whether an analytics rebuild is waiting for the cron, and why. */
export function createAnalyticsSupportRepo(db: Executor) {
  return {
    async pendingRebuild(userId: string) {
      const [row] = await db
        .select({ reason: analyticsRebuilds.reason, requestedAt: analyticsRebuilds.requestedAt })
        .from(analyticsRebuilds)
        .where(eq(analyticsRebuilds.userId, userId));
      return row ?? null;
    },
  };
}
