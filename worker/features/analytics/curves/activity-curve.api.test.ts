import { describe, expect, it } from 'vitest';
import type { Body } from '../../../testing/bodies';
import { Harness } from '../../../testing/harness';
import { buildActivity } from '../../../testing/factories/activity';
import { analyticsWorld, insertAthlete } from '../../../testing/analytics';
import { policyFor } from '../../activities';
import { createAnalyticsService } from '../analytics.service';
import { addDays } from '../../../lib/dates';
import { powerRide } from '../power-ride.testing';
import type { ActivityBalanceResponse, ActivityCurveResponse } from './activity-curve.schema';

type Curve = Body<typeof ActivityCurveResponse>;
type Balance = Body<typeof ActivityBalanceResponse>;

const DAY = '2025-06-10';
/** 10 min easy at 100 W, 5 min at 400 W from second 600, 10 min easy: the reserve is lowest at the end of second 899. */
const hardClimb = (s: number) => (s >= 600 && s < 900 ? 400 : 100);

describe('activity curve and W′ balance API', () => {
  it('sets the activity’s curve against its season’s, with the activity holding each season best, only for its owner', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    const { id } = await w.activities.ingest(me.user.id, powerRide(DAY, 1500, hardClimb, { name: 'Climb' }));
    const sprint = await w.activities.ingest(
      me.user.id,
      powerRide('2025-03-02', 600, (s) => (s >= 100 && s < 130 ? 900 : 150), { name: 'Sprints' }),
    );
    // Last season's better minute is not this season's.
    await w.activities.ingest(
      me.user.id,
      powerRide('2024-07-01', 600, () => 500, { name: 'Old' }),
    );

    const { status, body } = await h.json<Curve>(`/api/v1/analytics/activities/${id}/curve`, { cookie: me.cookie });
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'power', sport: 'ride', unit: 'W', reason: null, seasonReason: null, kinds: ['power'] });
    expect(body.points.find((p) => p.durationS === 300)).toMatchObject({ value: 400, startS: 600 });
    expect(body.season!.span).toEqual({ from: '2025-01-01', to: '2025-12-31', label: '2025 season' });
    const at = (d: number) => body.season!.points.find((p) => p.durationS === d)!;
    expect(at(30)).toMatchObject({ value: 900, activityId: sprint.id, name: 'Sprints', date: '2025-03-02', startS: 100 });
    expect(at(300)).toMatchObject({ value: 400, activityId: id, name: 'Climb' });

    const other = await h.signup();
    for (const path of ['curve', 'w-balance']) {
      expect((await h.json(`/api/v1/analytics/activities/${id}/${path}`, { cookie: other.cookie })).status, path).toBe(404);
      expect((await h.json(`/api/v1/analytics/activities/${id}/${path}`)).status, path).toBe(401);
    }
  });

  it('draws W′ balance under the model of the 90 days to the ride, the ride included and no day after, lowest at the climb’s top', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    // The climb's one 5-min effort cannot carry a model alone (past 5 min its curve is that effort plus easy riding,
    // not a maximal effort), so three days before it a test ride holds two separate ones: 3 min at 470 W and 20 min
    // at 335 W, 15 min easy between. The model rests on the three, the climb's included. A harder ride the next day
    // and one the day before the 90 days must not change it.
    const { id } = await w.activities.ingest(me.user.id, powerRide(DAY, 1500, hardClimb, { name: 'Climb' }));
    const tests = await w.activities.ingest(
      me.user.id,
      powerRide(addDays(DAY, -3), 3180, (s) => (s >= 600 && s < 780 ? 470 : s >= 1680 && s < 2880 ? 335 : 100), { name: 'Tests' }),
    );
    const later = await w.activities.ingest(
      me.user.id,
      powerRide(addDays(DAY, 1), 1500, () => 390, { name: 'Next day' }),
    );
    const before = await w.activities.ingest(
      me.user.id,
      powerRide(addDays(DAY, -90), 1500, () => 500, { name: 'Too old' }),
    );

    const { status, body } = await h.json<Balance>(`/api/v1/analytics/activities/${id}/w-balance`, { cookie: me.cookie });
    expect(status).toBe(200);
    expect(body.insufficient).toBeNull();
    expect(body.form).toMatch(/^Skiba 2015 differential form/);
    expect(body).toMatchObject({ sport: 'ride', kind: 'power', unit: 'J' });
    expect(body.model!.span).toEqual({ from: addDays(DAY, -89), to: DAY, label: '90d' });
    expect(body.model!.efforts.map((e) => [e.durationS, e.activityId])).toEqual([
      [180, tests.id],
      [300, id],
      [1200, tests.id],
    ]);
    expect(body.model!.efforts.some((e) => e.activityId === later.id || e.activityId === before.id)).toBe(false);
    const { critical, reserve } = body.model!.fit!;
    expect(critical).toBeGreaterThan(100);
    expect(critical).toBeLessThan(400);
    // CP is the FTP this ride's load used (issue 55: one threshold per activity page): with no estimate before the
    // athlete's first ride, its own effort, 95 % of its best 20 minutes ((300 × 400 + 900 × 100) / 1200 = 175 W).
    expect(body.threshold).toMatchObject({ kind: 'ftp', source: 'activity', effectiveFrom: DAY });
    const cp = body.threshold!.value;
    expect(Math.round(cp)).toBe(166);
    // Full at the foot of the climb (below CP it only refills), then (400 − CP) J spent each of its 300 seconds.
    expect(body.lowest!.atS).toBe(899);
    expect(Math.abs(body.lowest!.value - (reserve - 300 * (400 - cp)))).toBeLessThanOrEqual(20);
    expect(body.lowest!.pct).toBeCloseTo((100 * body.lowest!.value) / reserve, 0);
    expect(body.exhausted).toBe(body.lowest!.value < 0);
    // The drawn series keeps the lowest point and starts full.
    const i = body.series!.t.indexOf(899);
    expect(i).toBeGreaterThan(0);
    expect(body.series!.balance[i]).toBe(body.lowest!.value);
    expect(body.series!.balance[0]).toBe(reserve);
    expect(body.series!.t.length).toBeLessThanOrEqual(502);
  });

  it('says why when there is no stream or no model, and draws nothing', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    const manual = await w.activities.ingest(
      me.user.id,
      buildActivity({ sport: 'ride', startTime: new Date(`${DAY}T07:00:00Z`), localStartDate: DAY, streams: null }),
    );
    const curve = await h.json<Curve>(`/api/v1/analytics/activities/${manual.id}/curve`, { cookie: me.cookie });
    expect(curve.status).toBe(200);
    expect(curve.body).toMatchObject({ points: [], season: null, reason: 'This activity has no per-second data to draw a curve from.' });
    const none = await h.json<Balance>(`/api/v1/analytics/activities/${manual.id}/w-balance`, { cookie: me.cookie });
    expect(none.body).toMatchObject({ series: null, lowest: null, insufficient: 'No power was recorded on this ride.' });

    // A short steady ride: power, but too narrow a span of efforts for a model.
    const short = await w.activities.ingest(
      me.user.id,
      powerRide(addDays(DAY, -5), 250, () => 230),
    );
    const b = await h.json<Balance>(`/api/v1/analytics/activities/${short.id}/w-balance`, { cookie: me.cookie });
    expect(b.body.series).toBeNull();
    expect(b.body.insufficient).toBe(
      'No model could be fitted on the 90 days to this activity: it needs efforts from 2 min to at least 8 min.',
    );

    // A run with speed only: no power curve, its pace curve by default.
    const t = Array.from({ length: 600 }, (_, s) => s);
    const run = await w.activities.ingest(
      me.user.id,
      buildActivity({
        sport: 'run',
        startTime: new Date(`${DAY}T09:00:00Z`),
        localStartDate: DAY,
        movingTimeS: 600,
        distanceM: 2000,
        detailComplete: true,
        streams: { t, speedCms: t.map(() => 333) },
      }),
    );
    const pace = await h.json<Curve>(`/api/v1/analytics/activities/${run.id}/curve`, { cookie: me.cookie });
    expect(pace.body).toMatchObject({ kind: 'speed', sport: 'run', reason: null, paceUnit: '/km' });
    const power = await h.json<Curve>(`/api/v1/analytics/activities/${run.id}/curve?kind=power`, { cookie: me.cookie });
    expect(power.body).toMatchObject({ points: [], reason: 'No power was recorded on this activity.' });
  });

  it('keeps a source the policy leaves out of analytics out of the season and the model, and still shows its own curve', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db);
    const a = await insertAthlete(h.db);
    const own = await w.activities.ingest(a.id, powerRide(DAY, 1500, hardClimb));
    const strava = await w.activities.ingest(
      a.id,
      powerRide(addDays(DAY, -2), 1500, () => 420, { source: 'strava', externalId: 's-1' }),
    );
    const strict = createAnalyticsService({ db: h.db, clock: w.clock, policy: async () => policyFor('strict') });

    const mine = (await strict.activityCurve(a, own.id, 'power'))!;
    expect(new Set(mine.season!.points.map((p) => p.activityId))).toEqual(new Set([own.id]));
    const theirs = (await strict.activityCurve(a, strava.id, 'power'))!;
    expect(theirs.points.find((p) => p.durationS === 60)!.value).toBe(420);
    expect(theirs.season).toBeNull();
    expect(theirs.seasonReason).toMatch(/out of your analytics/);
    const balance = (await strict.activityBalance(a, strava.id))!;
    expect(balance.series).toBeNull();
    expect(balance.insufficient).toMatch(/^No model for it/);
    // In the default mode the Strava ride counts: it holds the season's best minute.
    const open = createAnalyticsService({ db: h.db, clock: w.clock, policy: async () => policyFor('default') });
    const season = (await open.activityCurve(a, own.id, 'power'))!.season!;
    expect(season.points.find((p) => p.durationS === 60)!.activityId).toBe(strava.id);
  });
});
