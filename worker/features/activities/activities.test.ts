import { describe, expect, it } from 'vitest';
import { createActivitiesService } from './activities.service';
import { Harness, expectErrorShape } from '../../testing/harness';
import { buildActivity } from '../../testing/factories/activity';

describe('activities service', () => {
  it('upserts idempotently by (source, external id)', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const s = createActivitiesService({ db: h.db });
    const input = buildActivity();
    const first = await s.ingest(user.id, input);
    const again = await s.ingest(user.id, { ...input });
    expect(first).toMatchObject({ created: true, changed: true });
    expect(again).toEqual({ id: first.id, created: false, changed: false, detailComplete: false });
    const renamed = await s.ingest(user.id, { ...input, name: 'Renamed' });
    expect(renamed).toMatchObject({ id: first.id, created: false, changed: true });
    expect(await s.count(user.id)).toBe(1);
  });

  it('never lets a summary overwrite details already stored', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const s = createActivitiesService({ db: h.db });
    const detailed = buildActivity({ detailComplete: true, laps: [{ index: 0, startTime: '2026-10-01T07:00:00Z', elapsedS: 300 }] });
    await s.ingest(user.id, detailed);
    const summary = await s.ingest(user.id, { ...detailed, detailComplete: false, laps: [] });
    expect(summary.changed).toBe(false);
  });

  it('links the same effort from two sources as one logical activity, preferring the athlete file', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const s = createActivitiesService({ db: h.db });
    const strava = buildActivity({ source: 'strava' });
    await s.ingest(user.id, strava);
    const file = await s.ingest(user.id, {
      ...strava,
      source: 'gpx_upload',
      externalId: 'sha-1',
      startTime: new Date(strava.startTime.getTime() + 40_000),
      distanceM: strava.distanceM * 1.02,
      sport: 'run',
      sportOriginal: 'running',
      detailComplete: true,
    });
    const listed = await s.list(user.id, 'owner');
    expect(listed).toHaveLength(1);
    expect(listed[0]?.id).toBe(file.id);
    expect(await s.count(user.id)).toBe(1);
  });

  it('does not link efforts that differ in time, distance or sport family', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const s = createActivitiesService({ db: h.db });
    const base = buildActivity({ source: 'strava' });
    await s.ingest(user.id, base);
    // 20 min later: they share 61 % of their time, not most of it (a second effort right after the first).
    await s.ingest(user.id, { ...base, source: 'fit_upload', externalId: 'a', startTime: new Date(base.startTime.getTime() + 1200_000) });
    await s.ingest(user.id, { ...base, source: 'tcx_upload', externalId: 'b', distanceM: base.distanceM * 1.05 });
    await s.ingest(user.id, { ...base, source: 'gpx_upload', externalId: 'c', sport: 'ride', sportOriginal: 'Ride' });
    expect(await s.count(user.id)).toBe(4);
  });

  it('removing a source un-links its duplicates so the other copy is listed again', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const s = createActivitiesService({ db: h.db });
    const strava = buildActivity({ source: 'strava' });
    const stravaRow = await s.ingest(user.id, strava);
    await s.ingest(user.id, { ...strava, source: 'fit_upload', externalId: 'fit-1', detailComplete: true });
    await s.ingest(user.id, { ...strava, source: 'gpx_upload', externalId: 'gpx-1', detailComplete: true });
    expect(await s.count(user.id)).toBe(1);

    expect(await s.removeSource(user.id, 'fit_upload')).toBe(1);
    const listed = await s.list(user.id, 'owner');
    expect(listed.map((a) => a.source)).toEqual(['gpx_upload']);
    await s.removeOne(user.id, 'gpx_upload', 'gpx-1');
    expect((await s.list(user.id, 'owner')).map((a) => a.id)).toEqual([stravaRow.id]);
  });

  it('applies the data-use policy to list queries: Strava data never reaches AI context or others', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const s = createActivitiesService({ db: h.db });
    await s.ingest(user.id, buildActivity({ source: 'strava' }));
    await s.ingest(user.id, buildActivity({ source: 'fit_upload', detailComplete: true }));
    expect((await s.list(user.id, 'owner')).map((a) => a.source).sort()).toEqual(['fit_upload', 'strava']);
    expect((await s.list(user.id, 'ai')).map((a) => a.source)).toEqual(['fit_upload']);
    expect((await s.list(user.id, 'coach')).map((a) => a.source)).toEqual(['fit_upload']);
    expect(await s.count(user.id, 'ai')).toBe(1);
  });

  it('keeps exact counts when the same activity is ingested concurrently', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const s = createActivitiesService({ db: h.db });
    const input = buildActivity();
    const results = await Promise.all([1, 2, 3, 4].map(() => s.ingest(user.id, { ...input })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });
});

