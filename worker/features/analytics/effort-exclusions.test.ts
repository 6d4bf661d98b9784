import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Body } from '../../testing/bodies';
import { Harness } from '../../testing/harness';
import { buildActivity } from '../../testing/factories/activity';
import { analyticsWorld } from '../../testing/analytics';
import type { ActivityInput } from '../activities';
import { addDays, todayIn } from '../../lib/dates';
import type { ActivityAnalysisResponse, PersonalBestsResponse } from './analytics.schema';

const today = () => todayIn('UTC', new Date());
const runOn = (daysAgo: number, overrides: Partial<ActivityInput> = {}) => {
  const day = addDays(today(), -daysAgo);
  return buildActivity({ startTime: new Date(`${day}T07:00:00Z`), localStartDate: day, ...overrides });
};
/** A 10 km run whose source reports a 5 km best effort of `fiveK` seconds. */
const tenKWith5k = (daysAgo: number, fiveK: number, overrides: Partial<ActivityInput> = {}) =>
  runOn(daysAgo, {
    distanceM: 10_000,
    movingTimeS: fiveK * 2.1,
    bestEfforts: [{ name: '5k', distanceM: 5000, elapsedS: fiveK }],
    ...overrides,
  });

async function setup(h: Harness) {
  const me = await h.signup();
  const w = analyticsWorld(h.db);
  const ingest = async (a: ActivityInput) => (await w.activities.ingest(me.user.id, a)).id;
  const analysis = async (id: string) =>
    (await h.json<Body<typeof ActivityAnalysisResponse>>(`/api/v1/analytics/activities/${id}`, { cookie: me.cookie })).body;
  const pbs = async () =>
    (await h.json<Body<typeof PersonalBestsResponse>>('/api/v1/analytics/personal-bests', { cookie: me.cookie })).body;
  const fiveKBest = async () => (await pbs()).run.find((r) => r.distanceM === 5000)!.allTime;
  const stored = async () =>
    (
      await h.db.execute(sql`
        select a.name, e.kind, e.key, e.value, e.excluded_reason, e.excluded_ref from activity_efforts e join activities a on a.id = e.activity_id
        where e.user_id = ${me.user.id} order by a.name, e.kind, e.key`)
    ).rows;
  return { me, w, ingest, analysis, pbs, fiveKBest, stored };
}

