// Racing achievements on the athlete's own mark (ADR 084): an activity is a race only when they say so, podium and
// win only with the place they gave. Each rule's edge through the API: place 4 is no podium, place 2 no win; a mark
// on an excluded activity earns nothing; taking the mark off withdraws what it earned.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { boardActivity } from '../board-activities.testing';
import type { BoardActivity } from '../leaderboard-eligibility';
import { inputOf, servicesAt } from './awards.testing';

const run = (day: number, over: Partial<BoardActivity> = {}) =>
  boardActivity('x', new Date(Date.UTC(2026, 9, day, 7)), { sport: 'run', speed: 3, durationS: 1800, every: 1 }, over);
const race = (id: string) => `/api/v1/social/activities/${id}/race`;
const tick = (h: Harness) => servicesAt(h, new Date()).awardsEvaluation.drain(1000);

async function racing(h: Harness, cookie: string) {
  const res = await h.json<{ achievements: { code: string; status: string; receipts: { activityIds: string[] } | null }[] }>(
    '/api/v1/social/achievements',
    { cookie },
  );
  expect(res.status).toBe(200);
  return Object.fromEntries(
    res.body.achievements.filter((a) => ['first_race', 'first_podium', 'first_win'].includes(a.code)).map((a) => [a.code, a]),
  );
}
const statuses = async (h: Harness, cookie: string) =>
  Object.fromEntries(Object.entries(await racing(h, cookie)).map(([k, v]) => [k, v.status]));

describe('racing achievements on a marked result', () => {
  it('nothing unmarked; a mark without a place is a first race; 4th is no podium, 3rd is, 2nd is no win, 1st is', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const ingest = async (x: BoardActivity) => (await servicesAt(h, new Date()).activities.ingest(a.user.id, inputOf(x))).id;
    const [r1, r2, r3] = [await ingest(run(1)), await ingest(run(8)), await ingest(run(15))];
    await tick(h);
    expect(await statuses(h, a.cookie)).toEqual({ first_race: 'locked', first_podium: 'locked', first_win: 'locked' });

    const put = (id: string, body: unknown) => h.json<{ place: number | null }>(race(id), { method: 'PUT', cookie: a.cookie, body });
    expect((await put(r1, {})).status).toBe(200);
    await tick(h);
    expect(await statuses(h, a.cookie)).toEqual({ first_race: 'earned', first_podium: 'locked', first_win: 'locked' });

    expect((await put(r2, { place: 4, fieldSize: 120 })).status).toBe(200);
    await tick(h);
    expect((await racing(h, a.cookie)).first_podium!.status).toBe('locked');
    expect((await put(r2, { place: 3, fieldSize: 120 })).body.place).toBe(3);
    await tick(h);
    const third = await racing(h, a.cookie);
    expect(third.first_podium).toMatchObject({ status: 'earned', receipts: { activityIds: [r2] } });
    expect(third.first_race!.receipts!.activityIds).toEqual([r1]);

    expect((await put(r3, { place: 2 })).status).toBe(200);
    await tick(h);
    expect((await racing(h, a.cookie)).first_win!.status).toBe('locked');
    await put(r3, { place: 1, fieldSize: 1 });
    await tick(h);
    expect((await racing(h, a.cookie)).first_win).toMatchObject({ status: 'earned', receipts: { activityIds: [r3] } });
    expect((await h.json<{ race: { place: number } | null }>(race(r3), { cookie: a.cookie })).body.race).toMatchObject({
      place: 1,
      fieldSize: 1,
    });

    // r2 unmarked: the podium moves to the win, the only podium left; then r3 unmarked: both withdrawn.
    expect((await h.json(race(r2), { method: 'DELETE', cookie: a.cookie })).status).toBe(200);
    await tick(h);
    expect((await racing(h, a.cookie)).first_podium).toMatchObject({ status: 'earned', receipts: { activityIds: [r3] } });
    await h.json(race(r3), { method: 'DELETE', cookie: a.cookie });
    await tick(h);
    expect(await statuses(h, a.cookie)).toEqual({ first_race: 'earned', first_podium: 'withdrawn', first_win: 'withdrawn' });
    expect((await h.json(race(r3), { method: 'DELETE', cookie: a.cookie })).status).toBe(404);
  });

  it('refuses a place beyond the field, another athlete’s activity, and counts no mark on an excluded activity', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const b = await h.signup();
    const ingest = async (x: BoardActivity) => (await servicesAt(h, new Date()).activities.ingest(a.user.id, inputOf(x))).id;
    const manual = await ingest({ ...run(3), source: 'manual', samples: null });
    const real = await ingest(run(4));
    const put = (id: string, body: unknown, cookie = a.cookie) => h.json(race(id), { method: 'PUT', cookie, body });
    expect((await put(real, { place: 3, fieldSize: 2 })).status).toBe(400);
    expect((await put(real, { place: 0 })).status).toBe(400);
    expect((await put(real, { place: 1.5 })).status).toBe(400);
    expect((await put(real, { place: 1 }, b.cookie)).status).toBe(404);
    expect((await h.json(race(real), { cookie: b.cookie })).status).toBe(404);
    expect((await put(manual, { place: 1, fieldSize: 10 })).status).toBe(200);
    await tick(h);
    expect(await statuses(h, a.cookie)).toEqual({ first_race: 'locked', first_podium: 'locked', first_win: 'locked' });
    expect((await put(real, { place: 2, fieldSize: 2 })).status).toBe(200);
    await tick(h);
    expect(await statuses(h, a.cookie)).toEqual({ first_race: 'earned', first_podium: 'earned', first_win: 'locked' });
  });
});
