import { sql } from 'drizzle-orm';
import { athleteThresholds } from '../../../db/schema';
import { describe, expect, it } from 'vitest';
import type { Body } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { buildActivity } from '../../../testing/factories/activity';
import { analyticsWorld, insertAthlete } from '../../../testing/analytics';
import { policyFor } from '../../activities';
import { createAnalyticsService } from '../analytics.service';
import { addDays, mondayOf, todayIn } from '../../../lib/dates';
import { hrRun } from '../analytics.testing';
import type { EfficiencyTrendsResponse, ZoneTrendsResponse } from './trends.schema';

type Zones = Body<typeof ZoneTrendsResponse>;
type Efficiency = Body<typeof EfficiencyTrendsResponse>;

const today = () => todayIn('UTC', new Date());

/** A run from a watch that sent no streams. */
const bareRun = (day: string) =>
  buildActivity({
    startTime: new Date(`${day}T18:00:00Z`),
    localStartDate: day,
    name: 'No file',
    streams: undefined,
    detailComplete: true,
  });

describe('trends API', () => {
  it('counts time in heart-rate zones per week with the dated threshold, says why a week has none, and re-zones when the threshold changes', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    const setLthr = async (value: number, effectiveFrom: string) =>
      expect(
        (await h.json('/api/v1/analytics/thresholds', { method: 'POST', cookie: me.cookie, body: { kind: 'lthr', value, effectiveFrom } }))
          .status,
      ).toBeLessThan(300);
    await setLthr(170, '2020-01-01');
    const runDay = addDays(mondayOf(today()), -7); // last week's Monday
    const run = await w.activities.ingest(me.user.id, hrRun(runDay));
    const bareDay = addDays(mondayOf(today()), -14);
    const bare = await w.activities.ingest(me.user.id, bareRun(bareDay));

    const get = async () => {
      const r = await h.json<Zones>('/api/v1/analytics/trends/zones?sport=run&basis=hr&weeks=12', { cookie: me.cookie });
      expect(r.status).toBe(200);
      return r.body;
    };
    const body = await get();
    expect(body.weeks).toHaveLength(12);
    expect(body.zones.map((z) => z.name)).toEqual(['Recovery', 'Endurance', 'Tempo', 'Threshold', 'VO2max']);
    const week = (b: Zones, start: string) => b.weeks.find((x) => x.weekStart === start)!;
    // LTHR 170 (Friel, runs): 144.5 / 153 / 161.5 / 170 bpm → 140 bpm is zone 1, 165 bpm zone 4.
    const last = week(body, runDay);
    expect(last).toMatchObject({
      state: 'ok',
      seconds: [900, 0, 0, 900, 0],
      totalS: 1800,
      activities: [{ activityId: run.id, date: runDay, name: 'Tempo run', seconds: 1800 }],
      listUrl: `/activities?from=${runDay}&to=${addDays(runDay, 6)}&sport=run`,
    });
    expect(last.thresholds).toHaveLength(1);
    expect(last.thresholds[0]).toMatchObject({ kind: 'lthr', value: 170, source: 'manual', effectiveFrom: '2020-01-01', activities: 1 });
    expect(last.thresholds[0]!.bounds.map((b) => b.high)).toEqual([144.5, 153, 161.5, 170, null]);
    // Weeks without zone data say why instead of showing zero.
    expect(week(body, bareDay)).toMatchObject({ state: 'no_stream', seconds: null, uncounted: { no_stream: 1 }, activities: [] });
    expect(week(body, mondayOf(today()))).toMatchObject({ state: 'no_activities', seconds: null });
    expect(bare.id).toBeTruthy();

    // A new LTHR from the run's day re-zones it without re-reading its streams: 136 / 144 / 152 / 160 bpm.
    await setLthr(160, runDay);
    const after = week(await get(), runDay);
    expect(after.seconds).toEqual([0, 900, 0, 0, 900]);
    expect(after.thresholds[0]).toMatchObject({ value: 160, effectiveFrom: runDay });

    // Facts from before the histograms: pending until the derive rebuild (migration 0042's) has run.
    await h.db.execute(sql`update activity_metrics set facts = facts - 'zoneHist' where activity_id = ${run.id}`);
    await h.db.execute(sql`update users set analytics_version = analytics_version + 1 where id = ${me.user.id}`);
    expect(week(await get(), runDay)).toMatchObject({ state: 'pending', uncounted: { pending: 1 } });
    await w.trainingLoad.rebuild(me.user.id, { derive: true });
    expect(week(await get(), runDay).seconds).toEqual([0, 900, 0, 0, 900]);

    // Only the athlete's own activities; signed out is refused; power zones are for rides.
    const other = await h.signup();
    const theirs = await h.json<Zones>('/api/v1/analytics/trends/zones?basis=hr', { cookie: other.cookie });
    expect(theirs.body.weeks.every((x) => x.state === 'no_activities' && x.activities.length === 0)).toBe(true);
    expect((await h.json('/api/v1/analytics/trends/zones')).status).toBe(401);
    expect((await h.json('/api/v1/analytics/trends/efficiency')).status).toBe(401);
    for (const q of ['basis=power&sport=run', 'basis=pace&sport=ride', 'weeks=10', 'basis=watts']) {
      const r = await h.json(`/api/v1/analytics/trends/zones?${q}`, { cookie: me.cookie });
      expect(r.status, q).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
    }
  });

  it('says a week has no zones without the threshold they need, zones a first run by its own effort, and counts pace zones for runs', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    const runDay = addDays(mondayOf(today()), -7);
    await w.activities.ingest(me.user.id, hrRun(runDay));
    // Heart-rate zones need an LTHR or a max HR in effect, and a first run has neither (ADR 065: no estimate from later efforts).
    const hr = await h.json<Zones>('/api/v1/analytics/trends/zones?basis=hr', { cookie: me.cookie });
    expect(hr.body.weeks.find((x) => x.weekStart === runDay)).toMatchObject({ state: 'no_threshold', uncounted: { no_threshold: 1 } });
    // Pace zones: with no threshold pace in effect, the run's own best 30 minutes (3 m/s) is the threshold, said as such.
    const first = await h.json<Zones>('/api/v1/analytics/trends/zones?basis=pace', { cookie: me.cookie });
    const own = first.body.weeks.find((x) => x.weekStart === runDay)!;
    expect(own).toMatchObject({ state: 'ok' });
    expect(own.thresholds[0]).toMatchObject({ kind: 'threshold_pace', source: 'activity', inEffect: null });
    // Threshold pace 3.2 m/s (5:13 /km): zones 2.4 / 2.72 / 2.976 / 3.232 m/s → 3 m/s is zone 4.
    const set = await h.json('/api/v1/analytics/thresholds', {
      method: 'POST',
      cookie: me.cookie,
      body: { kind: 'threshold_pace', paceSeconds: 312.5, effectiveFrom: '2020-01-01' },
    });
    expect(set.status).toBeLessThan(300);
    const after = await h.json<Zones>('/api/v1/analytics/trends/zones?basis=pace', { cookie: me.cookie });
    const week = after.body.weeks.find((x) => x.weekStart === runDay)!;
    expect(week).toMatchObject({ state: 'ok', seconds: [0, 0, 0, 1800, 0] });
    expect(week.thresholds[0]!.bounds[3]).toMatchObject({ low: 2.976, high: 3.232, lowPace: 336, highPace: 309.4 });
  });

  it('gives efficiency per month as medians only where at least three activities stand behind them', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    expect(
      (
        await h.json('/api/v1/analytics/thresholds', {
          method: 'POST',
          cookie: me.cookie,
          body: { kind: 'lthr', value: 170, effectiveFrom: '2020-01-01' },
        })
      ).status,
    ).toBeLessThan(300);
    // Two months back: three easy runs at 140 bpm (EF = speed × 60 / HR); one month back: two.
    const [y, m] = today().split('-').map(Number) as [number, number];
    const monthOf = (back: number) => {
      const i = y * 12 + (m - 1) - back;
      return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
    };
    const easy = (day: string, movingTimeS: number) =>
      buildActivity({ startTime: new Date(`${day}T07:00:00Z`), localStartDate: day, movingTimeS, distanceM: 10_000, avgHr: 140 });
    const twoBack = monthOf(2);
    const ids: string[] = [];
    for (const [d, s] of [
      ['05', 3000],
      ['10', 3300],
      ['15', 2700],
    ] as const)
      ids.push((await w.activities.ingest(me.user.id, easy(`${twoBack}-${d}`, s))).id);
    const oneBack = monthOf(1);
    await w.activities.ingest(me.user.id, easy(`${oneBack}-03`, 3000));
    await w.activities.ingest(me.user.id, easy(`${oneBack}-20`, 3000));

    const r = await h.json<Efficiency>('/api/v1/analytics/trends/efficiency?sport=run&months=12', { cookie: me.cookie });
    expect(r.status).toBe(200);
    expect(r.body.months).toHaveLength(12);
    expect(r.body.minSample).toBe(3);
    const month = (k: string) => r.body.months.find((x) => x.month === k)!;
    // 10 km in 3000 s at 140 bpm: 200 m/min ÷ 140 = 1.429 m per beat (the median of 1.299, 1.429, 1.587).
    expect(month(twoBack)).toMatchObject({ efficiency: { n: 3, median: 1.429 }, decoupling: { n: 0, median: null } });
    expect(
      month(twoBack)
        .activities.map((a) => a.activityId)
        .sort(),
    ).toEqual([...ids].sort());
    expect(month(twoBack).listUrl).toBe(`/activities?from=${twoBack}-01&to=${month(twoBack).to}&sport=run`);
    expect(month(oneBack)).toMatchObject({ efficiency: { n: 2, median: null } });
    expect(month(monthOf(0))).toMatchObject({ efficiency: { n: 0, median: null }, activities: [] });

    const other = await h.signup();
    const theirs = await h.json<Efficiency>('/api/v1/analytics/trends/efficiency?sport=run', { cookie: other.cookie });
    expect(theirs.body.months.every((x) => x.activities.length === 0)).toBe(true);
  });

  it('reads only the sources the data use allows: a Strava API run is not counted in strict analytics', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db);
    const a = await insertAthlete(h.db);
    // An LTHR of the athlete's own, so the test is about sources, not thresholds.
    await h.db.insert(athleteThresholds).values({ userId: a.id, kind: 'lthr', value: 170, effectiveFrom: '2020-01-01', source: 'manual' });
    const day = addDays(mondayOf(today()), -7);
    const own = await w.activities.ingest(a.id, { ...hrRun(day, 'Own file'), source: 'fit_upload' });
    const strava = await w.activities.ingest(a.id, { ...hrRun(addDays(day, 1), 'From Strava'), source: 'strava', externalId: 'strava-1' });
    await w.trainingLoad.settle(a.id);
    const counted = async (mode: 'default' | 'strict') => {
      const svc = createAnalyticsService({ db: h.db, clock: w.clock, policy: async () => policyFor(mode) });
      const r = await svc.zoneWeeks(a, { basis: 'hr', sport: 'all', weeks: 12 });
      const week = r.weeks.find((x) => x.weekStart === day)!;
      return new Set([...week.activities.map((x) => x.activityId), ...(week.state === 'ok' ? [] : [`state:${week.state}`])]);
    };
    expect(await counted('default')).toEqual(new Set([own.id, strava.id]));
    expect(await counted('strict')).toEqual(new Set([own.id]));
  });
});
