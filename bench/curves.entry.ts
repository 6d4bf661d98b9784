// Bundled by curves.bench.ts (esbuild): the worker's own write and read paths for duration curves, against the
// stack's Postgres, plus the curve step of an activity write timed alone.
import { sql } from 'drizzle-orm';
import { activityCurves } from '../worker/features/analytics/curves/activity-curves.calc';
import * as curvesRepo from '../worker/features/analytics/curves/curves.repo';
import { lockAthlete, withStreams } from '../worker/features/analytics/training-load.repo';
import { connect as connectAnalytics } from './analytics.entry';

export { history } from './analytics.entry';
export { fourHourRide } from './streams.entry';

export function connect(databaseUrl: string, wsProxy: string) {
  const h = connectAnalytics(databaseUrl, wsProxy);
  return {
    ...h,
    /**
     * What an activity write does for curves, with the streams already at hand (as in applyChange): compute the
     * curves, replace the activity's rows and rebuild its month. Returns the milliseconds of that step (the
     * transaction is rolled back, so it can be repeated).
     */
    async curveStep(userId: string, activityId: string): Promise<number> {
      let ms = 0;
      await h.db
        .transaction(async (tx) => {
          await lockAthlete(tx, userId);
          const [row] = await withStreams(tx, userId, [activityId]);
          const t0 = performance.now();
          const curves = activityCurves(row!, row!.streams);
          await curvesRepo.replaceActivityCurves(
            tx,
            userId,
            [row!.id],
            curves.map((c) => ({ ...c, activityId: row!.id, source: row!.source, localDate: row!.localDate })),
          );
          await curvesRepo.rebuildMonths(tx, userId, curvesRepo.monthsOf([row!.localDate]));
          ms = performance.now() - t0;
          await tx.execute(sql`select 1`);
          throw new Rollback();
        })
        .catch((e) => {
          if (!(e instanceof Rollback)) throw e;
        });
      return ms;
    },
  };
}

class Rollback extends Error {}