describe('bests that are not counted', () => {
  it('a run best faster than the world record is kept, not counted, and the activity says why', async () => {
    const h = Harness.init();
    const s = await setup(h);
    const id = await s.ingest(
      runOn(3, {
        distanceM: 2000,
        movingTimeS: 480,
        bestEfforts: [
          { name: '400m', distanceM: 400, elapsedS: 24.7 },
          { name: '1k', distanceM: 1000, elapsedS: 230 },
        ],
      }),
    );
    const x = await s.analysis(id);
    expect(x.exclusions).toEqual([
      {
        kind: 'run',
        key: 400,
        reason: 'world_record',
        message: '400 m best of 24.7 s not counted: faster than the world record (43.03 s).',
      },
    ]);
    expect(x.runBests.map((b) => b.distanceM)).toEqual([1000]);
    const pbs = await s.pbs();
    expect(pbs.run.find((r) => r.distanceM === 400)!.allTime).toBeNull();
    expect(pbs.run.find((r) => r.distanceM === 1000)!.allTime).toMatchObject({ timeS: 230 });
  });

  it('ride power above the human ceiling is not a best', async () => {
    const h = Harness.init();
    const s = await setup(h);
    // 250 W for ten minutes with a 2,700 W burst of 8 s (a meter spike): the 5-s best is out, the others stand.
    const t = Array.from({ length: 600 }, (_, i) => i);
    const power = t.map((i) => (i >= 100 && i < 108 ? 2700 : 250));
    const id = await s.ingest(
      runOn(2, { sport: 'ride', sportOriginal: 'Ride', distanceM: 5000, movingTimeS: 600, detailComplete: true, streams: { t, power } }),
    );
    const x = await s.analysis(id);
    expect(x.exclusions).toEqual([
      {
        kind: 'power',
        key: 5,
        reason: 'power_ceiling',
        message: '5-s power of 2,700 W not counted: above 2,500 W, more than any rider has held for that long.',
      },
    ]);
    expect(x.powerBests.map((p) => p.durationS)).toEqual([60, 300]);
    expect((await s.pbs()).power.find((p) => p.durationS === 5)!.allTime).toBeNull();
  });

  it('runs whose sport was inferred or flagged implausible set no run bests', async () => {
    const h = Harness.init();
    const s = await setup(h);
    const inferred = await s.ingest(tenKWith5k(5, 1300, { name: 'Inferred', sportInferred: true }));
    const flagged = await s.ingest(
      tenKWith5k(4, 1250, {
        name: 'Flagged',
        dataQuality: [{ code: 'implausible_effort', message: 'A 5 km faster than the sport allows' }],
      }),
    );
    await s.ingest(tenKWith5k(3, 1400, { name: 'Plain' }));
    expect((await s.analysis(inferred)).exclusions[0]).toMatchObject({ key: 5000, reason: 'sport_inferred' });
    expect((await s.analysis(flagged)).exclusions[0]).toMatchObject({ key: 5000, reason: 'implausible_effort' });
    expect(await s.fiveKBest()).toMatchObject({ timeS: 1400 });
  });

  it('a best far beyond a long history is not counted; with a short history, or a real PB, it is', async () => {
    const h = Harness.init();
    const s = await setup(h);
    // Ten easy runs whose fastest 5 km is 25:00.
    const easy: string[] = [];
    for (let d = 45; d > 35; d--) easy.push(await s.ingest(tenKWith5k(d, 1500, { name: `Easy ${d}` })));
    // A 5 km of 16:00 inside an ordinary 52:30 run is 36 % faster than anything before it: a recording fault, not a PB.
    const glitch = await s.ingest(tenKWith5k(10, 960, { name: 'Glitch', movingTimeS: 3150 }));
    expect((await s.analysis(glitch)).exclusions).toEqual([
      {
        kind: 'run',
        key: 5000,
        reason: 'beyond_history',
        message:
          '5 km best of 16:00 not counted: 36 % faster than your best before it (25:00), too far beyond your history to trust the recording.',
      },
    ]);
    // A real PB (20:00, 20 % faster) counts, and is the all-time best the PB table shows.
    await s.ingest(tenKWith5k(5, 1200, { name: 'Race' }));
    expect(await s.fiveKBest()).toMatchObject({ timeS: 1200 });

    // Incremental upkeep equals a rebuild, exclusions included.
    const before = await s.stored();
    await s.w.trainingLoad.rebuild(s.me.user.id, { derive: true });
    expect(await s.stored()).toEqual(before);
    expect(before.filter((r) => r.excluded_reason !== null).map((r) => [r.name, r.key, r.excluded_reason, r.excluded_ref])).toEqual([
      ['Glitch', 5000, 'beyond_history', 1500],
    ]);

    // Nine earlier efforts are too few to judge by (a new athlete's first race must count): deleting one
    // re-judges the later days and the 16:00 stands.
    await s.w.activities.removeOne(s.me.user.id, 'strava', (await activityExternalId(h, easy[0]!))!);
    expect((await s.analysis(glitch)).exclusions).toEqual([]);
    expect(await s.fiveKBest()).toMatchObject({ timeS: 960 });
    // A backfilled older run makes it ten again.
    await s.ingest(tenKWith5k(60, 1500, { name: 'Backfilled' }));
    expect((await s.analysis(glitch)).exclusions).toMatchObject([{ reason: 'beyond_history' }]);
    expect(await s.fiveKBest()).toMatchObject({ timeS: 1200 });
  });
});

async function activityExternalId(h: Harness, id: string): Promise<string | undefined> {
  const rows = (await h.db.execute(sql`select external_id from activities where id = ${id}`)).rows as { external_id: string }[];
  return rows[0]?.external_id;
}
