// /api/v1/races for triathlons (workerd): a triathlon race is created by its format (the distance is the legs'
// total), refused with a 400 naming the field when malformed; its /prediction is "unsupported" pointing to the plan;
// /triathlon plans each leg from the athlete's dated thresholds, long rides and bricks (receipts by activity id),
// says "not enough data yet" per leg for a new account, leaves Strava API rows out in strict mode, and is a 404 for
// another athlete's race or a run.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { analyticsWorld } from '../../../testing/analytics';
import { runOn, today } from '../../analytics/analytics.testing';
import { planRequest } from '../../plans/control/plans-control.testing';
import type { Race, RaceList, RacePrediction } from '../races.schema';
import type { TriathlonPlanResponse } from './triathlon.schema';

type Plan = Body<typeof TriathlonPlanResponse>;
const olympic = { name: 'Lake Olympic', sport: 'triathlon', format: 'olympic', raceDate: addDays(today(), 70) };
const create = (h: Harness, cookie: string, body: unknown) => h.json<Body<typeof Race>>('/api/v1/races', { method: 'POST', body, cookie });
const planOf = (h: Harness, cookie: string, id: string, q = '') => h.json<Plan>(`/api/v1/races/${id}/triathlon${q}`, { cookie });

async function thresholds(h: Harness, cookie: string) {
  for (const body of [
    { kind: 'ftp', value: 250, effectiveFrom: '2000-01-01' },
    { kind: 'css', paceSeconds: 95, effectiveFrom: '2000-01-01' },
    { kind: 'threshold_pace', paceSeconds: 255, effectiveFrom: '2000-01-01' },
  ])
    expect((await h.json('/api/v1/analytics/thresholds', { method: 'POST', body, cookie })).status).toBe(200);
}

/** A 2.5 h ride at NP 200 W on `daysAgo`, and (brick) a 5 km run 5 min after it at 4:50 /km, 150 bpm. */
function rideAndBrick(daysAgo: number, source: 'fit_upload' | 'strava' = 'fit_upload') {
  const day = addDays(today(), -daysAgo);
  const start = new Date(`${day}T07:00:00Z`);
  const ride = runOn(daysAgo, {
    source,
    sport: 'ride',
    sportOriginal: 'Ride',
    name: `Long ride ${daysAgo}`,
    startTime: start,
    movingTimeS: 9000,
    elapsedTimeS: 9000,
    distanceM: 76_500,
    avgPower: 190,
    normalizedPower: 200,
    avgHr: 140,
  });
  const brick = runOn(daysAgo, {
    source,
    name: `Brick run ${daysAgo}`,
    startTime: new Date(start.getTime() + 9300_000),
    movingTimeS: 1450,
    elapsedTimeS: 1450,
    distanceM: 5000,
    avgHr: 150,
  });
  return [ride, brick];
}
const freshRun = (daysAgo: number) =>
  runOn(daysAgo, { source: 'fit_upload', name: `Steady ${daysAgo}`, distanceM: 10_000, movingTimeS: 2700, elapsedTimeS: 2700, avgHr: 151 });

