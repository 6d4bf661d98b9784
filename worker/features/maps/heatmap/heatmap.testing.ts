// Generated histories for the heatmap's tests and bench: routes around a home (loops and out-and-backs of each
// sport, deterministic from a seed) stored as uploaded files' activities with 1 Hz positions, as an import leaves them.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { activities, activityStreams } from '../../../db/schema';
import { deltaEncode } from '../../../lib/delta-code';
import type { Sport } from '../../activities';

/** A small deterministic PRNG (mulberry32): the same seed gives the same history. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SPEED: Partial<Record<Sport, number>> = { run: 3.2, ride: 7.5, walk: 1.4, hike: 1.2 };

/**
 * One route at 1 Hz: a loop (a wobbly circle through home) or an out-and-back along a bearing, with GPS-like jitter
 * of about a metre; `km` long at the sport's speed (a point every `stepM` metres instead, when given).
 */
export function route(rand: () => number, home: { lat: number; lon: number }, sport: Sport, km: number, stepM?: number) {
  const speed = stepM ?? SPEED[sport] ?? 2;
  const n = Math.max(2, Math.round((km * 1000) / speed));
  const mPerDegLat = 111_195;
  const mPerDegLon = mPerDegLat * Math.cos((home.lat * Math.PI) / 180);
  const bearing = rand() * 2 * Math.PI;
  const loop = rand() < 0.5;
  const lat: number[] = [];
  const lon: number[] = [];
  for (let i = 0; i < n; i++) {
    const d = i * speed;
    let east: number;
    let north: number;
    if (loop) {
      const r = (km * 1000) / (2 * Math.PI);
      const a = (d / (km * 1000)) * 2 * Math.PI;
      // A circle through home, its centre r away along the bearing.
      east = r * (Math.sin(bearing) - Math.sin(bearing - a));
      north = r * (Math.cos(bearing) - Math.cos(bearing - a));
    } else {
      const along = d < km * 500 ? d : km * 1000 - d;
      east = along * Math.sin(bearing);
      north = along * Math.cos(bearing);
    }
    lat.push(home.lat + (north + (rand() - 0.5) * 2) / mPerDegLat);
    lon.push(home.lon + (east + (rand() - 0.5) * 2) / mPerDegLon);
  }
  return { lat, lon };
}

/** Stores one activity with its positions and moves the athlete's analytics version on (the sync's trigger). */
export async function storeActivity(db: Db, userId: string, sport: Sport, startTime: Date, r: { lat: number[]; lon: number[] }) {
  const t = r.lat.map((_, i) => i);
  const [row] = await db
    .insert(activities)
    .values({
      userId,
      source: 'gpx_upload',
      externalId: crypto.randomUUID(),
      sport,
      sportOriginal: sport,
      name: `${sport} ${startTime.toISOString().slice(0, 10)}`,
      startTime,
      localStartDate: startTime.toISOString().slice(0, 10),
      timezone: 'UTC',
      movingTimeS: t.length - 1,
      elapsedTimeS: t.length - 1,
      distanceM: 1000,
      detailComplete: true,
      contentHash: crypto.randomUUID(),
    })
    .returning({ id: activities.id });
  await db.insert(activityStreams).values({
    activityId: row!.id,
    streams: {
      t,
      latE6Delta: deltaEncode(r.lat.map((v) => Math.round(v * 1e6))),
      lngE6Delta: deltaEncode(r.lon.map((v) => Math.round(v * 1e6))),
    },
  });
  return row!.id;
}

export async function bumpVersion(db: Db, userId: string): Promise<number> {
  const r = await db.execute(
    sql`update users set analytics_version = analytics_version + 1 where id = ${userId} returning analytics_version as v`,
  );
  return Number((r.rows[0] as { v: number }).v);
}

/** `count` activities spread over `years` years ending at `end`, sports and lengths drawn from the seed. */
export async function storeHistory(
  db: Db,
  userId: string,
  opts: { count: number; years: number; end: Date; home: { lat: number; lon: number }; seed: number; sports?: Sport[] },
): Promise<string[]> {
  const rand = prng(opts.seed);
  const sports = opts.sports ?? ['run', 'ride', 'walk'];
  const span = opts.years * 365.25 * 86_400_000;
  const ids: string[] = [];
  for (let i = 0; i < opts.count; i++) {
    const sport = sports[Math.floor(rand() * sports.length)]!;
    const start = new Date(opts.end.getTime() - rand() * span);
    const km = sport === 'ride' ? 15 + rand() * 40 : 3 + rand() * 12;
    ids.push(await storeActivity(db, userId, sport, start, route(rand, opts.home, sport, km)));
  }
  return ids;
}
