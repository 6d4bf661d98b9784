import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, activityStreams, activityTracks, mapStates } from '../../../db/schema';
import { deltaEncode } from '../../../lib/delta-code';
import { systemClock } from '../../../lib/clock';
import { Harness } from '../../../testing/harness';
import { type TrackChange, createTrackSync } from './track-sync';

/** A 10-minute run north from Hyde Park at 4 m/s, stored as an uploaded file's activity; `indoor` has no positions. */
async function run(h: Harness, userId: string, day: number, indoor = false) {
  const startTime = new Date(Date.UTC(2026, 10, day, 7));
  const t = Array.from({ length: 600 }, (_, i) => i);
  const [row] = await h.db
    .insert(activities)
    .values({
      userId,
      source: 'gpx_upload',
      externalId: crypto.randomUUID(),
      sport: 'run',
      sportOriginal: 'Run',
      name: 'Run',
      startTime,
      localStartDate: startTime.toISOString().slice(0, 10),
      timezone: 'Europe/London',
      movingTimeS: 599,
      elapsedTimeS: 599,
      distanceM: 2396,
      detailComplete: true,
      contentHash: crypto.randomUUID(),
    })
    .returning({ id: activities.id });
  const positions = indoor
    ? {}
    : {
        latE6Delta: deltaEncode(t.map((s) => Math.round((51.5073 + (s * 4) / 111_195) * 1e6))),
        lngE6Delta: deltaEncode(t.map(() => -165_700)),
      };
  await h.db.insert(activityStreams).values({ activityId: row!.id, streams: { t, ...positions } });
  await h.db.execute(sql`update users set analytics_version = analytics_version + 1 where id = ${userId}`);
  return row!.id;
}

describe('the tracks sync', () => {
  it('builds the tracks of activities with positions, drops those of deleted ones, and tells the listeners once', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const heard: TrackChange[] = [];
    const sync = createTrackSync({
      db: h.db,
      clock: systemClock,
      listeners: () => [{ name: 'test', onTracks: async (userId, change) => void (userId === me.user.id && heard.push(change)) }],
    });
    const outdoor = await run(h, me.user.id, 10);
    await run(h, me.user.id, 11, true);
    const later = await run(h, me.user.id, 12);

    await sync.syncAthlete(me.user.id, 3);
    const tracks = await h.db.select().from(activityTracks).where(eq(activityTracks.userId, me.user.id));
    expect(tracks.map((t) => t.activityId).sort()).toEqual([outdoor, later].sort());
    // 4 m/s at 1 Hz: every sample is ≥ 3 m on, so all 600 are kept; 599 × 4 m long.
    expect(tracks[0]!.seconds).toHaveLength(600);
    expect(tracks[0]!.distanceM).toBeCloseTo(2396, -1);
    expect(tracks[0]!.minLat).toBeCloseTo(51.5073, 6);
    expect(heard).toHaveLength(1);
    expect(heard[0]!.added.map((a) => a.activityId).sort()).toEqual([outdoor, later].sort());
    const [state] = await h.db.select().from(mapStates).where(eq(mapStates.userId, me.user.id));
    expect(state!.analyticsVersion).toBe(3);

    // Nothing new: nobody is told again.
    await sync.syncAthlete(me.user.id, 3);
    expect(heard).toHaveLength(1);

    // The trash takes the track; the listeners hear which one went.
    await h.db.update(activities).set({ deletedAt: new Date() }).where(eq(activities.id, outdoor));
    await sync.syncAthlete(me.user.id, 4);
    expect(heard[1]).toMatchObject({ added: [], removed: [{ activityId: outdoor, sport: 'run' }] });
    expect((await h.db.select().from(activityTracks).where(eq(activityTracks.userId, me.user.id))).map((t) => t.activityId)).toEqual([
      later,
    ]);
  });

  it('finds the athletes whose history moved on through the minute drain', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const id = await run(h, me.user.id, 14);
    const sync = createTrackSync({ db: h.db, clock: systemClock, listeners: () => [] });
    // Other test files' athletes may be stale too: drain until this one is synced, as the cron would.
    for (let i = 0; i < 50; i++) {
      const [state] = await h.db.select().from(mapStates).where(eq(mapStates.userId, me.user.id));
      if (state) break;
      await sync.drain(25);
    }
    expect((await h.db.select().from(activityTracks).where(eq(activityTracks.activityId, id))).length).toBe(1);
  });
});
