// Segment matching's SQL: the segments near a track, the tracks near a segment (both through the GiST box
// indexes), the streams of activities with passes, and the efforts replaced whole.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../../db/executor';
import { activityStreams, segmentEfforts, segments } from '../../../../db/schema';
import type { ActivityStreams } from '../../../../db/schema/activity-columns';
import type { Sport } from '../../../activities';
import type { Box } from '../../tracks/track.calc';

const rows = async <T>(p: Promise<{ rows: unknown[] }>): Promise<T[]> => (await p).rows as T[];
const boxSql = (b: Box) => sql`box(point(${b.minLon}, ${b.minLat}), point(${b.maxLon}, ${b.maxLat}))`;
/** Rows per insert: well under Postgres's 65,535 parameters at 11 a row. */
const INSERT_CHUNK = 500;

export interface SegmentToMatch {
  id: string;
  ownerId: string;
  sport: Sport;
  visibility: 'private' | 'public';
  polyline: string;
  distanceM: number;
  box: Box;
}

export interface TrackToMatch {
  activityId: string;
  userId: string;
  startTime: Date;
  polyline: string;
  seconds: number[];
}

export type EffortRow = typeof segmentEfforts.$inferInsert;

export function createSegmentMatchingRepo(db: Executor) {
  const segmentOf = (r: Record<string, unknown>): SegmentToMatch => ({
    id: r.id as string,
    ownerId: r.ownerId as string,
    sport: r.sport as Sport,
    visibility: r.visibility as SegmentToMatch['visibility'],
    polyline: r.polyline as string,
    distanceM: Number(r.distanceM),
    box: { minLat: Number(r.minLat), minLon: Number(r.minLon), maxLat: Number(r.maxLat), maxLon: Number(r.maxLon) },
  });
  const segmentColumns = sql`id, owner_id as "ownerId", sport, visibility, polyline, distance_m as "distanceM",
    min_lat as "minLat", min_lon as "minLon", max_lat as "maxLat", max_lon as "maxLon"`;

  return {
    /** The segments of `sport` whose box meets `box` that `userId` may match: their own and every public one. */
    segmentsNear: (userId: string, sport: Sport, box: Box) =>
      rows<Record<string, unknown>>(
        db.execute(sql`
          select ${segmentColumns} from segments
          where box(point(min_lon, min_lat), point(max_lon, max_lat)) && ${boxSql(box)}
            and sport = ${sport} and (visibility = 'public' or owner_id = ${userId})`),
      ).then((list) => list.map(segmentOf)),

    segment: (id: string) =>
      rows<Record<string, unknown>>(db.execute(sql`select ${segmentColumns} from segments where id = ${id}`)).then((list) =>
        list[0] ? segmentOf(list[0]) : null,
      ),

    /** Segments whose history is still to match, oldest first. */
    pending: (limit: number) =>
      db.select({ id: segments.id }).from(segments).where(isNull(segments.matchedAt)).orderBy(segments.createdAt).limit(limit),

    /**
     * A page of the tracks of `sport` (of live activities) whose box meets the segment's: only the owner's for a
     * private segment. Keyset on the activity id; the GiST index finds the few hundred near among thousands.
     */
    tracksNear: (seg: SegmentToMatch, limit: number, after: string | null) =>
      rows<TrackToMatch>(
        db.execute(sql`
          select t.activity_id as "activityId", t.user_id as "userId", t.start_time as "startTime", t.polyline, t.seconds
          from activity_tracks t join activities a on a.id = t.activity_id and a.deleted_at is null
          where box(point(t.min_lon, t.min_lat), point(t.max_lon, t.max_lat)) && ${boxSql(seg.box)}
            and t.sport = ${seg.sport}
            ${seg.visibility === 'private' ? sql`and t.user_id = ${seg.ownerId}` : sql``}
            ${after ? sql`and t.activity_id > ${after}::uuid` : sql``}
          order by t.activity_id limit ${limit}`),
      ).then((list) => list.map((r) => ({ ...r, startTime: new Date(r.startTime) }))),

    streams: async (activityIds: string[]): Promise<Map<string, ActivityStreams>> => {
      if (activityIds.length === 0) return new Map();
      const list = await db
        .select({ activityId: activityStreams.activityId, streams: activityStreams.streams })
        .from(activityStreams)
        .where(inArray(activityStreams.activityId, activityIds));
      return new Map(list.map((r) => [r.activityId, r.streams as ActivityStreams]));
    },

    /** Every effort of these activities gone, then `efforts` written: matching an activity again is idempotent. */
    async replaceForActivities(activityIds: string[], efforts: EffortRow[]) {
      if (activityIds.length > 0) await db.delete(segmentEfforts).where(inArray(segmentEfforts.activityId, activityIds));
      for (let i = 0; i < efforts.length; i += INSERT_CHUNK) await db.insert(segmentEfforts).values(efforts.slice(i, i + INSERT_CHUNK));
    },

    /** Every effort on the segment gone, then `efforts` written. */
    async replaceForSegment(segmentId: string, efforts: EffortRow[]) {
      await db.delete(segmentEfforts).where(eq(segmentEfforts.segmentId, segmentId));
      for (let i = 0; i < efforts.length; i += INSERT_CHUNK) await db.insert(segmentEfforts).values(efforts.slice(i, i + INSERT_CHUNK));
    },

    async markMatched(segmentId: string, at: Date) {
      await db.update(segments).set({ matchedAt: at }).where(eq(segments.id, segmentId));
    },

    /** Segments near `box` that `userId` may match sent back to the history drain (a listener's way back from a failure). */
    async requeueNear(userId: string, box: Box) {
      await db
        .update(segments)
        .set({ matchedAt: null })
        .where(
          and(
            sql`box(point(${segments.minLon}, ${segments.minLat}), point(${segments.maxLon}, ${segments.maxLat})) && ${boxSql(box)}`,
            sql`(${segments.visibility} = 'public' or ${segments.ownerId} = ${userId})`,
          ),
        );
    },
  };
}
export type SegmentMatchingRepo = ReturnType<typeof createSegmentMatchingRepo>;
