// An activity's GPS track for a feature that draws or follows its route (maps' courses, ADR 101): positions in
// degrees with time and altitude, decoded from the stored streams. Owner-scoped; a deleted activity is not found.
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { activities, activityStreams } from '../../db/schema';
import { POSITION_SCALE } from '../../db/schema/activity-columns';
import { deltaDecode } from '../../lib/delta-code';
import type { ActivitySource, Sport } from './activity.types';

export interface ActivityGps {
  id: string;
  name: string;
  sport: Sport;
  source: ActivitySource;
  /** Seconds since the start, per sample. */
  t: number[];
  /** Degrees per sample; null when the activity has no positions (indoors, manual, a summary only). */
  lat: number[] | null;
  lon: number[] | null;
  /** Metres per sample; null when not recorded. */
  altitudeM: number[] | null;
}

export async function activityGps(db: Executor, userId: string, activityId: string): Promise<ActivityGps | undefined> {
  const [r] = await db
    .select({
      id: activities.id,
      name: activities.name,
      sport: activities.sport,
      source: activities.source,
      streams: activityStreams.streams,
    })
    .from(activities)
    .leftJoin(activityStreams, eq(activityStreams.activityId, activities.id))
    .where(and(eq(activities.userId, userId), eq(activities.id, activityId), isNull(activities.deletedAt)));
  if (!r) return undefined;
  const s = r.streams;
  const n = s?.t.length ?? 0;
  const positioned = !!s && n > 0 && s.latE6Delta?.length === n && s.lngE6Delta?.length === n;
  return {
    id: r.id,
    name: r.name,
    sport: r.sport as Sport,
    source: r.source as ActivitySource,
    t: s?.t ?? [],
    lat: positioned ? deltaDecode(s.latE6Delta!).map((v) => v / POSITION_SCALE) : null,
    lon: positioned ? deltaDecode(s.lngE6Delta!).map((v) => v / POSITION_SCALE) : null,
    altitudeM: s?.altitudeDm?.length === n && n > 0 ? s.altitudeDm.map((v) => v / 10) : null,
  };
}
