// The heatmap's SQL (ADR 100): the tracks' fingerprints per bucket, the buckets, a bucket's tracks, replacing a
// bucket's tiles at once, a tile's rows and the repair pass's marker. Every statement is one athlete's.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import type { Executor } from '../../../db/executor';
import { heatmapBuckets, heatmapStates, heatmapTiles } from '../../../db/schema';
import type { Sport } from '../../activities';

const rows = async <T>(p: Promise<{ rows: unknown[] }>): Promise<T[]> => (await p).rows as T[];

export interface BucketBox {
  minLat: number;
  minLon: number;
  maxLat: number;
  maxLon: number;
}

export interface Bucket extends BucketBox {
  sport: Sport;
  /** `YYYY-MM` (a UTC month), `YYYY` (the year, summed from its months) or `all` (summed from the years). */
  period: string;
  fingerprint: string;
  activities: number;
}

export interface TileRow {
  z: number;
  x: number;
  y: number;
  pixels: Uint8Array;
}

/** Rows per insert: 7 parameters each, far under Postgres' 65,535. */
const INSERT_CHUNK = 500;

export function createHeatmapRepo(db: Db) {
  return {
    /**
     * What each bucket should have been built from, straight from the tracks: per sport and UTC month, and per
     * sport and year, an md5 of the (activity id, track version) list, with the count and box.
     */
    wanted: (userId: string) =>
      rows<Bucket>(
        db.execute(sql`
          with t as (
            select activity_id::text || ':' || version as part, activity_id, sport, min_lat, min_lon, max_lat, max_lon,
              to_char(start_time at time zone 'UTC', 'YYYY-MM') as month
            from activity_tracks where user_id = ${userId}),
          p as (select *, month as period from t union all select *, substr(month, 1, 4) from t union all select *, 'all' from t)
          select sport, period, md5(string_agg(part, ',' order by activity_id)) as fingerprint, count(*)::int as activities,
            min(min_lat) as "minLat", min(min_lon) as "minLon", max(max_lat) as "maxLat", max(max_lon) as "maxLon"
          from p group by sport, period`),
      ),

    buckets: (userId: string): Promise<Bucket[]> =>
      db
        .select({
          sport: heatmapBuckets.sport,
          period: heatmapBuckets.period,
          fingerprint: heatmapBuckets.fingerprint,
          activities: heatmapBuckets.activities,
          minLat: heatmapBuckets.minLat,
          minLon: heatmapBuckets.minLon,
          maxLat: heatmapBuckets.maxLat,
          maxLon: heatmapBuckets.maxLon,
        })
        .from(heatmapBuckets)
        .where(eq(heatmapBuckets.userId, userId)),

    /** The sources of the athlete's routes (attribution: Garmin asks to be named on every view derived from its data). */
    sources: (userId: string) =>
      rows<{ source: string }>(
        db.execute(sql`
          select distinct a.source from activity_tracks t join activities a on a.id = t.activity_id
          where t.user_id = ${userId} order by a.source`),
      ).then((list) => list.map((r) => r.source)),

    /** Just what a tile request chooses by and makes its ETag from: each bucket's key and fingerprint. */
    fingerprints: (userId: string, sport?: Sport): Promise<Pick<Bucket, 'sport' | 'period' | 'fingerprint'>[]> =>
      db
        .select({ sport: heatmapBuckets.sport, period: heatmapBuckets.period, fingerprint: heatmapBuckets.fingerprint })
        .from(heatmapBuckets)
        .where(and(eq(heatmapBuckets.userId, userId), sport ? eq(heatmapBuckets.sport, sport) : undefined)),

    /** One sport's tracks that started in one UTC month (the user and time index). */
    tracksIn: (userId: string, sport: Sport, month: string) =>
      rows<{ polyline: string; seconds: number[] }>(
        db.execute(sql`
          select polyline, seconds from activity_tracks
          where user_id = ${userId} and sport = ${sport}
            and start_time >= ${`${month}-01T00:00:00Z`}::timestamptz
            and start_time < ${`${month}-01T00:00:00Z`}::timestamptz + interval '1 month'`),
      ),

    /** The tiles a summed bucket is made of, one sport's: a year's months, or (for `all`) every year. */
    partsOf: (userId: string, sport: Sport, period: string) =>
      rows<TileRow>(
        db.execute(sql`
          select z, x, y, pixels from heatmap_tiles
          where user_id = ${userId} and sport = ${sport} and ${
            period === 'all' ? sql`period ~ '^[0-9]{4}$'` : sql`period >= ${`${period}-01`} and period <= ${`${period}-12`}`
          }`),
      ).then((list) => list.map((r) => ({ ...r, pixels: asBytes(r.pixels) }))),

    /** Replaces a bucket and all its tiles in one transaction, one athlete's rebuilds after another (the lock). */
    async replace(userId: string, bucket: Bucket, tiles: readonly TileRow[]) {
      await db.transaction(async (tx) => {
        await lockAthlete(tx, userId);
        await dropIn(tx, userId, bucket.sport, bucket.period);
        await tx.insert(heatmapBuckets).values({ userId, ...bucket, builtAt: new Date() });
        for (let i = 0; i < tiles.length; i += INSERT_CHUNK)
          await tx
            .insert(heatmapTiles)
            .values(tiles.slice(i, i + INSERT_CHUNK).map((t) => ({ userId, sport: bucket.sport, period: bucket.period, ...t })));
      });
    },

    async drop(userId: string, sport: Sport, period: string) {
      await db.transaction(async (tx) => {
        await lockAthlete(tx, userId);
        await dropIn(tx, userId, sport, period);
      });
    },

    /** One tile's rows of the chosen buckets (`sport|period`): the primary key's range for (athlete, z, x, y). */
    tile: (userId: string, z: number, x: number, y: number, buckets: readonly string[]) =>
      rows<{ pixels: Uint8Array }>(
        db.execute(sql`
          select encode(pixels, 'base64') as pixels from heatmap_tiles
          where user_id = ${userId} and z = ${z} and x = ${x} and y = ${y}
            and (sport::text || '|' || period) = any(${sql.raw(pgTextArray(buckets))}::text[])`),
      ).then((list) => list.map((r) => ({ pixels: asBytes(r.pixels) }))),

    /**
     * All time in one round trip (the page's default view): each sport's `all` bucket with its fingerprint and its
     * pixels in this tile (none when `pixels` is false: an If-None-Match may make them unneeded), and how many
     * sports have any bucket — more than have `all` while a backfill is under way, and the caller reads the long way.
     */
    allTime: (userId: string, z: number, x: number, y: number, sport: Sport | undefined, pixels: boolean) =>
      rows<{ sport: Sport; fingerprint: string; pixels: unknown; sports: number }>(
        db.execute(sql`
          select b.sport, b.fingerprint, ${pixels ? sql`encode(t.pixels, 'base64')` : sql`null`} as pixels,
            (select count(distinct sport)::int from heatmap_buckets where user_id = ${userId}
              ${sport ? sql`and sport = ${sport}` : sql``}) as sports
          from heatmap_buckets b
            left join heatmap_tiles t on t.user_id = b.user_id and t.z = ${z} and t.x = ${x} and t.y = ${y}
              and t.sport = b.sport and t.period = 'all'
          where b.user_id = ${userId} and b.period = 'all' ${sport ? sql`and b.sport = ${sport}` : sql``}`),
      ).then((list) => list.map((r) => ({ ...r, pixels: r.pixels == null ? null : asBytes(r.pixels) }))),

    /** Athletes whose tracks were synced since the repair pass last compared their buckets (or never), oldest first. */
    unchecked: (limit: number) =>
      rows<{ id: string }>(
        db.execute(sql`
          select m.user_id as id from map_states m left join heatmap_states h on h.user_id = m.user_id
          where h.checked_at is null or m.synced_at > h.checked_at
          order by m.synced_at limit ${limit}`),
      ),

    async markChecked(userId: string, at: Date) {
      await db
        .insert(heatmapStates)
        .values({ userId, checkedAt: at })
        .onConflictDoUpdate({ target: heatmapStates.userId, set: { checkedAt: at } });
    },
  };
}
export type HeatmapRepo = ReturnType<typeof createHeatmapRepo>;

