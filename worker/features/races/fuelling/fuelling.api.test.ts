// /api/v1/sweat-tests, /api/v1/gut-training and /api/v1/races/{id}/fuelling end to end (workerd): a test's rate is
// stored and reused by the plan; bad tests are 400s naming the field; another athlete's rows and races are 404s;
// without a test the plan says it uses the conservative default; gut training lifts a long race above 90 g/h.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { analyticsWorld } from '../../../testing/analytics';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { runOn, today } from '../../analytics/analytics.testing';
import type { GutSessionList, RaceFuelling, SweatTest, SweatTestList } from './fuelling.schema';

type Fuelling = Body<typeof RaceFuelling>;
const test = (over: Record<string, unknown> = {}) => ({
  date: addDays(today(), -3),
  durationMin: 60,
  massBeforeKg: 70,
  massAfterKg: 69.2,
  fluidL: 0.5,
  urineL: 0.1,
  temperatureC: 18,
  note: 'Long run, humid',
  ...over,
});
const gut = (daysAgo: number, carbsGPerH: number, comfort = 4) => ({
  date: addDays(today(), -daysAgo),
  carbsGPerH,
  durationMin: 150,
  comfort,
});

async function marathon(h: Harness, cookie: string, userId: string) {
  const w = analyticsWorld(h.db);
  for (const r of [
    runOn(20, { name: 'Parkrun', distanceM: 5000, movingTimeS: 1260, elapsedTimeS: 1260 }),
    runOn(35, { name: 'Club 10K', distanceM: 10000, movingTimeS: 2640, elapsedTimeS: 2640 }),
    runOn(50, { name: 'Spring half', distanceM: 21098, movingTimeS: 5880, elapsedTimeS: 5880 }),
  ])
    await w.activities.ingest(userId, r);
  const r = await h.json<{ id: string }>('/api/v1/races', {
    method: 'POST',
    body: { name: 'City marathon', distanceM: 42195, raceDate: addDays(today(), 60) },
    cookie,
  });
  return r.body.id;
}

describe('sweat tests and gut training API', () => {
  it('stores a sweat test with its rate and receipts, lists it, refuses bad tests naming the field', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const made = await h.json<Body<typeof SweatTest>>('/api/v1/sweat-tests', { method: 'POST', body: test(), cookie: me.cookie });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.rateLPerH).toBeCloseTo(1.2, 5);
    expect(made.body.basis).toBe('(70 − 69.2 kg + 0.5 L drunk − 0.1 L urine) ÷ 1.00 h = 1.20 L/h');
    const list = await h.json<Body<typeof SweatTestList>>('/api/v1/sweat-tests', { cookie: me.cookie });
    expect(list.body.tests.map((t) => t.id)).toEqual([made.body.id]);

    const bad = async (body: unknown, field: string, path = '/api/v1/sweat-tests') => {
      const r = await h.json<ErrorBody>(path, { method: 'POST', body, cookie: me.cookie });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
      expect(r.body.error.fields!.map((f) => f.path)).toContain(field);
    };
    await bad(test({ massAfterKg: 71 }), 'massAfterKg');
    await bad(test({ durationMin: 20, massAfterKg: 67, fluidL: 0, urineL: 0 }), 'massAfterKg');
    await bad(test({ fluidL: -1 }), 'fluidL');
    await bad(test({ durationMin: 5 }), 'durationMin');
    await bad(test({ date: addDays(today(), 2) }), 'date');
    await bad(test({ note: 'a\u0000b' }), 'note');
    await bad(test({ activityId: crypto.randomUUID() }), 'activityId');
    await bad(gut(1, 90, 7), 'comfort', '/api/v1/gut-training');
    await bad({ ...gut(1, 90), carbsGPerH: 500 }, 'carbsGPerH', '/api/v1/gut-training');
  });

  it('another athlete’s sweat test and session are 404s and stay; the owner deletes them', async () => {
    const h = Harness.init();
    const [a, b] = [await h.signup(), await h.signup()];
    const t = await h.json<{ id: string }>('/api/v1/sweat-tests', { method: 'POST', body: test(), cookie: a.cookie });
    const s = await h.json<{ id: string }>('/api/v1/gut-training', { method: 'POST', body: gut(2, 90), cookie: a.cookie });
    expect(s.status).toBe(201);
    for (const path of [`/api/v1/sweat-tests/${t.body.id}`, `/api/v1/gut-training/${s.body.id}`]) {
      const r = await h.json<ErrorBody>(path, { method: 'DELETE', cookie: b.cookie });
      expect(r.status, path).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    expect((await h.json<Body<typeof SweatTestList>>('/api/v1/sweat-tests', { cookie: b.cookie })).body.tests).toEqual([]);
    expect((await h.json<Body<typeof GutSessionList>>('/api/v1/gut-training', { cookie: a.cookie })).body.sessions).toHaveLength(1);
    expect((await h.call(`/api/v1/sweat-tests/${t.body.id}`, { method: 'DELETE', cookie: a.cookie })).status).toBe(204);
    expect((await h.call(`/api/v1/gut-training/${s.body.id}`, { method: 'DELETE', cookie: a.cookie })).status).toBe(204);
    expect((await h.json<Body<typeof SweatTestList>>('/api/v1/sweat-tests', { cookie: a.cookie })).body.tests).toEqual([]);
  });
});

