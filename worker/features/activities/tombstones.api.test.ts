// Deleted activities stay deleted (ADR 068): once the purge removes an activity a provider delivers by itself (Strava,
// the Garmin and Polar live doors), its tombstone keeps the next sync, webhook or door delivery from storing it again,
// and the sync's report says so; the athlete brings one back from Settings → Data or by uploading the file. And Undo
// of a delete after a new copy of the same effort arrived links the two as an ingest would: the effort counts once.
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, activityBulkEdits, activityTombstones, ingestionState, trainingDays } from '../../db/schema';
import { analyticsWorld } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import { expectErrorShape, Harness } from '../../testing/harness';
import { UNDO_WINDOW_MS } from './activities-list.service';

const day = (d: number) => new Date(Date.UTC(2026, 5, d, 7));
interface Tombstones {
  tombstones: { source: string; externalId: string; deletedAt: string; skippedCount: number; lastSkippedAt: string | null }[];
}

async function world() {
  const h = Harness.init();
  const me = await h.signup();
  const w = analyticsWorld(h.db);
  const bulk = (body: unknown) => h.json<{ editId: string }>('/api/v1/activities/bulk', { method: 'POST', cookie: me.cookie, body });
  const undo = (editId: string) =>
    h.json<{ restored: number }>(`/api/v1/activities/bulk/${editId}/undo`, { method: 'POST', cookie: me.cookie });
  /** The undo window passes for everything deleted so far, and the purge runs. */
  const purge = async () => {
    const aged = sql`${UNDO_WINDOW_MS + 60_000} * interval '1 millisecond'`;
    await h.db
      .update(activities)
      .set({ deletedAt: sql`deleted_at - ${aged}` })
      .where(eq(activities.userId, me.user.id));
    await h.db
      .update(activityBulkEdits)
      .set({ createdAt: sql`created_at - ${aged}` })
      .where(eq(activityBulkEdits.userId, me.user.id));
    return w.activities.listing.purgeDue();
  };
  const rows = () => h.db.select().from(activities).where(eq(activities.userId, me.user.id));
  return { h, me, w, bulk, undo, purge, rows };
}

