// The strict policy's cache window in SQL: Strava API rows written more than the window ago are cut down to
// what the policy lets us keep (ADR 036).
import { and, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { activities, activityEfforts, activityMetrics, activityStreams, activityTracks, segmentEfforts } from '../../../db/schema';
import { SPORT_LABELS } from '../activity.types';

export interface ReducedRow {
  id: string;
  userId: string;
  day: string;
}

// The kept name says only the sport ("Run"): the athlete's title is Strava data.
const sportName = sql.raw(
  `case sport ${Object.entries(SPORT_LABELS)
    .map(([k, v]) => `when '${k}' then '${v}'`)
    .join(' ')} else 'Activity' end`,
);

/** Athletes with Strava API rows past the window and not reduced yet. */
export async function athletesDue(db: Executor, cutoff: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ userId: activities.userId })
    .from(activities)
    .where(and(eq(activities.source, 'strava'), isNull(activities.cacheReducedAt), lt(activities.updatedAt, cutoff)));
  return rows.map((r) => r.userId);
}

/** Whether this athlete already had a row reduced before (they were told then). */
export async function hadReduced(db: Executor, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: activities.id })
    .from(activities)
    .where(and(eq(activities.userId, userId), eq(activities.source, 'strava'), isNotNull(activities.cacheReducedAt)))
    .limit(1);
  return row !== undefined;
}

/**
 * Keeps id, identity (source, Strava id: the archive upgrades the row in place by it), sport, start time and
 * day, time zone, moving and elapsed time and distance; drops the title, description and gear, HR, power,
 * cadence, calories, elevation, laps, efforts, streams and the derived metrics.
 */
export async function reduce(db: Executor, userId: string, cutoff: Date, now: Date): Promise<ReducedRow[]> {
  const rows = await db
    .update(activities)
    .set({
      name: sportName,
      elevationGainM: null,
      avgHr: null,
      maxHr: null,
      avgPower: null,
      normalizedPower: null,
      avgCadence: null,
      calories: null,
      laps: [],
      bestEfforts: [],
      dataQuality: [],
      extras: {},
      detailComplete: false,
      // Not a hash of anything: a later fetch of the same activity always writes (and restarts its window).
      contentHash: 'reduced',
      cacheReducedAt: now,
    })
    .where(
      and(
        eq(activities.userId, userId),
        eq(activities.source, 'strava'),
        isNull(activities.cacheReducedAt),
        lt(activities.updatedAt, cutoff),
      ),
    )
    .returning({ id: activities.id, userId: activities.userId, day: activities.localStartDate });
  const ids = rows.map((r) => r.id);
  if (ids.length > 0) {
    await db.delete(activityStreams).where(inArray(activityStreams.activityId, ids));
    await db.delete(activityEfforts).where(inArray(activityEfforts.activityId, ids));
    await db.delete(activityMetrics).where(inArray(activityMetrics.activityId, ids));
    // The route and its segment efforts are derived from the positions: they go with them (the heatmap follows the tracks).
    await db.delete(activityTracks).where(inArray(activityTracks.activityId, ids));
    await db.delete(segmentEfforts).where(inArray(segmentEfforts.activityId, ids));
  }
  return rows;
}

/** How many of this athlete's Strava API rows a strict read leaves out (the pages' "left out" line). */
export async function stravaCount(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(activities)
    .where(and(eq(activities.userId, userId), eq(activities.source, 'strava'), isNull(activities.duplicateOf)));
  return row?.n ?? 0;
}