describe('triathlon races', () => {
  it('creates a triathlon by format (distance = the legs’ total); its prediction points to the plan', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const made = await create(h, me.cookie, olympic);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body).toMatchObject({ sport: 'triathlon', format: 'olympic', distanceM: 51_500, source: 'athlete' });
    const p = await h.json<Body<typeof RacePrediction>>(`/api/v1/races/${made.body.id}/prediction`, { cookie: me.cookie });
    expect(p.body.prediction.state).toBe('unsupported');
    expect(p.body.prediction.reason).toContain('Swim · bike · run');
    // A run is as it was: no format key.
    const run = await create(h, me.cookie, { name: 'Town 10K', distanceM: 10_000, raceDate: addDays(today(), 20) });
    expect(run.body).not.toHaveProperty('format');
  });

  it('refuses a malformed triathlon with a 400 naming the field', async () => {
    const h = Harness.init();
    const me = await h.signup();
    for (const [body, field] of [
      [{ ...olympic, format: 'ultra' }, 'format'],
      [{ ...olympic, format: undefined }, 'format'],
      [{ ...olympic, sport: 'swim' }, 'sport'],
      [{ ...olympic, distanceM: 51_500 }, ''],
    ] as const) {
      const r = await h.json<ErrorBody>('/api/v1/races', { method: 'POST', body, cookie: me.cookie });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
      if (field) expect(JSON.stringify(r.body)).toContain(field);
    }
    const made = await create(h, me.cookie, olympic);
    const patch = await h.json<ErrorBody>(`/api/v1/races/${made.body.id}`, {
      method: 'PATCH',
      body: { distanceM: 40_000 },
      cookie: me.cookie,
    });
    expect(patch.status).toBe(400);
    expect(patch.body.error.message).toContain('format');
    const q = await planOf(h, me.cookie, made.body.id, '?bikeHours=40');
    expect(q.status).toBe(400);
  });

  it('a new account: every leg is "not enough data yet" with what would help, and no total', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const made = await create(h, me.cookie, olympic);
    const r = await planOf(h, me.cookie, made.body.id);
    expect(r.status).toBe(200);
    for (const leg of [r.body.plan.swim, r.body.plan.bike, r.body.plan.run]) expect(leg.state).toBe('notEnoughData');
    expect(r.body.plan.totalS).toBeNull();
    expect(r.body.plan.bricks.state).toBe('uncalibrated');
  });

  it('plans each leg from dated thresholds, the long rides (receipts) and two bricks; strict mode leaves Strava rows out', async () => {
    const h = Harness.init();
    const me = await h.signup();
    await thresholds(h, me.cookie);
    const w = analyticsWorld(h.db);
    const ids: string[] = [];
    for (const a of [...rideAndBrick(10), ...rideAndBrick(24), freshRun(5), freshRun(12), freshRun(19)])
      ids.push((await w.activities.ingest(me.user.id, a)).id);
    const made = await create(h, me.cookie, { ...olympic, format: 'half' });
    const { body } = await planOf(h, me.cookie, made.body.id);
    const { swim, bike, run } = body.plan;
    if (swim.state !== 'planned' || bike.state !== 'planned' || run.state !== 'planned') throw new Error(JSON.stringify(body.plan));
    expect(swim.paceSPer100m).toBeCloseTo(95 / 0.95, 6);
    expect(swim.threshold).toMatchObject({ source: 'manual', effectiveFrom: '2000-01-01' });
    expect(bike.timeSource).toBe('longRides');
    expect(bike.intensityFactor).toBeCloseTo(Math.sqrt(170 / (100 * bike.hours)), 9);
    expect(bike.longRides.map((r) => r.activityId).sort()).toEqual([ids[0], ids[2]].sort());
    expect(body.plan.bricks.state).toBe('calibrated');
    expect(body.plan.bricks.bricks.map((b) => b.runId).sort()).toEqual([ids[1], ids[3]].sort());
    // 4:50 against 4:30 at the same heart rate.
    expect(body.plan.bricks.slowdown).toBeCloseTo(290 / 270 - 1, 6);
    expect(body.plan.totalS).toBeCloseTo(swim.timeS + bike.timeS + run.timeS + body.plan.transitions.t1S + body.plan.transitions.t2S, 6);

    await w.activities.ingest(me.user.id, rideAndBrick(3, 'strava')[0]!);
    const operator = await h.userWithRole('admin', ['system.data_policy', 'ops.read']);
    const mode = (m: string) => h.json('/api/v1/admin/ops/data-policy', { method: 'PUT', cookie: operator.cookie, body: { mode: m } });
    const withStrava = (await planOf(h, me.cookie, made.body.id)).body.plan.bike;
    expect(withStrava.state === 'planned' && withStrava.longRides).toHaveLength(3);
    expect((await mode('strict')).status).toBe(200);
    try {
      const strict = (await planOf(h, me.cookie, made.body.id)).body.plan.bike;
      expect(strict.state === 'planned' && strict.longRides.map((r) => r.activityId).sort()).toEqual([ids[0], ids[2]].sort());
    } finally {
      await mode('default');
    }
  });

  it('the plan’s 70.3 goal is a triathlon race with its legs’ total, planned on the triathlon route', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const req = planRequest(today());
    const body = { ...req, goal: { kind: 'tri_70_3', eventDate: req.goal.eventDate, eventName: 'Coast 70.3' } };
    const made = await h.json<{ id: string }>('/api/v1/plans', { method: 'POST', body, cookie: me.cookie });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const list = await h.json<Body<typeof RaceList>>('/api/v1/races', { cookie: me.cookie });
    expect(list.body.races).toEqual([
      {
        id: made.body.id,
        source: 'plan',
        name: 'Coast 70.3',
        sport: 'triathlon',
        format: 'half',
        distanceM: 113_000,
        raceDate: req.goal.eventDate,
      },
    ]);
    expect((await planOf(h, me.cookie, made.body.id)).body.format).toBe('half');
  });

  it('is a 404 for another athlete’s race and for a run', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const other = await h.signup();
    const made = await create(h, me.cookie, olympic);
    const theirs = await planOf(h, other.cookie, made.body.id);
    expect(theirs.status).toBe(404);
    expectErrorShape(theirs.body, 'NOT_FOUND');
    const run = await create(h, me.cookie, { name: 'Town 10K', distanceM: 10_000, raceDate: addDays(today(), 20) });
    expect((await planOf(h, me.cookie, run.body.id)).status).toBe(404);
  });
});