describe('deleted activities stay deleted', () => {
  it('a purged Strava activity is not stored again by a sync page, a webhook’s detail or a live door, and the report says so', async () => {
    const { h, me, w, bulk, purge, rows } = await world();
    const strava = buildActivity({
      source: 'strava',
      externalId: '9001',
      name: 'Commute',
      startTime: day(1),
      sport: 'ride',
      sportOriginal: 'Ride',
    });
    const garmin = buildActivity({ source: 'garmin_api', externalId: 'g-77', name: 'Garmin run', startTime: day(2) });
    const upload = buildActivity({ source: 'fit_upload', name: 'Uploaded swim', startTime: day(3), sport: 'swim', sportOriginal: 'Swim' });
    const ids = [
      await w.activities.ingest(me.user.id, strava),
      await w.activities.ingest(me.user.id, garmin),
      await w.activities.ingest(me.user.id, upload),
    ].map((r) => r.id);
    expect((await bulk({ ids, change: { kind: 'delete' } })).status).toBe(200);
    // Inside the window nothing is buried: Undo could still bring them back.
    expect(await h.db.select().from(activityTombstones).where(eq(activityTombstones.userId, me.user.id))).toEqual([]);
    expect(await purge()).toBe(3);
    expect(await rows()).toEqual([]);

    // Tombstones for the providers that deliver by themselves; an upload is the athlete's own act, kept out of nothing.
    const listed = await h.json<Tombstones>('/api/v1/activities/tombstones', { cookie: me.cookie });
    expect(listed.status).toBe(200);
    expect(listed.body.tombstones.map((t) => [t.source, t.externalId, t.skippedCount]).sort()).toEqual([
      ['garmin_api', 'g-77', 0],
      ['strava', '9001', 0],
    ]);
    // The provider's id only: no name, no date of the activity.
    expect(JSON.stringify(listed.body)).not.toMatch(/Commute|Garmin run/);

    // The state row of a Strava sync starting now, for the report.
    await h.db
      .insert(ingestionState)
      .values({ userId: me.user.id, source: 'strava', status: 'running', startedAt: new Date(Date.now() - 1000) });
    // A Strava list page and a live door's delivery: not stored, counted.
    const page = await w.activities.ingestMany(me.user.id, [
      strava,
      buildActivity({ source: 'strava', externalId: '9002', startTime: day(4) }),
    ]);
    expect(page).toMatchObject({ created: 1, skippedDeleted: 1 });
    expect(await w.activities.ingestMany(me.user.id, [garmin])).toMatchObject({ created: 0, skippedDeleted: 1 });
    // A webhook's detail job: the single ingest skips it too.
    const detail = await w.activities.ingest(me.user.id, { ...strava, name: 'Commute (edited on Strava)' });
    expect(detail).toMatchObject({ created: false, changed: false, skippedDeleted: true });
    expect((await rows()).map((r) => r.externalId)).toEqual(['9002']);
    // Re-uploading the file brings an upload back, as any upload.
    expect((await w.activities.ingestMany(me.user.id, [upload])).created).toBe(1);

    const status = await h.json<{ states: { source: string; skippedDeleted: number }[] }>('/api/v1/ingestion', { cookie: me.cookie });
    expect(status.status, JSON.stringify(status.body)).toBe(200);
    expect(status.body.states.find((s) => s.source === 'strava')?.skippedDeleted).toBe(1);
    const again = await h.json<Tombstones>('/api/v1/activities/tombstones', { cookie: me.cookie });
    expect(again.body.tombstones.find((t) => t.externalId === '9001')).toMatchObject({
      skippedCount: 2,
      lastSkippedAt: expect.any(String),
    });
  });

  it('the athlete brings one back: the next delivery stores it; someone else cannot, and a bad key is 400', async () => {
    const { h, me, w, bulk, purge, rows } = await world();
    const other = await h.signup();
    const strava = buildActivity({
      source: 'strava',
      externalId: '4242',
      name: 'Long ride',
      startTime: day(5),
      sport: 'ride',
      sportOriginal: 'Ride',
    });
    const { id } = await w.activities.ingest(me.user.id, strava);
    await bulk({ ids: [id], change: { kind: 'delete' } });
    await purge();
    const back = (cookie: string, body: unknown) => h.json('/api/v1/activities/tombstones/bring-back', { method: 'POST', cookie, body });

    const theirs = await back(other.cookie, { source: 'strava', externalId: '4242' });
    expect(theirs.status).toBe(404);
    expectErrorShape(theirs.body, 'NOT_FOUND');
    expect((await back(me.cookie, { source: 'fit_upload', externalId: '4242' })).status).toBe(400);
    expect((await back(me.cookie, { source: 'strava', externalId: 'has space' })).status).toBe(400);

    expect((await back(me.cookie, { source: 'strava', externalId: '4242' })).body).toEqual({ broughtBack: true });
    expect((await back(me.cookie, { source: 'strava', externalId: '4242' })).status).toBe(404);
    expect((await w.activities.ingestMany(me.user.id, [strava])).created).toBe(1);
    expect((await rows()).map((r) => r.name)).toEqual(['Long ride']);
  });

  it('a deleted Strava archive row keeps its Strava id out: Strava’s API copy does not come back in its place', async () => {
    const { h, me, w, bulk, purge } = await world();
    const archive = buildActivity({ source: 'strava_archive', externalId: '5150', startTime: day(6) });
    const { id } = await w.activities.ingest(me.user.id, archive);
    await bulk({ ids: [id], change: { kind: 'delete' } });
    await purge();
    const keys = await h.db
      .select({ s: activityTombstones.source, e: activityTombstones.externalId })
      .from(activityTombstones)
      .where(eq(activityTombstones.userId, me.user.id));
    expect(keys).toEqual([{ s: 'strava', e: '5150' }]);
    expect(
      (await w.activities.ingestMany(me.user.id, [buildActivity({ source: 'strava', externalId: '5150', startTime: day(6) })]))
        .skippedDeleted,
    ).toBe(1);
  });

  it('Undo of a delete after a new copy of the same effort arrived links them: the effort counts once', async () => {
    const { h, me, w, bulk, undo, rows } = await world();
    const effort = {
      sport: 'ride' as const,
      sportOriginal: 'Ride',
      startTime: day(8),
      distanceM: 40_000,
      movingTimeS: 5_400,
      elapsedTimeS: 5_500,
    };
    const { id } = await w.activities.ingest(me.user.id, buildActivity({ ...effort, source: 'fit_upload', name: 'Saturday ride' }));
    const del = await bulk({ ids: [id], change: { kind: 'delete' } });
    // Inside the window, the same ride arrives again (Strava's copy): nothing to link to, so it stands alone.
    const copy = await w.activities.ingest(me.user.id, buildActivity({ ...effort, source: 'strava', name: 'Saturday ride (Strava)' }));
    expect((await rows()).find((r) => r.id === copy.id)?.duplicateOf).toBeNull();
    expect(await w.activities.count(me.user.id)).toBe(1);

    expect((await undo(del.body.editId)).body.restored).toBe(1);
    // One effort: the athlete's file is the canonical row again, the Strava copy linked to it.
    expect(await w.activities.count(me.user.id)).toBe(1);
    const after = await rows();
    expect(after.find((r) => r.id === id)).toMatchObject({ duplicateOf: null, deletedAt: null });
    expect(after.find((r) => r.id === copy.id)?.duplicateOf).toBe(id);
    const counted = await h.db
      .select({ n: trainingDays.count })
      .from(trainingDays)
      .where(and(eq(trainingDays.userId, me.user.id), eq(trainingDays.day, '2026-06-08')));
    expect(counted.reduce((s, r) => s + r.n, 0)).toBe(1);
  });
});
