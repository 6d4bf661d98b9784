// Segments' SQL (ADR 102): the athlete's segments, their efforts with the activity behind each, the privacy zones a
// gate may fall in, and the board's circle (follows, org mates, opt-in, reviews) read as the weekly boards read it.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { segments } from '../../../db/schema';
import type { ActivityStreams } from '../../../db/schema/activity-columns';
import type { ActivitySource, Sport } from '../../activities';
import { decodePolyline, type LatLon } from '../../../lib/geo';
import { trackOf } from '../tracks/track.calc';
import type { Zone } from './segments.calc';

const rows = async <T>(p: Promise<{ rows: unknown[] }>): Promise<T[]> => (await p).rows as T[];

export type SegmentRow = typeof segments.$inferSelect;
export type NewSegment = typeof segments.$inferInsert;

/** One effort with what a receipt and a board need of its activity. */
export interface EffortRow {
  id: string;
  segmentId: string;
  activityId: string;
  userId: string;
  startedAt: Date;
  startS: number;
  endS: number;
  elapsedS: number;
  avgPowerW: number | null;
  avgHr: number | null;
  avgSpeedMs: number | null;
  activityName: string;
  source: ActivitySource;
  sport: Sport;
}

const EFFORT_COLUMNS = sql`e.id, e.segment_id as "segmentId", e.activity_id as "activityId", e.user_id as "userId",
  e.started_at as "startedAt", e.start_s as "startS", e.end_s as "endS", e.elapsed_s as "elapsedS",
  e.avg_power_w as "avgPowerW", e.avg_hr as "avgHr", e.avg_speed_ms as "avgSpeedMs", a.name as "activityName", a.source, a.sport`;
const dated = <T extends { startedAt: Date }>(list: T[]) => list.map((r) => ({ ...r, startedAt: new Date(r.startedAt) }));

