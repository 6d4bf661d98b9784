// Bundled by heatmap.bench.ts (esbuild) so Node runs the worker's own heatmap rebuild against the stack's Postgres
// through the same driver and proxy; the athlete's ten years are written as the tracks sync would leave them.
import { sql } from 'drizzle-orm';
import { createDb } from '../worker/db/client';
import { activities, activityTracks } from '../worker/db/schema';
import type { Sport } from '../worker/features/activities';
import { createHeatmap } from '../worker/features/maps/heatmap/heatmap.service';
import { prng, route } from '../worker/features/maps/heatmap/heatmap.testing';
import { boxOf, encodeTrack, lengthOf, TRACK_VERSION } from '../worker/features/maps/tracks/track.calc';
import { createLogger } from '../worker/lib/logger';
import { systemClock } from '../worker/lib/clock';

export function connect(databaseUrl: string, wsProxy: string) {
  const handle = createDb({ DATABASE_URL: databaseUrl, DB_WS_PROXY: wsProxy }, createLogger('warn'));
  const db = handle.db;
  const heatmap = createHeatmap({ db, clock: systemClock });
  return {
    close: handle.close,

    /**
     * `count` activities over `years` years to `end` around `home`: runs (60 %, 5–15 km), rides (30 %, 20–60 km)
     * and walks (10 %, 2–6 km), a point every 5 m (the tracks keep one every ≥ 3 m), as activity and track rows.
     */
    async seed(userId: string, o: { count: number; years: number; end: Date; home: { lat: number; lon: number }; seed: number }) {
      const rand = prng(o.seed);
      let points = 0;
      for (let i = 0; i < o.count; i += 100) {
        const batch = Array.from({ length: Math.min(100, o.count - i) }, () => {
          const r = rand();
          const sport: Sport = r < 0.6 ? 'run' : r < 0.9 ? 'ride' : 'walk';
          const km = sport === 'ride' ? 20 + rand() * 40 : sport === 'run' ? 5 + rand() * 10 : 2 + rand() * 4;
          const startTime = new Date(o.end.getTime() - rand() * o.years * 365.25 * 86_400_000);
          const path = route(rand, o.home, sport, km, 5);
          points += path.lat.length;
          return { sport, startTime, path };
        });
        const ids = await db
          .insert(activities)
          .values(
            batch.map((a) => ({
              userId,
              source: 'gpx_upload' as const,
              externalId: crypto.randomUUID(),
              sport: a.sport,
              sportOriginal: a.sport,
              name: a.sport,
              startTime: a.startTime,
              localStartDate: a.startTime.toISOString().slice(0, 10),
              timezone: 'UTC',
              movingTimeS: 3600,
              elapsedTimeS: 3600,
              distanceM: 10_000,
              detailComplete: true,
              contentHash: crypto.randomUUID(),
            })),
          )
          .returning({ id: activities.id });
        await db.insert(activityTracks).values(
          batch.map((a, j) => {
            const track = { ...a.path, t: a.path.lat.map((_, k) => k) };
            return {
              activityId: ids[j]!.id,
              userId,
              sport: a.sport,
              startTime: a.startTime,
              ...boxOf(track),
              ...encodeTrack(track),
              distanceM: lengthOf(track),
              version: TRACK_VERSION,
            };
          }),
        );
      }
      return { points };
    },

    /** The whole history from no buckets: what the repair pass does for an athlete the first time. */
    rebuildAll: (userId: string) => heatmap.refresh(userId, Number.POSITIVE_INFINITY),

    /** One month changed (a new activity's): that month redrawn from its tracks and its year summed again. */
    async rebuildMonth(userId: string, month: string, sport: string) {
      await db.execute(
        sql`update heatmap_buckets set fingerprint = 'stale' where user_id = ${userId} and sport = ${sport} and period in (${month}, ${month.slice(0, 4)}, 'all')`,
      );
      return heatmap.refresh(userId, Number.POSITIVE_INFINITY);
    },

    async storage(userId: string) {
      const r = await db.execute(sql`
        select (select count(*)::int from heatmap_tiles where user_id = ${userId}) as rows,
          (select coalesce(sum(octet_length(pixels)), 0)::bigint from heatmap_tiles where user_id = ${userId}) as bytes,
          (select pg_total_relation_size('heatmap_tiles')) as on_disk,
          (select count(*)::int from heatmap_buckets where user_id = ${userId}) as buckets`);
      return r.rows[0] as { rows: number; bytes: string; on_disk: string; buckets: number };
    },

    /** The busiest month (the one-month rebuild's subject). */
    async busiestMonth(userId: string) {
      const r = await db.execute(sql`
        select to_char(start_time at time zone 'UTC', 'YYYY-MM') as m, sport, count(*)::int as n from activity_tracks
        where user_id = ${userId} group by 1, 2 order by 3 desc limit 1`);
      return r.rows[0] as { m: string; sport: string; n: number };
    },
  };
}
