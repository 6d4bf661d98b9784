import { and, eq } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import { activityEfforts, activityMetrics } from '../../db/schema';

export function createActivityAnalysisRepo(db: StatementExecutor) {
  return {
    /** One activity's stored load and facts, owner-scoped. */
    async metricsOf(userId: string, activityId: string) {
      const [row] = await db
        .select()
        .from(activityMetrics)
        .where(and(eq(activityMetrics.userId, userId), eq(activityMetrics.activityId, activityId)));
      return row;
    },

    async effortsOf(userId: string, activityId: string) {
      return db
        .select()
        .from(activityEfforts)
        .where(and(eq(activityEfforts.userId, userId), eq(activityEfforts.activityId, activityId)));
    },
  };
}
