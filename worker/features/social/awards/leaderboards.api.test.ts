// Weekly boards wired (ADR 083 "awards"): generated clean recordings and planted cheats go through the activities
// store, the re-evaluation writes each athlete's open week, the board reads it among the people one may compete with
// (opted in, never blocked either way), and each zone's week closes when it ends there.
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { leaderboardWeeks } from '../../../db/schema';
import { Harness } from '../../../testing/harness';
import type { ActivityInput } from '../../activities';
import { boardActivity, CLEAN_SHAPES } from '../board-activities.testing';
import type { BoardActivity } from '../leaderboard-eligibility';
import { block, follow, inputOf, optIn, servicesAt, setZone } from './awards.testing';

const WEEK = '2026-11-16';
/** Wednesday of that week: the re-evaluation's clock (the week is open everywhere). */
const NOW = new Date('2026-11-18T12:00:00Z');
const at = (day: number, hour: number) => new Date(Date.UTC(2026, 10, 16 + day, hour));
const run = { sport: 'run' as const, speed: 3, durationS: 3000, every: 1 as const };

async function store(h: Harness, userId: string, list: BoardActivity[], zone = 'UTC'): Promise<string[]> {
  const inputs: ActivityInput[] = list.map((a) => inputOf(a, zone));
  await servicesAt(h, NOW).activities.ingestMany(userId, inputs);
  const rows = await h.db.execute<{ id: string; external_id: string }>(
    `select id, external_id from activities where user_id = '${userId}'` as never,
  );
  const byExt = new Map(rows.rows.map((r) => [r.external_id, r.id]));
  return inputs.map((i) => byExt.get(i.externalId) ?? '');
}
const tick = (h: Harness, now = NOW) => servicesAt(h, now).awardsEvaluation.drain(1000);
const weekRows = (h: Harness, ids: string[]) =>
  h.db
    .select()
    .from(leaderboardWeeks)
    .where(and(inArray(leaderboardWeeks.userId, ids), eq(leaderboardWeeks.weekStart, WEEK)));

interface BoardBody {
  entries: {
    person: { id: string; displayName: string };
    rank: number;
    value: number;
    final: boolean;
    you: boolean;
    activityIds: string[];
  }[];
  youOptedIn: boolean;
  yourExclusions: { activityId: string; code: string; reason: string; reviewable: boolean; review: { status: string } | null }[];
}

