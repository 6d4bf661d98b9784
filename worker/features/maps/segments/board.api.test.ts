// A public segment's board (ADR 102) under the weekly boards' rules: opted-in people the viewer follows, never anyone
// blocked either way, never a Strava API activity shown to another (its owner is told why), an effort faster than the
// sport allows left off with its reason to its owner, and a person whose own zone holds a gate, whose hidden first or
// last metres hold one, or who hides their maps, left off for others.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { socialProfiles } from '../../../db/schema';
import { Harness } from '../../../testing/harness';
import type { SegmentBoard, SegmentDetail } from './segments.schema';
import { block, effort, follow, optIn, ride, rideAt, zone } from './segments.testing';

describe('a segment’s board', () => {
  it('ranks the best effort per opted-in person and leaves off what it must, telling each owner why', async () => {
    const h = Harness.init();
    const names = [
      'Maker',
      'Fast Fran',
      'Strava Sam',
      'Shy Sid',
      'Blocked Bo',
      'Zoned Zoe',
      'Moped Mo',
      'Archive Ann',
      'Door Dot',
      'Hidden Hal',
    ];
    const [me, fran, sam, sid, bo, zoe, mo, ann, dot, hal] = await Promise.all(names.map((displayName) => h.signup({ displayName })));
    const all = [me!, fran!, sam!, sid!, bo!, zoe!, mo!, ann!, dot!, hal!];
    const mine = await ride(h, me!.user.id);
    const made = await h.json<SegmentDetail>('/api/v1/segments', {
      body: { activityId: mine.id, fromS: 60, toS: 300, name: 'The drag', visibility: 'public' },
      cookie: me!.cookie,
    });
    expect(made.status).toBe(201);
    const seg = made.body.id;
    for (const p of all) {
      if (p !== sid) await optIn(h, p.user.id);
      if (p !== me) await follow(h, me!.user.id, p.user.id);
    }
    await block(h, bo!.user.id, me!.user.id);
    // Zoe drew a zone at the segment's start after it was made.
    await zone(h, zoe!.user.id, rideAt(60));
    // Hal hides his maps from everyone.
    await h.db.update(socialProfiles).set({ hideWholeMap: true }).where(eq(socialProfiles.userId, hal!.user.id));

    const add = async (
      p: (typeof all)[number],
      elapsedS: number,
      source?: 'strava' | 'strava_archive',
      from?: { lat: number; lon: number },
    ) => {
      const r = await ride(h, p.user.id, { source, daysAgo: 2, ...(from ? { from } : {}) });
      return { activityId: r.id, effortId: await effort(h, { segmentId: seg, activity: r, userId: p.user.id, startS: 60, elapsedS }) };
    };
    await add(me!, 250);
    const mineFromStrava = await add(me!, 200, 'strava');
    await add(fran!, 230);
    await add(fran!, 240);
    await add(sam!, 150, 'strava');
    await add(sid!, 100);
    await add(bo!, 120);
    await add(zoe!, 210);
    const moped = await add(mo!, 40); // ~1.9 km in 40 s: 48 m/s, past a ride's 35 m/s ceiling
    await add(ann!, 245, 'strava_archive'); // her own archive import: the policy lets it count
    // Dot's rides start 100 m before the segment's start: inside the 200 m her posts' maps hide.
    const start = rideAt(60);
    await add(dot!, 220, undefined, { lat: start.lat - 100 / 111_195, lon: start.lon });
    await add(hal!, 215);

    const board = await h.json<SegmentBoard>(`/api/v1/segments/${seg}/board`, { cookie: me!.cookie });
    expect(board.status).toBe(200);
    expect(board.body.youOptedIn).toBe(true);
    expect(board.body.entries.map((e) => [e.person.displayName, e.rank, e.elapsedS, e.you])).toEqual([
      ['Fast Fran', 1, 230, false],
      ['Archive Ann', 2, 245, false],
      ['Maker', 3, 250, true],
    ]);
    expect(board.body.entries[0]!.receipt).toBeNull();
    expect(board.body.entries[2]!.receipt?.href).toMatch(/\?at=60&for=250$/);
    // My Strava API effort is left off what others see, and I am told why (no review can lift a provider's terms).
    expect(board.body.yourExclusions).toMatchObject([
      { effortId: mineFromStrava.effortId, code: 'provider_terms', reviewable: false, reason: expect.stringMatching(/Strava's API/) },
    ]);
    const text = JSON.stringify(board.body);
    for (const hidden of [sam!, sid!, bo!, zoe!, mo!, dot!, hal!]) expect(text).not.toContain(hidden.user.id);

    // Each left-off athlete reads their own reason, and only theirs.
    const asMo = await h.json<SegmentBoard>(`/api/v1/segments/${seg}/board`, { cookie: mo!.cookie });
    expect(asMo.body.yourExclusions).toMatchObject([{ effortId: moped.effortId, code: 'segment_speed', reviewable: true }]);
    expect(asMo.body.yourExclusions[0]!.reason).toMatch(/126 km\/h/);
    const asZoe = await h.json<SegmentBoard>(`/api/v1/segments/${seg}/board`, { cookie: zoe!.cookie });
    expect(asZoe.body.yourExclusions).toMatchObject([{ code: 'zone' }]);
    expect(asZoe.body.entries.some((e) => e.you)).toBe(false);
    const asDot = await h.json<SegmentBoard>(`/api/v1/segments/${seg}/board`, { cookie: dot!.cookie });
    expect(asDot.body.yourExclusions).toMatchObject([{ code: 'ends', reason: expect.stringMatching(/within 200 m/) }]);
    const asHal = await h.json<SegmentBoard>(`/api/v1/segments/${seg}/board`, { cookie: hal!.cookie });
    expect(asHal.body.yourExclusions).toMatchObject([{ code: 'map_hidden' }]);
    // Bo, blocked either way, cannot read the maker's segment at all.
    expect((await h.call(`/api/v1/segments/${seg}/board`, { cookie: bo!.cookie })).status).toBe(404);

    // The review request is the weekly boards' own, on the activity.
    const review = await h.call('/api/v1/social/leaderboards/reviews', {
      body: { activityId: moped.activityId, note: 'A fast descent with a tailwind.' },
      cookie: mo!.cookie,
    });
    expect(review.status).toBe(201);
    const after = await h.json<SegmentBoard>(`/api/v1/segments/${seg}/board`, { cookie: mo!.cookie });
    expect(after.body.yourExclusions[0]!.review).toMatchObject({ status: 'open' });
  });

  it('a private segment has no board; its owner is told how to get one', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const a = await ride(h, me.user.id, { from: { lat: 40.4168, lon: -3.7038 } });
    const made = await h.json<SegmentDetail>('/api/v1/segments', {
      body: { activityId: a.id, fromS: 60, toS: 300, name: 'Mine' },
      cookie: me.cookie,
    });
    const r = await h.json<{ error: { message: string } }>(`/api/v1/segments/${made.body.id}/board`, { cookie: me.cookie });
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/make it public/);
  });
});
