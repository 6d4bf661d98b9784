// Bundled by analytics.bench.ts (esbuild) so Node can run the worker's own analytics code against the
// stack's Postgres through the same driver and proxy: the figures are for the production code path.
import { createDb } from '../worker/db/client';
import { createActivitiesService, type ActivityChange } from '../worker/features/activities';
import { createAnalyticsService, createTrainingLoadService } from '../worker/features/analytics';
import { createAuditService } from '../worker/features/audit/audit.service';
import { fromStravaDetail } from '../worker/features/ingest/strava/strava.mapper';
import { createLogger } from '../worker/lib/logger';
import { generateHistory } from '../scripts/sandbox/strava/generator.ts';
import { activityDetail, activityStreams } from '../scripts/sandbox/strava/wire.ts';

export function connect(databaseUrl: string, wsProxy: string) {
  const handle = createDb({ DATABASE_URL: databaseUrl, DB_WS_PROXY: wsProxy }, createLogger('warn'));
  const clock = { now: () => new Date() };
  const trainingLoad = createTrainingLoadService({ db: handle.db, clock, audit: createAuditService(handle.db, null) });
  const changeTimes: number[] = [];
  // Times the maintenance step alone (it runs inside the activity write's transaction).
  const onChange = async (tx: Parameters<typeof trainingLoad.applyChange>[0], userId: string, change: ActivityChange) => {
    const t0 = performance.now();
    await trainingLoad.applyChange(tx, userId, change);
    changeTimes.push(performance.now() - t0);
  };
  return {
    db: handle.db,
    close: handle.close,
    trainingLoad,
    activities: createActivitiesService({ db: handle.db, onChange }),
    analytics: createAnalyticsService({ db: handle.db, clock }),
    changeTimes,
  };
}

/** The sandbox generator's history for one athlete, as the Strava mapper turns it into activities. */
export function* history(athleteId: number, count: number, endDate: Date, withStreamsFrom: number) {
  const all = generateHistory(athleteId, { count, endDate });
  for (const [i, a] of all.entries()) {
    const streams =
      i >= withStreamsFrom ? activityStreams(a, ['time', 'heartrate', 'velocity_smooth', 'watts', 'altitude', 'cadence']) : null;
    yield fromStravaDetail(activityDetail(a), streams);
  }
}