describe('weekly boards through the stored path', () => {
  it('every planted cheat is left off, at most 1 % of clean recordings are, and the cheater reads each reason', async () => {
    const h = Harness.init();
    const athletes = await Promise.all(Array.from({ length: 12 }, () => h.signup()));
    const clean: string[] = [];
    for (const [a, ath] of athletes.entries()) {
      const list = Array.from({ length: 5 }, (_, i) =>
        boardActivity(ath.user.id, at(i, 6 + (a % 10)), CLEAN_SHAPES[(a + i) % CLEAN_SHAPES.length]!),
      );
      clean.push(...(await store(h, ath.user.id, list)));
    }
    const cheater = await h.signup();
    const twin = boardActivity(cheater.user.id, at(3, 6), run, { seed: 77, source: 'fit_upload' });
    const planted: BoardActivity[] = [
      boardActivity(cheater.user.id, at(0, 6), { sport: 'run', speed: 60 / 3.6, durationS: 1800, every: 1 }),
      boardActivity(cheater.user.id, at(0, 14), { sport: 'run', speed: 30 / 3.6, durationS: 1800, every: 1, wander: 0.05 }),
      // The same effort from two sources: counted once.
      {
        ...twin,
        id: 'twin',
        source: 'garmin_api',
        startTime: new Date(twin.startTime.getTime() + 40_000),
        distanceM: twin.distanceM * 1.004,
      },
      { ...boardActivity(cheater.user.id, at(1, 6), run), source: 'manual', distanceM: 100_000, samples: null },
      boardActivity(cheater.user.id, at(1, 14), { ...run, wander: 0, gpsNoiseM: 0 }),
      boardActivity(cheater.user.id, at(2, 6), { ...run, every: 10 }),
      boardActivity(cheater.user.id, at(2, 14), run, { source: 'strava' }),
      { ...boardActivity(cheater.user.id, at(4, 6), run), source: 'gpx_upload', samples: null },
    ];
    const [twinId, ...cheats] = await store(h, cheater.user.id, [twin, ...planted]);
    expect(cheats.every(Boolean) && Boolean(twinId)).toBe(true);
    await tick(h);

    const rows = await weekRows(h, [...athletes.map((a) => a.user.id), cheater.user.id]);
    const counted = new Set(rows.flatMap((r) => r.countedActivityIds));
    for (const id of cheats) expect(counted.has(id), `cheat ${id} counted`).toBe(false);
    // Exactly one copy of the two-source effort counts.
    expect([twinId, cheats[2]].filter((id) => counted.has(id!))).toHaveLength(1);
    const missed = clean.filter((id) => !counted.has(id));
    expect(missed.length / clean.length).toBeLessThanOrEqual(0.01);
    expect(rows.every((r) => !r.final)).toBe(true);

    // The cheater's own view: each exclusion with its sentence; a review can be asked for once at a time.
    const board = await h.json<BoardBody>(`/api/v1/social/leaderboards?sport=run&metric=distance&week=${WEEK}`, { cookie: cheater.cookie });
    expect(board.status).toBe(200);
    const excluded = new Map(board.body.yourExclusions.map((e) => [e.activityId, e]));
    for (const id of cheats.filter((id) => id !== cheats[2])) expect(excluded.get(id)?.reason, id).toMatch(/\w/);
    const review = await h.json<{ status: string }>('/api/v1/social/leaderboards/reviews', {
      cookie: cheater.cookie,
      body: { activityId: cheats[5], note: 'My watch records every 10 s: <b>really</b>' },
    });
    expect(review.status).toBe(201);
    expect(review.body.status).toBe('open');
    const again = await h.json('/api/v1/social/leaderboards/reviews', {
      cookie: cheater.cookie,
      body: { activityId: cheats[5], note: 'again' },
    });
    expect(again.status).toBe(409);
    const theirs = await h.json('/api/v1/social/leaderboards/reviews', {
      cookie: athletes[0]!.cookie,
      body: { activityId: cheats[5], note: 'x' },
    });
    expect(theirs.status).toBe(404);
    // Strava's terms are no reviewer's to reverse: the page offers no review, and asking is refused with the reason.
    expect(excluded.get(cheats[6]!)).toMatchObject({ code: 'provider_terms', reviewable: false });
    expect(excluded.get(cheats[5]!)?.reviewable).toBe(true);
    const strava = await h.json<{ error: { code: string; message: string } }>('/api/v1/social/leaderboards/reviews', {
      cookie: cheater.cookie,
      body: { activityId: cheats[6], note: 'it was a real run' },
    });
    expect(strava.status).toBe(409);
    expect(strava.body.error.message).toMatch(/Strava's API.*upload the original/);
    const after = await h.json<BoardBody>(`/api/v1/social/leaderboards?sport=run&week=${WEEK}`, { cookie: cheater.cookie });
    expect(after.body.yourExclusions.find((e) => e.activityId === cheats[5])?.review?.status).toBe('open');
    const rules = await h.json<{ exclusions: { code: string }[] }>('/api/v1/social/leaderboards/rules', { cookie: cheater.cookie });
    expect(rules.body.exclusions.map((e) => e.code)).toContain('provider_terms');
  });

  it('ranks the viewer among followees who opted in: never one who did not opt in, never one blocked either way', async () => {
    const h = Harness.init();
    const as = (displayName: string) => h.signup({ displayName });
    const [viewer, friend, shy, foe, foe2] = await Promise.all([as('Vi Viewer'), as('Fred Friend'), as('Shy'), as('Foe'), as('Foe Two')]);
    const ids = [viewer, friend, shy, foe, foe2].map((x) => x.user.id);
    for (const [i, id] of ids.entries()) await store(h, id, [boardActivity(id, at(1, 7), { ...run, durationS: 2000 + i * 300 })]);
    for (const id of [viewer.user.id, friend.user.id, foe.user.id, foe2.user.id]) await optIn(h, id);
    for (const id of ids.slice(1)) await follow(h, viewer.user.id, id);
    await block(h, foe.user.id, viewer.user.id); // they blocked the viewer
    await block(h, viewer.user.id, foe2.user.id); // the viewer blocked them
    await tick(h);

    const board = await h.json<BoardBody>(`/api/v1/social/leaderboards?sport=run&metric=time&week=${WEEK}`, { cookie: viewer.cookie });
    expect(board.status).toBe(200);
    expect(board.body.entries.map((e) => e.person)).toEqual([
      { id: friend.user.id, displayName: 'Fred Friend' },
      { id: viewer.user.id, displayName: 'Vi Viewer' },
    ]);
    expect(board.body.entries.map((e) => e.rank)).toEqual([1, 2]);
    expect(board.body.entries[1]!.you).toBe(true);
    // The blocked ones do not see the viewer either.
    const theirs = await h.json<BoardBody>(`/api/v1/social/leaderboards?sport=run&week=${WEEK}`, { cookie: foe.cookie });
    expect(theirs.body.entries.map((e) => e.person.id)).toEqual([foe.user.id]);
    // Opting out takes one off at once.
    await optIn(h, friend.user.id, false);
    const later = await h.json<BoardBody>(`/api/v1/social/leaderboards?sport=run&week=${WEEK}`, { cookie: viewer.cookie });
    expect(later.body.entries.map((e) => e.person.id)).toEqual([viewer.user.id]);
  });

  it("each zone's week closes when it ends there: Auckland's before Los Angeles'", async () => {
    const h = Harness.init();
    const kiwi = await h.signup();
    const angeleno = await h.signup();
    await setZone(h, kiwi.user.id, 'Pacific/Auckland');
    await setZone(h, angeleno.user.id, 'America/Los_Angeles');
    // Monday 06:00 in Auckland is Sunday in UTC; Sunday 23:00 in Los Angeles is Monday in UTC: both their week.
    const kiwiRun = await store(h, kiwi.user.id, [boardActivity(kiwi.user.id, new Date('2026-11-15T17:00:00Z'), run)], 'Pacific/Auckland');
    const laRun = await store(
      h,
      angeleno.user.id,
      [boardActivity(angeleno.user.id, new Date('2026-11-23T07:00:00Z'), run)],
      'America/Los_Angeles',
    );
    await tick(h);
    const rows = async () => new Map((await weekRows(h, [kiwi.user.id, angeleno.user.id])).map((r) => [r.userId, r]));
    expect((await rows()).get(kiwi.user.id)?.countedActivityIds).toEqual(kiwiRun);
    expect((await rows()).get(angeleno.user.id)?.countedActivityIds).toEqual(laRun);

    const close = (iso: string) => servicesAt(h, new Date(iso)).awardsEvaluation.closeWeeks(new Date(iso));
    await close('2026-11-22T10:55:00Z'); // Auckland 23:55 Sunday
    expect([...(await rows()).values()].map((r) => r.final)).toEqual([false, false]);
    await close('2026-11-22T11:05:00Z'); // Auckland 00:05 Monday; Los Angeles still Sunday 03:05
    expect((await rows()).get(kiwi.user.id)?.final).toBe(true);
    expect((await rows()).get(angeleno.user.id)?.final).toBe(false);
    await close('2026-11-23T08:05:00Z'); // Los Angeles 00:05 Monday
    expect((await rows()).get(angeleno.user.id)?.final).toBe(true);

    // A final week is never rewritten: a late import re-evaluates the athlete but leaves it as it closed.
    await store(h, kiwi.user.id, [boardActivity(kiwi.user.id, new Date('2026-11-17T18:00:00Z'), run)], 'Pacific/Auckland');
    await tick(h);
    expect((await rows()).get(kiwi.user.id)?.countedActivityIds).toEqual(kiwiRun);
  });
});
