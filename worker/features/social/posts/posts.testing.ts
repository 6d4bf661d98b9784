// Test support for the posts slice: athletes with social settings, follows and blocks written straight to the
// tables (the people slice's routes are not this slice's), and recorded activities with a generated track.
import { activities, activityStreams, blocks, follows, mutes, privacyZones, socialProfiles } from '../../../db/schema';
import { deltaEncode } from '../../../lib/delta-code';
import type { Harness } from '../../../testing/harness';
import type { ActivitySource } from '../../activities';
import type { LatLon } from '../../../lib/geo';
import type { Track } from '../privacy-cut';
import { homeRun } from '../privacy-attack.testing';

export type Settings = Partial<typeof socialProfiles.$inferInsert>;

export async function athlete(h: Harness, settings: Settings | null = null, displayName = 'Athlete') {
  const a = await h.signup({ displayName });
  if (settings) await h.db.insert(socialProfiles).values({ userId: a.user.id, ...settings });
  return { id: a.user.id, cookie: a.cookie };
}

export const follow = (h: Harness, followerId: string, followeeId: string, status: 'accepted' | 'pending' = 'accepted') =>
  h.db.insert(follows).values({ followerId, followeeId, status, acceptedAt: status === 'accepted' ? new Date() : null });
export const block = (h: Harness, blockerId: string, blockedId: string) => h.db.insert(blocks).values({ blockerId, blockedId });
export const mute = (h: Harness, muterId: string, mutedId: string) => h.db.insert(mutes).values({ muterId, mutedId });
export const zone = (h: Harness, userId: string, p: LatLon, radiusM: number) =>
  h.db.insert(privacyZones).values({ userId, label: 'Home', lat: p.lat, lon: p.lon, radiusM }).returning();

export const HOME: LatLon = { lat: 51.5074, lon: -0.1278 };

/** A recorded run from HOME and back (a generated street track; seed 7 reaches 2.5 km out, past any end disc), stored as an activity of `source`. */
export async function recordedRun(h: Harness, userId: string, opts: { source?: ActivitySource; startTime?: Date; seed?: number } = {}) {
  const { track } = homeRun(HOME, opts.seed ?? 7, 'x');
  const startTime = opts.startTime ?? new Date(Date.UTC(2026, 10, 20, 7, 0, 0));
  const n = track.t.length;
  const [row] = await h.db
    .insert(activities)
    .values({
      userId,
      source: opts.source ?? 'gpx_upload',
      externalId: crypto.randomUUID(),
      sport: 'run',
      sportOriginal: 'Run',
      name: 'Morning Run',
      startTime,
      localStartDate: startTime.toISOString().slice(0, 10),
      timezone: 'Europe/London',
      movingTimeS: track.t[n - 1]!,
      elapsedTimeS: track.t[n - 1]! + 37,
      distanceM: track.distanceM[n - 1]!,
      avgHr: 151,
      maxHr: 178,
      avgPower: 250,
      detailComplete: true,
      contentHash: crypto.randomUUID(),
    })
    .returning({ id: activities.id });
  await h.db.insert(activityStreams).values({
    activityId: row!.id,
    streams: {
      t: [...track.t],
      distanceDmDelta: deltaEncode(track.distanceM.map((d) => Math.round(d * 10))),
      latE6Delta: deltaEncode(track.lat.map((v) => Math.round(v * 1e6))),
      lngE6Delta: deltaEncode(track.lon.map((v) => Math.round(v * 1e6))),
    },
  });
  return { id: row!.id, track: track as Track };
}
