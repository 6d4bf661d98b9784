// The tracks' SQL: which athletes' histories moved on, which activities lack a current track, and the rows.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { activityTracks, mapStates } from '../../../db/schema';
import type { ActivityStreams } from '../../../db/schema/activity-columns';
import type { Sport } from '../../activities';
import type { Box } from './track.calc';

const rows = async <T>(p: Promise<{ rows: unknown[] }>): Promise<T[]> => (await p).rows as T[];

export interface TrackRef {
  activityId: string;
  sport: Sport;
  startTime: Date;
}

export interface StoredTrack extends TrackRef, Box {
  userId: string;
  polyline: string;
  seconds: number[];
  distanceM: number;
}

export function createTracksRepo(db: Executor) {
  return {
    /** Athletes whose analytics version moved on since their tracks were last synced, most behind first. */
    stale: (limit: number) =>
      rows<{ id: string; version: number }>(
        db.execute(sql`
          select u.id, u.analytics_version as version from users u left join map_states m on m.user_id = u.id
          where u.analytics_version > coalesce(m.analytics_version, 0)
          order by u.analytics_version - coalesce(m.analytics_version, 0) desc, u.id limit ${limit}`),
      ),

    /** Activities with positions and no current track (or one of an older version), oldest first, with their streams. */
    missing: (userId: string, version: number, limit: number, after: { startTime: Date; activityId: string } | null) =>
      rows<TrackRef & { streams: ActivityStreams }>(
        db.execute(sql`
          select a.id as "activityId", a.sport, a.start_time as "startTime", s.streams
          from activities a
            join activity_streams s on s.activity_id = a.id
            left join activity_tracks t on t.activity_id = a.id
          where a.user_id = ${userId} and a.deleted_at is null and s.streams ? 'latE6Delta'
            and (t.activity_id is null or t.version < ${version})
            ${after ? sql`and (a.start_time, a.id) > (${after.startTime.toISOString()}, ${after.activityId}::uuid)` : sql``}
          order by a.start_time, a.id limit ${limit}`),
      ).then((list) => list.map((r) => ({ ...r, startTime: new Date(r.startTime) }))),

    /** Removes the tracks of activities in the trash or without positions any more; returns what went. */
    dropGone: (userId: string) =>
      rows<TrackRef>(
        db.execute(sql`
          delete from activity_tracks t
          where t.user_id = ${userId} and not exists (
            select 1 from activities a join activity_streams s on s.activity_id = a.id
            where a.id = t.activity_id and a.deleted_at is null and s.streams ? 'latE6Delta')
          returning t.activity_id as "activityId", t.sport, t.start_time as "startTime"`),
      ).then((list) => list.map((r) => ({ ...r, startTime: new Date(r.startTime) }))),

    async put(track: Omit<StoredTrack, 'startTime'> & { startTime: Date; version: number }) {
      await db
        .insert(activityTracks)
        .values(track)
        .onConflictDoUpdate({
          target: activityTracks.activityId,
          set: {
            sport: track.sport,
            startTime: track.startTime,
            minLat: track.minLat,
            minLon: track.minLon,
            maxLat: track.maxLat,
            maxLon: track.maxLon,
            polyline: track.polyline,
            seconds: track.seconds,
            distanceM: track.distanceM,
            version: track.version,
          },
        });
    },

    async markSynced(userId: string, version: number, at: Date) {
      await db
        .insert(mapStates)
        .values({ userId, analyticsVersion: version, syncedAt: at })
        .onConflictDoUpdate({
          target: mapStates.userId,
          set: { analyticsVersion: sql`greatest(${mapStates.analyticsVersion}, excluded.analytics_version)`, syncedAt: at },
        });
    },

    /** One athlete's stored tracks by id (only theirs: another's id reads nothing). */
    byIds: (userId: string, ids: string[]): Promise<StoredTrack[]> =>
      ids.length === 0
        ? Promise.resolve([])
        : db
            .select()
            .from(activityTracks)
            .where(and(eq(activityTracks.userId, userId), inArray(activityTracks.activityId, ids))),
  };
}
export type TracksRepo = ReturnType<typeof createTracksRepo>;
