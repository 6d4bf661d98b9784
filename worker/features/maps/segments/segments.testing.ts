// Test support for segments: a ride stored as an uploaded file (GPS heading north from a point, a climbing altitude,
// speeds that vary as a real recording's do, so the stored judgments pass it), and efforts inserted as the matcher
// would write them (the matcher is another slice's; these tests do not depend on it).
import { eq, sql } from 'drizzle-orm';
import { activities, activityStreams, blocks, follows, privacyZones, segmentEfforts, segments, socialProfiles } from '../../../db/schema';
import type { ActivitySource } from '../../activities';
import { deltaEncode } from '../../../lib/delta-code';
import { eventually } from '../../../testing/eventually';
import type { Harness } from '../../../testing/harness';

export const ORIGIN = { lat: 51.5073, lon: -0.1657 };
const M_PER_DEG_LAT = 111_195;

/** Where the ride is `s` seconds in (about 8 m/s north). */
export const rideAt = (s: number, from = ORIGIN) => ({ lat: from.lat + distanceAt(s) / M_PER_DEG_LAT, lon: from.lon });
const speed = (i: number) => 8 * (1 + 0.06 * Math.sin(i / 7) + 0.04 * Math.sin(i / 3.1));
const distanceAt = (s: number) => {
  let d = 0;
  for (let i = 1; i <= s; i++) d += speed(i);
  return d;
};

/**
 * A 20-minute ride north at ~8 m/s (~9.6 km) starting `daysAgo` days ago (or at `startTime`, for twins that must be
 * alike to the second); `gps: false` stores no positions.
 */
export async function ride(
  h: Harness,
  userId: string,
  opts: {
    source?: ActivitySource;
    daysAgo?: number;
    startTime?: Date;
    name?: string;
    gps?: boolean;
    from?: { lat: number; lon: number };
  } = {},
) {
  const n = 1200;
  const startTime = opts.startTime ?? new Date(Date.now() - (opts.daysAgo ?? 1) * 86_400_000);
  const t = Array.from({ length: n }, (_, i) => i);
  const d = t.map((s) => distanceAt(s));
  const [row] = await h.db
    .insert(activities)
    .values({
      userId,
      source: opts.source ?? 'gpx_upload',
      externalId: crypto.randomUUID(),
      sport: 'ride',
      sportOriginal: 'Ride',
      name: opts.name ?? `Morning ride ${crypto.randomUUID().slice(0, 4)}`,
      startTime,
      localStartDate: startTime.toISOString().slice(0, 10),
      timezone: 'UTC',
      movingTimeS: n - 1,
      elapsedTimeS: n - 1,
      distanceM: d.at(-1)!,
      detailComplete: true,
      contentHash: crypto.randomUUID(),
    })
    .returning({ id: activities.id, startTime: activities.startTime });
  const from = opts.from ?? ORIGIN;
  const positions =
    opts.gps === false
      ? {}
      : {
          latE6Delta: deltaEncode(d.map((x) => Math.round((from.lat + x / M_PER_DEG_LAT) * 1e6))),
          lngE6Delta: deltaEncode(d.map(() => Math.round(from.lon * 1e6))),
        };
  await h.db.insert(activityStreams).values({
    activityId: row!.id,
    streams: { t, distanceDmDelta: deltaEncode(d.map((x) => Math.round(x * 10))), altitudeDm: t.map((s) => 3000 + s), ...positions },
  });
  await h.db.execute(sql`update users set analytics_version = analytics_version + 1 where id = ${userId}`);
  return { id: row!.id, startTime: row!.startTime };
}

/**
 * An effort as the matcher writes one, once the segment's history matching (run after the answer that made it) has
 * ended: matching replaces a segment's efforts, so one written before it ends could be swept away.
 */
export async function effort(
  h: Harness,
  e: { segmentId: string; activity: { id: string; startTime: Date }; userId: string; startS: number; elapsedS: number },
) {
  await eventually(
    async () => (await h.db.select({ at: segments.matchedAt }).from(segments).where(eq(segments.id, e.segmentId)))[0]?.at ?? null,
    (at) => at !== null,
  );
  const [row] = await h.db
    .insert(segmentEfforts)
    .values({
      segmentId: e.segmentId,
      activityId: e.activity.id,
      userId: e.userId,
      startedAt: new Date(e.activity.startTime.getTime() + e.startS * 1000),
      startS: e.startS,
      endS: e.startS + e.elapsedS,
      elapsedS: e.elapsedS,
      avgSpeedMs: null,
      frechetM: 4,
    })
    .returning({ id: segmentEfforts.id });
  return row!.id;
}

export const zone = (h: Harness, userId: string, at: { lat: number; lon: number }, radiusM = 300) =>
  h.db.insert(privacyZones).values({ userId, label: 'Home', lat: at.lat, lon: at.lon, radiusM });
export const optIn = (h: Harness, userId: string, on = true) =>
  h.db
    .insert(socialProfiles)
    .values({ userId, leaderboardOptIn: on })
    .onConflictDoUpdate({ target: socialProfiles.userId, set: { leaderboardOptIn: on } });
export const follow = (h: Harness, followerId: string, followeeId: string) =>
  h.db.insert(follows).values({ followerId, followeeId, status: 'accepted', acceptedAt: new Date() });
export const block = (h: Harness, blockerId: string, blockedId: string) => h.db.insert(blocks).values({ blockerId, blockedId });
