import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, activityStreams, segmentEfforts, segments } from '../../../../db/schema';
import { deltaEncode } from '../../../../lib/delta-code';
import { encodePolyline } from '../../../../lib/geo';
import { systemClock } from '../../../../lib/clock';
import { Harness } from '../../../../testing/harness';
import { createTrackSync } from '../../tracks/track-sync';
import { ride, segmentAlong, type XY } from './matching.testing';
import { createSegmentMatching } from './segment-matching';

/** An uploaded ride along `corners` at 8 m/s, with HR 140 and power 200 W a second; the athlete's history moves on. */
async function activity(h: Harness, userId: string, corners: XY[], day: number) {
  const track = ride(corners, { noiseM: 4, seed: day });
  const startTime = new Date(Date.UTC(2026, 9, day, 7));
  const [row] = await h.db
    .insert(activities)
    .values({
      userId,
      source: 'gpx_upload',
      externalId: crypto.randomUUID(),
      sport: 'ride',
      sportOriginal: 'Ride',
      name: 'Ride',
      startTime,
      localStartDate: startTime.toISOString().slice(0, 10),
      timezone: 'Europe/London',
      movingTimeS: track.t.length - 1,
      elapsedTimeS: track.t.length - 1,
      distanceM: (track.t.length - 1) * 8,
      detailComplete: true,
      contentHash: crypto.randomUUID(),
    })
    .returning({ id: activities.id });
  await h.db.insert(activityStreams).values({
    activityId: row!.id,
    streams: {
      t: track.t,
      hr: track.t.map(() => 140),
      power: track.t.map((s) => (s % 2 ? 150 : 250)),
      speedCms: track.t.map(() => 800),
      latE6Delta: deltaEncode(track.lat.map((v) => Math.round(v * 1e6))),
      lngE6Delta: deltaEncode(track.lon.map((v) => Math.round(v * 1e6))),
    },
  });
  await h.db.execute(sql`update users set analytics_version = analytics_version + 1 where id = ${userId}`);
  return { id: row!.id, startTime };
}

async function segment(h: Harness, ownerId: string, corners: XY[], visibility: 'private' | 'public', matchedAt: Date | null) {
  const path = segmentAlong(corners);
  const [row] = await h.db
    .insert(segments)
    .values({
      ownerId,
      name: 'Test segment',
      sport: 'ride',
      visibility,
      polyline: encodePolyline(path.points, 6),
      distanceM: path.distanceM,
      ...path.box,
      matchedAt,
    })
    .returning({ id: segments.id });
  return row!.id;
}

const effortsOf = (h: Harness, segmentId: string) =>
  h.db.select().from(segmentEfforts).where(eq(segmentEfforts.segmentId, segmentId)).orderBy(segmentEfforts.startedAt);

// Each test draws in its own place (x offset), so other tests' segments and tracks in this database never meet.
const road = (x: number, ...corners: XY[]): XY[] => corners.map(([cx, cy]) => [cx + x, cy]);

