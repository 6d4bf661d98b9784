// The only SQL of interval detection: one of the athlete's activities with its laps and per-second streams.
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { activities, activityStreams } from '../../db/schema';

export async function activityWithStreams(db: Executor, userId: string, activityId: string) {
  const [row] = await db
    .select({
      id: activities.id,
      sport: activities.sport,
      source: activities.source,
      startTime: activities.startTime,
      elapsedS: activities.elapsedTimeS,
      laps: activities.laps,
      streams: activityStreams.streams,
    })
    .from(activities)
    .leftJoin(activityStreams, eq(activityStreams.activityId, activities.id))
    // A deleted activity is gone to this read too, in its undo window as after (issue 55).
    .where(and(eq(activities.userId, userId), eq(activities.id, activityId), isNull(activities.deletedAt)));
  return row;
}