describe('/api/v1/activities', () => {
  it('lists your activities newest first with paging, and 404s another athlete’s', async () => {
    const h = Harness.init();
    const alice = await h.signup();
    const bob = await h.signup();
    const s = createActivitiesService({ db: h.db });
    for (let i = 0; i < 3; i++) await s.ingest(alice.user.id, buildActivity());
    const bobs = await s.ingest(bob.user.id, buildActivity());

    const page = await h.json<{ activities: { id: string; startTime: string }[]; total: number; nextBefore: string | null }>(
      '/api/v1/activities?limit=2',
      { cookie: alice.cookie },
    );
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(3);
    expect(page.body.activities).toHaveLength(2);
    expect(page.body.activities[0]!.startTime > page.body.activities[1]!.startTime).toBe(true);
    const next = await h.json<{ activities: unknown[] }>(`/api/v1/activities?limit=2&before=${encodeURIComponent(page.body.nextBefore!)}`, {
      cookie: alice.cookie,
    });
    expect(next.body.activities).toHaveLength(1);

    const one = await h.json(`/api/v1/activities/${page.body.activities[0]!.id}`, { cookie: alice.cookie });
    expect(one.status).toBe(200);
    const other = await h.json(`/api/v1/activities/${bobs.id}`, { cookie: alice.cookie });
    expect(other.status).toBe(404);
    expectErrorShape(other.body, 'NOT_FOUND');
  });

  it('validates the query and needs a session', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    expect((await h.call('/api/v1/activities?limit=0', { cookie })).status).toBe(400);
    expect((await h.call('/api/v1/activities?before=yesterday', { cookie })).status).toBe(400);
    expect((await h.call('/api/v1/activities/nope', { cookie })).status).toBe(400);
    expect((await h.call('/api/v1/activities')).status).toBe(401);
  });
});

describe('bulk ingest (file imports)', () => {
  it('writes many rows idempotently and links them to other sources', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const s = createActivitiesService({ db: h.db });
    const strava = buildActivity({ source: 'strava' });
    await s.ingest(user.id, strava);
    const files = [
      { ...strava, source: 'garmin_export' as const, externalId: 'g-1', startTime: new Date(strava.startTime.getTime() + 20_000) },
      ...Array.from({ length: 1200 }, (_, i) =>
        buildActivity({ source: 'garmin_export', externalId: `g-${i + 2}`, startTime: new Date(Date.UTC(2020, 0, 1) + i * 86_400_000) }),
      ),
    ];
    const first = await s.ingestMany(user.id, files);
    expect(first).toMatchObject({ created: 1201, updated: 0, unchanged: 0, linked: 1 });
    expect(new Set(first.createdIds).size).toBe(1201);
    expect(await s.count(user.id)).toBe(1201);
    const again = await s.ingestMany(user.id, files);
    expect(again).toEqual({ created: 0, updated: 0, upgraded: 0, keptStrava: 0, unchanged: 1201, linked: 0, createdIds: [] });
  });
});