describe('segment matching', () => {
  it('matches each new track against the segments near it its athlete may match, and drops a trashed activity’s efforts', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const friend = await h.signup();
    const matching = createSegmentMatching({ db: h.db, clock: systemClock });
    const sync = createTrackSync({ db: h.db, clock: systemClock, listeners: () => [matching] });
    const x = 100_000;
    const mine = await segment(h, me.user.id, road(x, [0, 0], [1000, 0]), 'private', new Date());
    const open = await segment(h, friend.user.id, road(x, [1000, 0], [2000, 0]), 'public', new Date());
    const theirs = await segment(h, friend.user.id, road(x, [0, 0], [1000, 0]), 'private', new Date());
    // Out along the road and back: each segment once, on the way out.
    const a = await activity(h, me.user.id, road(x, [-200, 0], [2200, 0], [-200, 0]), 1);

    await sync.syncAthlete(me.user.id, 99);
    const [effort] = await effortsOf(h, mine);
    expect(effort).toMatchObject({ activityId: a.id, userId: me.user.id, avgHr: 140, avgPowerW: 200, avgSpeedMs: 8 });
    // 200 m to the gate at 8 m/s, 1,000 m across: seconds 25 and 150 (a second either way for the noise).
    expect(Math.abs(effort!.startS - 25)).toBeLessThanOrEqual(1);
    expect(Math.abs(effort!.elapsedS - 125)).toBeLessThanOrEqual(1);
    expect(effort!.startedAt.getTime()).toBe(a.startTime.getTime() + effort!.startS * 1000);
    expect(await effortsOf(h, open)).toHaveLength(1);
    // Another athlete's private segment is never matched for me.
    expect(await effortsOf(h, theirs)).toHaveLength(0);

    // The trash takes the efforts with the track.
    await h.db.update(activities).set({ deletedAt: new Date() }).where(eq(activities.id, a.id));
    await sync.syncAthlete(me.user.id, 100);
    expect(await effortsOf(h, mine)).toHaveLength(0);
    expect(await effortsOf(h, open)).toHaveLength(0);
  });

  it('matches a new segment over every history it may meet, through the drain, and again changes nothing', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const friend = await h.signup();
    const matching = createSegmentMatching({ db: h.db, clock: systemClock });
    const sync = createTrackSync({ db: h.db, clock: systemClock, listeners: () => [] });
    const x = 200_000;
    // Me: twice along the road in one ride, and once the wrong way; my friend: once.
    const loop = road(x, [-200, 0], [1200, 0], [1200, 500], [-200, 500], [-200, 0], [1200, 0]);
    const twice = await activity(h, me.user.id, loop, 2);
    await activity(h, me.user.id, road(x, [1200, 0], [-200, 0]), 3);
    const theirs = await activity(h, friend.user.id, road(x, [-200, 0], [1200, 0]), 4);
    await sync.syncAthlete(me.user.id, 99);
    await sync.syncAthlete(friend.user.id, 99);

    const open = await segment(h, me.user.id, road(x, [0, 0], [1000, 0]), 'public', null);
    const own = await segment(h, me.user.id, road(x, [0, 0], [1000, 0]), 'private', null);
    // Other files' segments may be pending too: drain until both are done, as the cron would.
    for (let i = 0; i < 20; i++) {
      const left = await h.db
        .select({ id: segments.id })
        .from(segments)
        .where(sql`${segments.id} in (${open}, ${own}) and matched_at is null`);
      if (left.length === 0) break;
      await matching.drain(5);
    }
    const efforts = await effortsOf(h, open);
    expect(efforts.map((e) => e.activityId).sort()).toEqual([twice.id, twice.id, theirs.id].sort());
    expect((await effortsOf(h, own)).map((e) => e.activityId)).toEqual([twice.id, twice.id]);

    expect(await matching.matchSegmentHistory(open)).toMatchObject({ efforts: 3 });
    expect((await effortsOf(h, open)).map((e) => [e.activityId, e.startS])).toEqual(efforts.map((e) => [e.activityId, e.startS]));
    expect(await matching.matchSegmentHistory(crypto.randomUUID())).toBeNull();
  });

  it('after a failed match, sends the segments near back to the history drain, which writes the efforts', async () => {
    const h = Harness.init();
    const me = await h.signup();
    // The first transaction fails (the database dropping mid-write): the listener is told only once.
    let failures = 1;
    const flaky = new Proxy(h.db, {
      get: (db, key) =>
        key === 'transaction' && failures-- > 0 ? () => Promise.reject(new Error('connection lost')) : Reflect.get(db, key, db),
    });
    const matching = createSegmentMatching({ db: flaky, clock: systemClock });
    const sync = createTrackSync({ db: h.db, clock: systemClock, listeners: () => [matching] });
    const x = 300_000;
    const seg = await segment(h, me.user.id, road(x, [0, 0], [1000, 0]), 'private', new Date());
    const a = await activity(h, me.user.id, road(x, [-200, 0], [1200, 0]), 5);

    await expect(sync.syncAthlete(me.user.id, 99)).rejects.toThrow('connection lost');
    const [queued] = await h.db.select({ matchedAt: segments.matchedAt }).from(segments).where(eq(segments.id, seg));
    expect(queued!.matchedAt).toBeNull();
    expect(await matching.matchSegmentHistory(seg)).toMatchObject({ efforts: 1 });
    expect((await effortsOf(h, seg)).map((e) => e.activityId)).toEqual([a.id]);
  });
});