describe('a race’s fuelling plan', () => {
  it('no prediction yet: says why; another athlete’s race is a 404', async () => {
    const h = Harness.init();
    const [a, b] = [await h.signup(), await h.signup()];
    const r = await h.json<{ id: string }>('/api/v1/races', {
      method: 'POST',
      body: { name: 'River 10K', distanceM: 10000, raceDate: addDays(today(), 30) },
      cookie: a.cookie,
    });
    const mine = await h.json<Fuelling>(`/api/v1/races/${r.body.id}/fuelling`, { cookie: a.cookie });
    expect(mine.body).toMatchObject({ state: 'noDuration', reason: expect.stringMatching(/No predicted finish yet/) });
    expect((await h.call(`/api/v1/races/${r.body.id}/fuelling`, { cookie: b.cookie })).status).toBe(404);
  });

  it('a marathon: 90 g/h, the ad-libitum default until a test, then the test’s rate; per gel with distance and clock', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const id = await marathon(h, me.cookie, me.user.id);
    const before = await h.json<Fuelling>(`/api/v1/races/${id}/fuelling`, { cookie: me.cookie });
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    const p0 = before.body.plan!;
    expect(p0.durationBasis).toMatch(/middle of your predicted finish/);
    expect(p0.carbs.gPerH).toBe(90);
    expect(p0.fluids).toMatchObject({ measured: false, lPerH: { low: 0.4, high: 0.8 } });
    expect(p0.fluids.basis[0]).toMatch(/No sweat test yet: a conservative default/);
    expect(p0.stops.map((s) => s.distanceM)).toEqual([5000, 10000, 15000, 20000, 25000, 30000, 35000, 40000]);

    await h.json('/api/v1/sweat-tests', { method: 'POST', body: test(), cookie: me.cookie });
    const gels = await h.json<Fuelling>(`/api/v1/races/${id}/fuelling?carbsPerGel=30`, { cookie: me.cookie });
    const p = gels.body.plan!;
    expect(p.fluids.measured).toBe(true);
    expect(p.fluids.sweat!.rateLPerH).toBeCloseTo(1.2, 5);
    expect(p.fluids.lPerH.high).toBeLessThanOrEqual(1.2);
    expect(p.fluids.sodiumMgPerH.low).toBeCloseTo(p.fluids.lPerH.low * 18 * 23, 5);
    expect(p.stops[0]!.carbsG).toBe(30);
    expect(p.stops[0]!.clockS).toBeCloseTo(1200, 5);
    expect(p.stops[0]!.distanceM).toBeGreaterThan(0);

    const stations = await h.json<Fuelling>(`/api/v1/races/${id}/fuelling?aidStationsKm=8,16,50`, { cookie: me.cookie });
    expect(stations.status).toBe(400);
    expect((stations.body as unknown as ErrorBody).error.fields!.map((f) => f.path)).toContain('aidStationsKm');
  });

  it('three comfortable sessions at ≥ 80 g/h lift a marathon to the rate trained at', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const id = await marathon(h, me.cookie, me.user.id);
    for (const s of [gut(5, 100), gut(12, 105), gut(20, 95), gut(25, 110, 1)])
      expect((await h.json('/api/v1/gut-training', { method: 'POST', body: s, cookie: me.cookie })).status).toBe(201);
    const r = await h.json<Fuelling>(`/api/v1/races/${id}/fuelling`, { cookie: me.cookie });
    expect(r.body.plan!.carbs.gPerH).toBe(105);
    expect(r.body.plan!.carbs.gutTraining.trained).toBe(true);
    expect(r.body.plan!.carbs.glucoseGPerH).toBe(60);
  });
});