async function lockAthlete(tx: Executor, userId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`heatmap:${userId}`}))`);
}

async function dropIn(tx: Executor, userId: string, sport: Sport, period: string) {
  await tx.delete(heatmapTiles).where(and(eq(heatmapTiles.userId, userId), eq(heatmapTiles.sport, sport), eq(heatmapTiles.period, period)));
  await tx
    .delete(heatmapBuckets)
    .where(and(eq(heatmapBuckets.userId, userId), eq(heatmapBuckets.sport, sport), eq(heatmapBuckets.period, period)));
}

/** A Postgres text[] literal of bucket keys (sport names and digits only, checked), so the list is one parameter-free array. */
function pgTextArray(keys: readonly string[]): string {
  for (const k of keys) if (!/^[a-z]+\|([0-9]{4}(-[0-9]{2})?|all)$/.test(k)) throw new Error(`not a bucket key: ${k}`);
  return `'{${keys.join(',')}}'`;
}

/**
 * bytea as the raw driver answers it (execute skips the column's mapping): a Buffer, `\x…` hex text, or base64 text
 * where a tile request asks for it (`encode(pixels, 'base64')`: a third smaller on the wire than hex).
 */
function asBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string' && v.startsWith('\\x')) return Buffer.from(v.slice(2), 'hex');
  if (typeof v === 'string') return Buffer.from(v.replace(/\n/g, ''), 'base64');
  throw new Error('unexpected bytea value');
}
