// The only SQL of posts, kudos and comments, and of the shared activity's figures and track. Reads return stored
// rows; what a viewer may see of them is the serializer's decision, never a query's.
import { type SQL, and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../../db/executor';
import { activities, activityStreams, mutes, postComments, postKudos, posts, privacyZones, users } from '../../../db/schema';
import { POSITION_SCALE } from '../../activities';
import { deltaDecode } from '../../../lib/delta-code';
import type { Track } from '../privacy-cut';
import type { AddressZone } from '../privacy-zones';
import type { PostRecord } from './serializer';

export type NewPost = typeof posts.$inferInsert;
export type PostPatch = Partial<
  Pick<NewPost, 'title' | 'body' | 'rpe' | 'visibility' | 'hideMap' | 'hideHeartRate' | 'hidePacePower' | 'hideNotes' | 'sport'>
> & { durationS?: number | null; distanceM?: number | null; dayAt?: Date };

/**
 * The keyset position of a feed row: (day trained, created, id), newest first. The instants are Postgres's own
 * text to the microsecond: a JavaScript Date keeps milliseconds, and a cursor rounded down would skip rows.
 */
export interface FeedKey {
  dayAt: string;
  createdAt: string;
  id: string;
}

const postColumns = {
  id: posts.id,
  authorId: posts.authorId,
  kind: posts.kind,
  activityId: posts.activityId,
  title: posts.title,
  body: posts.body,
  sport: posts.sport,
  durationS: posts.durationS,
  distanceM: posts.distanceM,
  rpe: posts.rpe,
  visibility: posts.visibility,
  hideMap: posts.hideMap,
  hideHeartRate: posts.hideHeartRate,
  hidePacePower: posts.hidePacePower,
  hideNotes: posts.hideNotes,
  dayAt: posts.dayAt,
  createdAt: posts.createdAt,
  hiddenAt: posts.hiddenAt,
  hiddenReason: posts.hiddenReason,
};
const asRecord = (r: Record<string, unknown>) => r as unknown as PostRecord;

// Single statements only (no transaction of its own): the feed's reads run it over the HTTP driver.
export function createPostsRepo(db: Executor | StatementExecutor) {
  // Both drivers (the pool's and the HTTP one) answer a raw statement with its rows as objects.
  const rowsOf = async <T>(q: SQL) => ((await db.execute(q)) as unknown as { rows: T[] }).rows;
  return {
    /** undefined: the activity is already shared (one post per activity). */
    async insert(values: NewPost): Promise<PostRecord | undefined> {
      const [row] = await db.insert(posts).values(values).onConflictDoNothing().returning(postColumns);
      return row ? asRecord(row) : undefined;
    },
    async update(authorId: string, id: string, patch: PostPatch): Promise<boolean> {
      const rows = await db
        .update(posts)
        .set({ ...patch, updatedAt: sql`now()` })
        .where(and(eq(posts.id, id), eq(posts.authorId, authorId)))
        .returning({ id: posts.id });
      return rows.length > 0;
    },
    async remove(authorId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(posts)
        .where(and(eq(posts.id, id), eq(posts.authorId, authorId)))
        .returning({ id: posts.id });
      return rows.length > 0;
    },
    async byId(id: string): Promise<PostRecord | undefined> {
      const [row] = await db.select(postColumns).from(posts).where(eq(posts.id, id)).limit(1);
      return row ? asRecord(row) : undefined;
    },
    async byActivity(activityId: string): Promise<string | undefined> {
      const [row] = await db.select({ id: posts.id }).from(posts).where(eq(posts.activityId, activityId)).limit(1);
      return row?.id;
    },
    /** The owner's activity (deleted ones are not found): what the composer and a new post need. */
    async ownActivity(userId: string, activityId: string) {
      const [row] = await db
        .select({
          id: activities.id,
          source: activities.source,
          name: activities.name,
          startTime: activities.startTime,
          sport: activities.sport,
        })
        .from(activities)
        .where(and(eq(activities.id, activityId), eq(activities.userId, userId), sql`${activities.deletedAt} is null`))
        .limit(1);
      return row;
    },
    /** The shared activities' figures and sources, by id. */
    async activityFacts(ids: string[]) {
      if (ids.length === 0) return [];
      return db
        .select({
          id: activities.id,
          source: activities.source,
          sport: activities.sport,
          movingTimeS: activities.movingTimeS,
          elapsedTimeS: activities.elapsedTimeS,
          distanceM: activities.distanceM,
          avgHr: activities.avgHr,
          maxHr: activities.maxHr,
          avgPower: activities.avgPower,
        })
        .from(activities)
        .where(inArray(activities.id, ids));
    },
    /** The recorded track of an activity (null indoors or without streams), decoded. */
    async track(activityId: string): Promise<Track | null> {
      const [row] = await db.select({ s: activityStreams.streams }).from(activityStreams).where(eq(activityStreams.activityId, activityId));
      const s = row?.s;
      const n = s?.t.length ?? 0;
      if (!s || n < 2 || s.latE6Delta?.length !== n || s.lngE6Delta?.length !== n) return null;
      const lat = deltaDecode(s.latE6Delta).map((v) => v / POSITION_SCALE);
      const lon = deltaDecode(s.lngE6Delta).map((v) => v / POSITION_SCALE);
      const distanceM = s.distanceDmDelta?.length === n ? deltaDecode(s.distanceDmDelta).map((v) => v / 10) : null;
      return { lat, lon, t: s.t, distanceM: distanceM ?? cumulative(lat, lon) };
    },
    zones: (userId: string): Promise<AddressZone[]> =>
      db
        .select({ id: privacyZones.id, lat: privacyZones.lat, lon: privacyZones.lon, radiusM: privacyZones.radiusM })
        .from(privacyZones)
        .where(eq(privacyZones.userId, userId)),
    names: async (ids: string[]) =>
      ids.length === 0
        ? []
        : db.select({ id: users.id, displayName: users.displayName, timeZone: users.timeZone }).from(users).where(inArray(users.id, ids)),
    /** Kudos and comment counts of these posts, and whether the viewer gave kudos: exact at read time. */
    async counts(postIds: string[], viewerId: string | null) {
      if (postIds.length === 0) return [];
      const ids = sql.join(
        postIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      );
      return rowsOf<{ id: string; kudos: number; mine: boolean; comments: number }>(sql`
        select p.id,
          (select count(*)::int from ${postKudos} k where k.post_id = p.id) as kudos,
          exists (select 1 from ${postKudos} k where k.post_id = p.id and k.user_id = ${viewerId}::uuid) as mine,
          (select count(*)::int from ${postComments} c where c.post_id = p.id and c.hidden_at is null) as comments
        from unnest(array[${ids}]) as p(id)`);
    },
    /**
     * One feed page in two steps through posts_author_feed_idx. First each author's newest row past the cursor (one
     * short backward index scan each); the `limit`-th newest of those heads bounds the page from below, since at least
     * `limit` rows lie at or above it. Then only the authors whose head reaches the bound are read again, and only down
     * to it. A page reads ~authors + a page of rows instead of authors × a page. Others' private and hidden posts are
     * left out here to keep pages full, and authors the viewer muted; the serializer still decides each row.
     */
    async feed(
      viewerId: string,
      authorIds: string[] | SQL,
      after: FeedKey | null,
      limit: number,
    ): Promise<(PostRecord & { key: FeedKey })[]> {
      if (Array.isArray(authorIds) && authorIds.length === 0) return [];
      // One array parameter (the ids are the database's own uuids), not one parameter per author; or a subquery
      // of them (`id`), so that the page and who it is of are one round trip.
      const authors = Array.isArray(authorIds) ? sql`unnest(${`{${authorIds.join(',')}}`}::uuid[]) as a(id)` : sql`(${authorIds}) as a(id)`;
      const past = after
        ? sql`and (p.day_at, p.created_at, p.id) < (${after.dayAt}::timestamptz, ${after.createdAt}::timestamptz, ${after.id}::uuid)`
        : sql``;
      const mayRead = sql`(p.author_id = ${viewerId}::uuid or (p.visibility <> 'private' and p.hidden_at is null))`;
      const rows = await rowsOf<Record<string, unknown>>(sql`
        with heads as (
          select a.id as author_id, h.day_at, h.created_at, h.id
          from ${authors}
          cross join lateral (
            select p.day_at, p.created_at, p.id from ${posts} p
            where p.author_id = a.id ${past} and ${mayRead}
            order by p.day_at desc, p.created_at desc, p.id desc
            limit 1
          ) h
          where not exists (select 1 from ${mutes} m where m.muter_id = ${viewerId}::uuid and m.muted_id = a.id)
        ),
        nth as (
          select day_at, created_at, id from heads order by day_at desc, created_at desc, id desc offset ${limit - 1} limit 1
        ),
        bound as (
          select coalesce((select day_at from nth), '-infinity'::timestamptz) as day_at,
            coalesce((select created_at from nth), '-infinity'::timestamptz) as created_at,
            coalesce((select id from nth), '00000000-0000-0000-0000-000000000000'::uuid) as id
        )
        select q.* from heads h
        cross join bound b
        cross join lateral (
          select p.id, p.author_id as "authorId", p.kind, p.activity_id as "activityId", p.title, p.body, p.sport,
            p.duration_s as "durationS", p.distance_m as "distanceM", p.rpe, p.visibility, p.hide_map as "hideMap",
            p.hide_heart_rate as "hideHeartRate", p.hide_pace_power as "hidePacePower", p.hide_notes as "hideNotes",
            p.day_at as "dayAt", p.created_at as "createdAt", p.hidden_at as "hiddenAt", p.hidden_reason as "hiddenReason",
            to_char(p.day_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "dayKey",
            to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "createdKey"
          from ${posts} p
          where p.author_id = h.author_id ${past}
            and (p.day_at, p.created_at, p.id) >= (b.day_at, b.created_at, b.id)
            and ${mayRead}
          order by p.day_at desc, p.created_at desc, p.id desc
          limit ${limit}
        ) q
        where (h.day_at, h.created_at, h.id) >= (b.day_at, b.created_at, b.id)
        order by q."dayAt" desc, q."createdAt" desc, q.id desc
        limit ${limit}`);
      return rows.map(({ dayKey, createdKey, ...r }) => ({
        ...asRecord({
          ...r,
          dayAt: new Date(r.dayAt as string),
          createdAt: new Date(r.createdAt as string),
          hiddenAt: r.hiddenAt ? new Date(r.hiddenAt as string) : null,
        }),
        key: { dayAt: dayKey as string, createdAt: createdKey as string, id: r.id as string },
      }));
    },

    giveKudos: (postId: string, userId: string) =>
      db.insert(postKudos).values({ postId, userId }).onConflictDoNothing().returning({ postId: postKudos.postId }),
    takeKudos: (postId: string, userId: string) =>
      db.delete(postKudos).where(and(eq(postKudos.postId, postId), eq(postKudos.userId, userId))),
    kudosGivers: (postId: string) =>
      db
        .select({ id: users.id, displayName: users.displayName })
        .from(postKudos)
        .innerJoin(users, eq(users.id, postKudos.userId))
        .where(eq(postKudos.postId, postId))
        .orderBy(asc(postKudos.createdAt)),

    addComment: async (postId: string, authorId: string, body: string) =>
      (await db.insert(postComments).values({ postId, authorId, body }).returning())[0]!,
    comments: (postId: string) =>
      db
        .select({ comment: postComments, author: { id: users.id, displayName: users.displayName } })
        .from(postComments)
        .innerJoin(users, eq(users.id, postComments.authorId))
        .where(eq(postComments.postId, postId))
        .orderBy(asc(postComments.createdAt), asc(postComments.id)),
    comment: async (id: string) =>
      (
        await db
          .select({ id: postComments.id, postId: postComments.postId, authorId: postComments.authorId, postAuthorId: posts.authorId })
          .from(postComments)
          .innerJoin(posts, eq(posts.id, postComments.postId))
          .where(eq(postComments.id, id))
          .limit(1)
      )[0],
    removeComment: (id: string) => db.delete(postComments).where(eq(postComments.id, id)),
  };
}
export type PostsRepo = ReturnType<typeof createPostsRepo>;

/** Cumulative metres along a track with no distance channel (haversine-free flat steps are enough at 1 Hz). */
function cumulative(lat: number[], lon: number[]): number[] {
  const out = [0];
  for (let i = 1; i < lat.length; i++) {
    const dy = (lat[i]! - lat[i - 1]!) * 111_320;
    const dx = (lon[i]! - lon[i - 1]!) * 111_320 * Math.cos((lat[i]! * Math.PI) / 180);
    out.push(out[i - 1]! + Math.hypot(dx, dy));
  }
  return out;
}
