// The segments API (ADR 102): made from a stretch of your own activity's track, refused at a zone without saying
// where, another's activity or private segment a 404, your efforts ranked with their receipts. Efforts are inserted
// as the matcher would write them (the matcher is another slice's).
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { segmentEfforts } from '../../../db/schema';
import type { ErrorBody } from '../../../testing/bodies';
import { expectErrorShape, Harness } from '../../../testing/harness';
import type { ActivitySegmentEfforts, SegmentDetail } from './segments.schema';
import { ZONE_REFUSAL } from './segments.service';
import { effort, ride, rideAt, zone } from './segments.testing';

const make = (h: Harness, cookie: string, body: Record<string, unknown>) =>
  h.json<SegmentDetail & ErrorBody>('/api/v1/segments', { body, cookie });

describe('segments', () => {
  it('makes a segment from a stretch of your ride: its path, distance and climb from the track', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const a = await ride(h, me.user.id);
    const r = await make(h, me.cookie, { activityId: a.id, fromS: 60, toS: 300, name: 'Park climb', visibility: 'private' });
    expect(r.status).toBe(201);
    // ~8 m/s for 240 s.
    expect(r.body.distanceM).toBeGreaterThan(1800);
    expect(r.body.distanceM).toBeLessThan(2100);
    // Altitude rises 0.1 m a second in the fixture: 24 m over the stretch.
    expect(r.body.climbM).toBeCloseTo(24, 0);
    expect(r.body.gradePct).toBeGreaterThan(1);
    expect(r.body).toMatchObject({ name: 'Park climb', sport: 'ride', visibility: 'private', yours: true, efforts: 0, bestS: null });
    expect(r.body.source).toEqual({ activityId: a.id, fromS: 60, toS: 300 });
    expect(r.body.polyline.length).toBeGreaterThan(10);

    const list = await h.json<{ segments: { id: string }[] }>('/api/v1/segments', { cookie: me.cookie });
    expect(list.body.segments.map((s) => s.id)).toEqual([r.body.id]);
  });

  it('refuses what it cannot cut: no GPS, too short, the end before the start', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const indoor = await ride(h, me.user.id, { gps: false });
    const noGps = await make(h, me.cookie, { activityId: indoor.id, fromS: 0, toS: 600, name: 'Trainer' });
    expect(noGps.status).toBe(400);
    expectErrorShape(noGps.body, 'VALIDATION');
    expect(noGps.body.error.message).toMatch(/no GPS positions/);

    const a = await ride(h, me.user.id);
    const short = await make(h, me.cookie, { activityId: a.id, fromS: 10, toS: 15, name: 'Blip' });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/100 m to 100 km/);
    const backwards = await make(h, me.cookie, { activityId: a.id, fromS: 300, toS: 60, name: 'Back' });
    expect(backwards.status).toBe(400);
  });

  it('a public segment is refused when a gate lies in anyone’s zone, without saying where or whose; private is fine', async () => {
    const h = Harness.init();
    const [me, neighbour] = await Promise.all([h.signup(), h.signup({ displayName: 'Nora Neighbour' })]);
    const a = await ride(h, me.user.id);
    // The neighbour's zone sits on the segment's end, 300 s in.
    const home = rideAt(300);
    await zone(h, neighbour.user.id, home);
    const body = { activityId: a.id, fromS: 60, toS: 300, name: 'Past the houses', visibility: 'public' };
    const r = await make(h, me.cookie, body);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toBe(ZONE_REFUSAL);
    const text = JSON.stringify(r.body);
    for (const leak of [String(home.lat).slice(0, 7), 'Nora', neighbour.user.id, 'Home', '300']) expect(text).not.toContain(leak);

    const priv = await make(h, me.cookie, { ...body, visibility: 'private' });
    expect(priv.status).toBe(201);
    // Making it public later asks again.
    const patch = await h.json<ErrorBody>(`/api/v1/segments/${priv.body.id}`, {
      method: 'PATCH',
      body: { visibility: 'public' },
      cookie: me.cookie,
    });
    expect(patch.status).toBe(400);
    expect(patch.body.error.message).toBe(ZONE_REFUSAL);
    // A stretch clear of the zone may be public, and renamed.
    const clear = await make(h, me.cookie, { ...body, toS: 200 });
    expect(clear.status).toBe(201);
    const renamed = await h.json<SegmentDetail>(`/api/v1/segments/${clear.body.id}`, {
      method: 'PATCH',
      body: { name: 'Short of the houses' },
      cookie: me.cookie,
    });
    expect(renamed.body).toMatchObject({ name: 'Short of the houses', visibility: 'public' });
  });

  it('another athlete’s activity, private segment or efforts are a 404; a public segment shows them only their own efforts', async () => {
    const h = Harness.init();
    const [me, other] = await Promise.all([h.signup(), h.signup()]);
    // Paris, clear of the zone another test draws in London (one database per file).
    const a = await ride(h, me.user.id, { from: { lat: 48.8566, lon: 2.3522 } });
    const steal = await make(h, other.cookie, { activityId: a.id, fromS: 60, toS: 300, name: 'Mine now' });
    expect(steal.status).toBe(404);
    const priv = await make(h, me.cookie, { activityId: a.id, fromS: 60, toS: 300, name: 'Secret' });
    expect(priv.status, JSON.stringify(priv.body)).toBe(201);
    await effort(h, { segmentId: priv.body.id, activity: a, userId: me.user.id, startS: 60, elapsedS: 240 });
    for (const [method, path, body] of [
      ['GET', `/api/v1/segments/${priv.body.id}`, undefined],
      ['GET', `/api/v1/segments/${priv.body.id}/board`, undefined],
      ['PATCH', `/api/v1/segments/${priv.body.id}`, { name: 'x' }],
      ['DELETE', `/api/v1/segments/${priv.body.id}`, undefined],
      ['GET', `/api/v1/activities/${a.id}/segment-efforts`, undefined],
    ] as const) {
      const r = await h.json<ErrorBody>(path, { method, body, cookie: other.cookie });
      expect(r.status, `${method} ${path}`).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    expect((await h.json<{ segments: unknown[] }>('/api/v1/segments', { cookie: other.cookie })).body.segments).toEqual([]);

    const pub = await make(h, me.cookie, { activityId: a.id, fromS: 60, toS: 300, name: 'Open road', visibility: 'public' });
    expect(pub.status, JSON.stringify(pub.body)).toBe(201);
    await effort(h, { segmentId: pub.body.id, activity: a, userId: me.user.id, startS: 60, elapsedS: 240 });
    const theirs = await h.json<SegmentDetail>(`/api/v1/segments/${pub.body.id}`, { cookie: other.cookie });
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({ yours: false, source: null, efforts: 0, newest: [], fastest: [] });
    // Made private, it keeps only its owner's efforts: nobody else's are matched for it.
    const theirRide = await ride(h, other.user.id, { from: { lat: 48.8566, lon: 2.3522 } });
    await effort(h, { segmentId: pub.body.id, activity: theirRide, userId: other.user.id, startS: 60, elapsedS: 250 });
    expect((await h.json<SegmentDetail>(`/api/v1/segments/${pub.body.id}`, { cookie: other.cookie })).body.efforts).toBe(1);
    const priv2 = await h.json<SegmentDetail>(`/api/v1/segments/${pub.body.id}`, {
      method: 'PATCH',
      body: { visibility: 'private' },
      cookie: me.cookie,
    });
    expect(priv2.body).toMatchObject({ visibility: 'private', efforts: 1 });
    const left = await h.db.select().from(segmentEfforts).where(eq(segmentEfforts.segmentId, pub.body.id));
    expect(left.map((e) => e.userId)).toEqual([me.user.id]);
    // The owner's delete is theirs alone; it takes the efforts with it.
    expect((await h.call(`/api/v1/segments/${pub.body.id}`, { method: 'DELETE', cookie: me.cookie })).status).toBe(204);
    expect((await h.call(`/api/v1/segments/${pub.body.id}`, { cookie: me.cookie })).status).toBe(404);
  });

  it('your efforts newest and fastest first, the PR and your rank, each with a receipt that opens the activity zoomed on it', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const rides = [
      await ride(h, me.user.id, { daysAgo: 3 }),
      await ride(h, me.user.id, { daysAgo: 2 }),
      await ride(h, me.user.id, { daysAgo: 1 }),
    ];
    const s = await make(h, me.cookie, { activityId: rides[0]!.id, fromS: 60, toS: 300, name: 'Hill' });
    const times = [250, 230, 260];
    for (const [i, r] of rides.entries())
      await effort(h, { segmentId: s.body.id, activity: r, userId: me.user.id, startS: 60 + i, elapsedS: times[i]! });

    const got = await h.json<SegmentDetail>(`/api/v1/segments/${s.body.id}`, { cookie: me.cookie });
    expect(got.body.efforts).toBe(3);
    expect(got.body.bestS).toBe(230);
    expect(got.body.newest.map((e) => e.elapsedS)).toEqual([260, 230, 250]);
    expect(got.body.fastest.map((e) => [e.elapsedS, e.rank, e.pr, e.of])).toEqual([
      [230, 1, true, 3],
      [250, 2, false, 3],
      [260, 3, false, 3],
    ]);
    expect(got.body.fastest[0]!.receipt).toEqual({ activityId: rides[1]!.id, href: `/activities/${rides[1]!.id}?at=61&for=230` });

    const onRide = await h.json<ActivitySegmentEfforts>(`/api/v1/activities/${rides[1]!.id}/segment-efforts`, { cookie: me.cookie });
    expect(onRide.body.efforts).toMatchObject([{ elapsedS: 230, pr: true, rank: 1, of: 3, segment: { id: s.body.id, name: 'Hill' } }]);
    const onOther = await h.json<ActivitySegmentEfforts>(`/api/v1/activities/${rides[2]!.id}/segment-efforts`, { cookie: me.cookie });
    expect(onOther.body.efforts).toMatchObject([{ elapsedS: 260, pr: false, rank: 3 }]);
  });
});