export function createSegmentsRepo(db: Executor) {
  return {
    /** The athlete's own live activity with its sport and streams (null streams: none stored). */
    ownActivity: async (userId: string, activityId: string) =>
      (
        await rows<{ id: string; sport: Sport; streams: ActivityStreams | null }>(
          db.execute(sql`
            select a.id, a.sport, s.streams from activities a left join activity_streams s on s.activity_id = a.id
            where a.id = ${activityId} and a.user_id = ${userId} and a.deleted_at is null`),
        )
      )[0],

    count: async (ownerId: string) =>
      (await rows<{ n: number }>(db.execute(sql`select count(*)::int as n from segments where owner_id = ${ownerId}`)))[0]?.n ?? 0,

    async insert(s: NewSegment): Promise<SegmentRow> {
      const [row] = await db.insert(segments).values(s).returning();
      return row!;
    },

    byId: async (id: string): Promise<SegmentRow | undefined> => (await db.select().from(segments).where(eq(segments.id, id)))[0],

    /** The athlete's segments, newest first, each with their effort count and best time. */
    mine: (ownerId: string) =>
      rows<SegmentRow & { efforts: number; bestS: number | null }>(
        db.execute(sql`
          select s.id, s.name, s.sport, s.visibility, s.distance_m as "distanceM", s.climb_m as "climbM",
            s.grade_pct as "gradePct", s.matched_at as "matchedAt", s.created_at as "createdAt",
            count(e.id)::int as efforts, min(e.elapsed_s) as "bestS"
          from segments s
            left join segment_efforts e on e.segment_id = s.id and e.user_id = ${ownerId}
              and exists (select 1 from activities a where a.id = e.activity_id and a.deleted_at is null)
          where s.owner_id = ${ownerId}
          group by s.id order by s.created_at desc, s.id`),
      ),

    async update(id: string, ownerId: string, patch: Partial<Pick<SegmentRow, 'name' | 'visibility'>>) {
      const [row] = await db
        .update(segments)
        .set(patch)
        .where(and(eq(segments.id, id), eq(segments.ownerId, ownerId)))
        .returning();
      return row;
    },

    /** Back to "matching" (a segment made public is matched over everyone's history again). */
    rematch: (id: string) => db.update(segments).set({ matchedAt: null }).where(eq(segments.id, id)),

    /** Everyone else's efforts on a segment made private: only its owner's are matched for it. */
    dropOthers: (id: string, ownerId: string) =>
      db.execute(sql`delete from segment_efforts where segment_id = ${id} and user_id <> ${ownerId}`),

    remove: async (id: string, ownerId: string) =>
      (
        await db
          .delete(segments)
          .where(and(eq(segments.id, id), eq(segments.ownerId, ownerId)))
          .returning({ id: segments.id })
      ).length > 0,

    /** One athlete's efforts on a segment, newest first, live activities only. */
    efforts: (segmentId: string, userIds: readonly string[]) =>
      rows<EffortRow>(
        db.execute(sql`
          select ${EFFORT_COLUMNS} from segment_efforts e join activities a on a.id = e.activity_id and a.deleted_at is null
          where e.segment_id = ${segmentId} and e.user_id = any(${sql.param([...userIds])}::uuid[])
          order by e.started_at desc, e.id`),
      ).then(dated),

    /** The efforts on one of the athlete's activities, with each segment's name and distance. */
    onActivity: (userId: string, activityId: string) =>
      rows<EffortRow & { segmentName: string; distanceM: number; visibility: string }>(
        db.execute(sql`
          select ${EFFORT_COLUMNS}, s.name as "segmentName", s.distance_m as "distanceM", s.visibility
          from segment_efforts e join activities a on a.id = e.activity_id and a.deleted_at is null
            join segments s on s.id = e.segment_id and (s.owner_id = ${userId} or s.visibility = 'public')
          where e.activity_id = ${activityId} and e.user_id = ${userId}
          order by e.start_s, e.id`),
      ).then(dated),

    /** The athlete's elapsed times on these segments (their own rank on each). */
    myTimes: (userId: string, segmentIds: string[]) =>
      rows<{ segmentId: string; id: string; elapsedS: number; startedAt: Date }>(
        db.execute(sql`
          select e.segment_id as "segmentId", e.id, e.elapsed_s as "elapsedS", e.started_at as "startedAt"
          from segment_efforts e join activities a on a.id = e.activity_id and a.deleted_at is null
          where e.user_id = ${userId} and e.segment_id = any(${sql.param(segmentIds)}::uuid[])`),
      ).then(dated),

    /**
     * Everyone's zones near these points (a box of 0.02° a side around each, wider than the largest radius, 1,609 m);
     * the caller measures the exact distance.
     */
    zonesNear: (points: LatLon[]) =>
      rows<Zone & { userId: string }>(
        db.execute(sql`
          select user_id as "userId", lat, lon, radius_m as "radiusM" from privacy_zones
          where ${sql.join(
            points.map(
              (p) =>
                sql`(lat between ${p.lat - 0.02} and ${p.lat + 0.02} and lon between ${p.lon - 0.02 / Math.max(0.05, Math.cos((p.lat * Math.PI) / 180))} and ${p.lon + 0.02 / Math.max(0.05, Math.cos((p.lat * Math.PI) / 180))})`,
            ),
            sql` or `,
          )}`),
      ),

    /** Where each activity starts and finishes: its stored track, or its streams while the sync has not built one. */
    async endsOf(activityIds: string[]): Promise<Map<string, { first: LatLon; last: LatLon }>> {
      const out = new Map<string, { first: LatLon; last: LatLon }>();
      const tracks = await rows<{ id: string; polyline: string }>(
        db.execute(sql`select activity_id as id, polyline from activity_tracks where activity_id = any(${sql.param(activityIds)}::uuid[])`),
      );
      for (const t of tracks) {
        const p = decodePolyline(t.polyline, 6);
        if (p.length) out.set(t.id, { first: p[0]!, last: p.at(-1)! });
      }
      const missing = activityIds.filter((id) => !out.has(id));
      if (!missing.length) return out;
      const streams = await rows<{ id: string; streams: ActivityStreams }>(
        db.execute(sql`select activity_id as id, streams from activity_streams where activity_id = any(${sql.param(missing)}::uuid[])`),
      );
      for (const r of streams) {
        const track = trackOf(r.streams);
        if (track)
          out.set(r.id, { first: { lat: track.lat[0]!, lon: track.lon[0]! }, last: { lat: track.lat.at(-1)!, lon: track.lon.at(-1)! } });
      }
      return out;
    },

    zonesOf: (userIds: string[]) =>
      rows<Zone & { userId: string }>(
        db.execute(sql`
          select user_id as "userId", lat, lon, radius_m as "radiusM" from privacy_zones
          where user_id = any(${sql.param(userIds)}::uuid[])`),
      ),

    /** Org mates as the weekly boards count them: athletes linked to an org the viewer belongs to or is linked with. */
    orgMates: (viewerId: string) =>
      rows<{ id: string }>(
        db.execute(sql`
          with mine as (
            select org_id from org_members where user_id = ${viewerId}
            union select org_id from athlete_links where athlete_user_id = ${viewerId} and status = 'accepted' and ended_at is null
          )
          select distinct l.athlete_user_id as id from athlete_links l join mine m on m.org_id = l.org_id
          where l.status = 'accepted' and l.ended_at is null and l.athlete_user_id is not null`),
      ).then((list) => list.map((r) => r.id)),

    /** Of these athletes, those who opted in to boards (the weekly boards' one switch) with their names. */
    optedIn: (userIds: string[]) =>
      rows<{ id: string; displayName: string }>(
        db.execute(sql`
          select p.user_id as id, u.display_name as "displayName" from social_profiles p join users u on u.id = p.user_id
          where p.leaderboard_opt_in and p.user_id = any(${sql.param(userIds)}::uuid[])`),
      ),

    /** The athlete's review requests on these activities (the weekly boards' table), oldest first. */
    reviews: (userId: string, activityIds: string[]) =>
      rows<{ id: string; activityId: string; status: 'open' | 'accepted' | 'declined'; decisionReason: string | null }>(
        db.execute(sql`
          select id, activity_id as "activityId", status, decision_reason as "decisionReason" from leaderboard_reviews
          where user_id = ${userId} and activity_id = any(${sql.param(activityIds)}::uuid[]) order by created_at`),
      ),

    ownerName: async (userId: string) =>
      (
        await rows<{ id: string; displayName: string }>(
          db.execute(sql`select id, display_name as "displayName" from users where id = ${userId}`),
        )
      )[0],
  };
}
export type SegmentsRepo = ReturnType<typeof createSegmentsRepo>;
