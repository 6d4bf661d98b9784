// The segments bench's data (issue 57): one synthetic region 50 km across (region.testing.ts), a 4-hour ride through
// it, 10,000 segments in it, and a 10-year history of 3,500 rides of which a few hundred ride one segment's road.
import pg from 'pg';
import type { LatLon } from '../worker/lib/geo.ts';

type Entry = typeof import('./segments.entry.ts');
type Track = { lat: number[]; lon: number[]; t: number[] };

export const SEGMENTS = 10_000;
export const HISTORY = 3_500;
export const HISTORY_NEAR = 300;

/** A 1 Hz recording as the app stores it: positions through the 3 m thinning (trackOf). */
export function stored(mod: Entry, t: Track) {
  return mod.trackOf({
    t: t.t,
    latE6Delta: mod.deltaEncode(t.lat.map((v) => Math.round(v * 1e6))),
    lngE6Delta: mod.deltaEncode(t.lon.map((v) => Math.round(v * 1e6))),
  })!;
}

/**
 * The ride (115 km at 8 m/s ± 20 %, 5 m of noise) and 10,000 segments of 0.3–5 km: 700 cut from the ride's road its
 * way, 300 cut from it the other way (never matched), 9,000 on other roads of the region.
 */
export function rideAndSegments(mod: Entry) {
  const r = mod.region(57);
  const path = mod.road(r, 115_000);
  const ride = stored(mod, mod.rideAlong(r, path, 8, 5));
  const segments: { points: LatLon[]; distanceM: number; onRide: boolean }[] = [];
  for (let i = 0; i < SEGMENTS; i++) {
    const len = 300 + r.rnd() * 4700;
    if (i < 1000) {
      const points = mod.stretch(path, r.rnd() * (115_000 - len), len);
      segments.push({ ...mod.segmentOf(i < 700 ? points : points.reverse()), onRide: true });
    } else segments.push({ ...mod.segmentOf(mod.stretch(mod.road(r, len), 0, len)), onRide: false });
  }
  return { ride, segments };
}

/** The athlete's history: 300 rides along the segment's road (200 its way, 100 the other), 3,200 elsewhere. */
export function history(mod: Entry) {
  const r = mod.region(99);
  const segRoad = mod.road(r, 3000, [0, 0], 0);
  const segment = mod.segmentOf(mod.stretch(segRoad, 0, 3000));
  const near: Track[] = [];
  for (let i = 0; i < HISTORY_NEAR; i++) {
    // 10–20 km to the segment's start, along it, 10–20 km away: about an hour and a half.
    const before = mod.road(r, 10_000 + r.rnd() * 10_000, [0, 0], Math.PI + r.rnd() - 0.5).reverse();
    const after = mod.road(r, 10_000 + r.rnd() * 10_000, segRoad.at(-1), r.rnd() - 0.5);
    const way =
      i < 200 ? [...before, ...segRoad, ...after] : [...after.slice().reverse(), ...segRoad.slice().reverse(), ...before.slice().reverse()];
    near.push(stored(mod, mod.rideAlong(r, way, 7 + r.rnd() * 3, 5)));
  }
  return { segment, near };
}

/** A bench athlete, 3,500 ride activities over 10 years (the first HISTORY_NEAR for `near`), returned by start. */
export async function seedHistory(c: pg.Client, tag: string): Promise<{ userId: string; activityIds: string[] }> {
  const user = await c.query(`insert into users (email, password_hash, display_name) values ($1, 'x', 'Bench') returning id`, [
    `${tag}-${Date.now()}@bench.cadence.test`,
  ]);
  const userId = user.rows[0].id as string;
  const acts = await c.query(
    `insert into activities (user_id, source, external_id, sport, sport_original, name, start_time, local_start_date, timezone,
       moving_time_s, elapsed_time_s, distance_m, detail_complete, content_hash)
     select $1, 'gpx_upload', gen_random_uuid()::text, 'ride', 'Ride', 'Ride', s, s::date, 'UTC', 5400, 5400, 40000, true, gen_random_uuid()::text
     from (select timestamptz '2016-12-01 07:00Z' + g * interval '25 hours' as s from generate_series(1, $2) g) x
     returning id`,
    [userId, HISTORY],
  );
  return { userId, activityIds: acts.rows.map((row) => row.id as string) };
}

/** Inserts tracks (and, for those with `withStreams`, streams of HR and power) for the given activities. */
export async function insertTracks(
  c: pg.Client,
  mod: Entry,
  userId: string,
  rows: { activityId: string; track: Track; withStreams: boolean }[],
): Promise<void> {
  for (const { activityId, track, withStreams } of rows) {
    const box = mod.boxOf(track);
    const enc = mod.encodeTrack(track);
    await c.query(
      `insert into activity_tracks (activity_id, user_id, sport, start_time, min_lat, min_lon, max_lat, max_lon, polyline, seconds, distance_m, version)
       select $1, $2, 'ride', a.start_time, $3, $4, $5, $6, $7, $8, 40000, 1 from activities a where a.id = $1`,
      [activityId, userId, box.minLat, box.minLon, box.maxLat, box.maxLon, enc.polyline, enc.seconds],
    );
    if (withStreams) {
      const t = Array.from({ length: track.t.at(-1)! + 1 }, (_, i) => i);
      await c.query(`insert into activity_streams (activity_id, streams) values ($1, $2)`, [
        activityId,
        JSON.stringify({ t, hr: t.map((s) => 130 + (s % 20)), power: t.map((s) => 180 + (s % 40)) }),
      ]);
    }
  }
}

/** The segments as rows (public, rides), owned by `ownerId`, in one statement per 1,000. */
export async function insertSegments(c: pg.Client, mod: Entry, ownerId: string, segs: { points: LatLon[]; distanceM: number }[]) {
  for (let i = 0; i < segs.length; i += 1000) {
    const chunk = segs.slice(i, i + 1000).map((s) => {
      const b = mod.boxOf({ lat: s.points.map((p) => p.lat), lon: s.points.map((p) => p.lon) });
      return [mod.encodePolyline(s.points, 6), Math.max(100, s.distanceM), b.minLat, b.minLon, b.maxLat, b.maxLon];
    });
    await c.query(
      `insert into segments (owner_id, name, sport, visibility, polyline, distance_m, min_lat, min_lon, max_lat, max_lon, matched_at)
       select $1, 'Bench segment', 'ride', 'public', x.p, x.d, x.a, x.b, x.c, x.e, now()
       from unnest($2::text[], $3::real[], $4::float8[], $5::float8[], $6::float8[], $7::float8[]) as x(p, d, a, b, c, e)`,
      [ownerId, ...[0, 1, 2, 3, 4, 5].map((k) => chunk.map((row) => row[k]))],
    );
  }
  await c.query('analyze segments');
}
