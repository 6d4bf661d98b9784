// Achievements wired (ADR 083 "awards"): a change of history (an import, a late import, a deletion) bumps the
// athlete's analytics version, the minute cron re-evaluates them, and the API says what was granted and withdrawn.
// Others see only awards also earned without Strava API data, and only when the relation allows.
import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { boardActivity } from '../board-activities.testing';
import type { BoardActivity } from '../leaderboard-eligibility';
import { block, follow, inputOf, servicesAt } from './awards.testing';

interface Ach {
  code: string;
  status: 'earned' | 'withdrawn' | 'locked';
  earnedAt: string | null;
  receipts: { activityIds: string[]; figure: { distanceM: number } } | null;
  withdrawnReason: string | null;
  sharedWithOthers: boolean;
}

/** A clean recorded run of exactly `metres` (its samples scaled to end there). */
function run(start: Date, metres: number, over: Partial<BoardActivity> = {}): BoardActivity {
  const a = boardActivity('x', start, { sport: 'run', speed: 3, durationS: Math.round(metres / 3), every: 1 }, over);
  const last = a.samples!.distanceM.at(-1)!;
  return { ...a, distanceM: metres, samples: { ...a.samples!, distanceM: a.samples!.distanceM.map((d) => (d * metres) / last) } };
}

const day = (d: number) => new Date(Date.UTC(2026, 9, d, 7));

async function ingest(h: Harness, userId: string, a: BoardActivity): Promise<string> {
  const r = await servicesAt(h, new Date()).activities.ingest(userId, inputOf(a));
  return r.id;
}
/** The minute cron's job, as it runs: every athlete whose version moved on. */
const tick = (h: Harness) => servicesAt(h, new Date()).awardsEvaluation.drain(1000);

const mine = async (h: Harness, cookie: string) => {
  const res = await h.json<{ points: number; achievements: Ach[] }>('/api/v1/social/achievements', { cookie });
  expect(res.status).toBe(200);
  return new Map(res.body.achievements.map((a) => [a.code, a]));
};

describe('achievements on a changing history', () => {
  it('4,999 m is not a 5 km; a late import grants it; deleting its receipt withdraws it and the API says so', async () => {
    const h = Harness.init();
    const a = await h.signup();
    await ingest(h, a.user.id, run(day(10), 4999));
    await tick(h);
    let got = await mine(h, a.cookie);
    expect(got.get('first_5k')!.status).toBe('locked');

    // A late import: an older run, imported after the newer one.
    const late = await ingest(h, a.user.id, run(day(3), 5000));
    await tick(h);
    got = await mine(h, a.cookie);
    expect(got.get('first_5k')).toMatchObject({ status: 'earned', sharedWithOthers: true });
    expect(got.get('first_5k')!.receipts!.activityIds).toEqual([late]);
    expect(got.get('first_5k')!.receipts!.figure.distanceM).toBe(5000);
    expect(got.get('first_10k')!.status).toBe('locked');

    // Deleting the receipt from the list (the API's bulk delete) withdraws it.
    const del = await h.json('/api/v1/activities/bulk', { cookie: a.cookie, body: { ids: [late], change: { kind: 'delete' } } });
    expect(del.status).toBe(200);
    await tick(h);
    got = await mine(h, a.cookie);
    expect(got.get('first_5k')).toMatchObject({ status: 'withdrawn', sharedWithOthers: false });
    expect(got.get('first_5k')!.withdrawnReason).toMatch(/no longer in your history/);
  });

  it('a second tick without a change does nothing; a new receipt re-grants a withdrawn award', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const first = await ingest(h, a.user.id, run(day(12), 5100));
    await tick(h);
    const ev = servicesAt(h, new Date()).awardsEvaluation;
    expect((await ev.reevaluate(a.user.id)).granted).toEqual([]);
    await h.json('/api/v1/activities/bulk', { cookie: a.cookie, body: { ids: [first], change: { kind: 'delete' } } });
    await tick(h);
    expect((await mine(h, a.cookie)).get('first_5k')!.status).toBe('withdrawn');
    const again = await ingest(h, a.user.id, run(day(14), 5200));
    await tick(h);
    const got = (await mine(h, a.cookie)).get('first_5k')!;
    expect(got).toMatchObject({ status: 'earned', withdrawnReason: null });
    expect(got.receipts!.activityIds).toEqual([again]);
  });

  it("an award earned only from Strava API data is the owner's alone; others see awards only as the relation allows", async () => {
    const h = Harness.init();
    const owner = await h.signup({ displayName: 'Olga Owner' });
    const fan = await h.signup();
    const stranger = await h.signup();
    const foe = await h.signup();
    await ingest(h, owner.user.id, run(day(5), 10_500, { source: 'strava' }));
    await ingest(h, owner.user.id, run(day(8), 5300, { source: 'fit_upload' }));
    await tick(h);
    const own = await mine(h, owner.cookie);
    expect(own.get('first_10k')).toMatchObject({ status: 'earned', sharedWithOthers: false });
    expect(own.get('first_5k')).toMatchObject({ status: 'earned', sharedWithOthers: true });

    await follow(h, fan.user.id, owner.user.id);
    const seen = await h.json<{ person: unknown; achievements: { code: string; activityIds: string[] }[] }>(
      `/api/v1/social/people/${owner.user.id}/achievements`,
      { cookie: fan.cookie },
    );
    expect(seen.status).toBe(200);
    expect(seen.body.achievements.map((x) => x.code)).toEqual(['first_5k']);
    expect(seen.body.person).toEqual({ id: owner.user.id, displayName: 'Olga Owner' });
    // Its shared receipts are the file's run, never the Strava API one (which earned it first for the owner).
    expect(JSON.stringify(seen.body)).not.toContain(own.get('first_10k')!.receipts!.activityIds[0]!);

    // A private profile and no follow: as if it did not exist. A block either way: 404 too, even to a follower.
    expect((await h.json(`/api/v1/social/people/${owner.user.id}/achievements`, { cookie: stranger.cookie })).status).toBe(404);
    await follow(h, foe.user.id, owner.user.id);
    await block(h, owner.user.id, foe.user.id);
    expect((await h.json(`/api/v1/social/people/${owner.user.id}/achievements`, { cookie: foe.cookie })).status).toBe(404);
    expect((await h.json(`/api/v1/social/people/${owner.user.id}/achievements`)).status).toBe(401);
  });
});
