// /api/v1/races end to end (workerd): a brand-new account is told "not enough data yet" and what would help; bests
// from ingested runs give a range with receipts; each changed answer is stored once; bad input is a 400 naming the
// field; another athlete's race is a 404; the plan's goal race is listed once, with its form; strict mode keeps a
// Strava API best out of the prediction.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { racePredictions, races } from '../../db/schema';
import { addDays } from '../../lib/dates';
import type { Body, ErrorBody } from '../../testing/bodies';
import { expectErrorShape, Harness } from '../../testing/harness';
import { analyticsWorld } from '../../testing/analytics';
import { runOn, today } from '../analytics/analytics.testing';
import { planRequest } from '../plans/control/plans-control.testing';
import type { Race, RaceList, RacePrediction } from './races.schema';
import { ENGINE_VERSION } from './prediction.service';

type Prediction = Body<typeof RacePrediction>;
const tenK = (days = 60) => ({ name: 'River 10K', distanceM: 10000, raceDate: addDays(today(), days) });

async function plan(h: Harness, cookie: string, body = tenK()) {
  const r = await h.json<Body<typeof Race>>('/api/v1/races', { method: 'POST', body, cookie });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
const predictionOf = (h: Harness, cookie: string, id: string) => h.json<Prediction>(`/api/v1/races/${id}/prediction`, { cookie });
const stored = (h: Harness, raceId: string) => h.db.select().from(racePredictions).where(eq(racePredictions.raceId, raceId));

/** Three hard runs of the last two months, each a whole-activity best at its distance. */
async function withBests(h: Harness, userId: string) {
  const w = analyticsWorld(h.db);
  const ids: string[] = [];
  for (const r of [
    runOn(20, { name: 'Parkrun', distanceM: 5000, movingTimeS: 1260, elapsedTimeS: 1260 }),
    runOn(35, { name: 'Club 10K', distanceM: 10000, movingTimeS: 2640, elapsedTimeS: 2640 }),
    runOn(50, { name: 'Spring half', distanceM: 21098, movingTimeS: 5880, elapsedTimeS: 5880 }),
  ])
    ids.push((await w.activities.ingest(userId, r)).id);
  return { w, ids };
}

describe('races API', () => {
  it('a brand-new account: the race is listed, its prediction is "not enough data yet" with what would help, stored once', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const race = await plan(h, me.cookie);
    expect(race).toMatchObject({ source: 'athlete', name: 'River 10K', sport: 'run', distanceM: 10000 });
    const list = await h.json<Body<typeof RaceList>>('/api/v1/races', { cookie: me.cookie });
    expect(list.body.races.map((r) => r.id)).toEqual([race.id]);

    const first = await predictionOf(h, me.cookie, race.id);
    expect(first.status).toBe(200);
    expect(first.body.prediction.state).toBe('notEnoughData');
    expect(first.body.help.join(' ')).toMatch(/run hard over 5 km or more/);
    const again = await predictionOf(h, me.cookie, race.id);
    expect(again.body.madeAt).toBe(first.body.madeAt);
    expect(await stored(h, race.id)).toHaveLength(1);
  });

  it('with recent bests: an 80 % range, each method with the bests it used as receipts; a new best stores a new prediction', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const { w, ids } = await withBests(h, me.user.id);
    const race = await plan(h, me.cookie, { name: 'Autumn half', distanceM: 21098, raceDate: addDays(today(), 42) });
    const { status, body } = await predictionOf(h, me.cookie, race.id);
    expect(status).toBe(200);
    const p = body.prediction;
    expect(p.state).toBe('predicted');
    expect(p.range!.low).toBeLessThan(p.range!.mid);
    expect(p.range!.mid).toBeLessThan(p.range!.high);
    // The half was run in 1:38: the middle stays near it.
    expect(p.range!.mid).toBeGreaterThan(5880 * 0.95);
    expect(p.range!.mid).toBeLessThan(5880 * 1.05);
    const riegel = p.methods!.find((m) => m.method === 'riegel')!;
    expect(riegel.ran).toBe(true);
    expect(riegel.receipts!.exponent!.source).toBe('fitted');
    expect(riegel.receipts!.bests.map((b) => b.activityId).sort()).toEqual([...ids].sort());
    expect(riegel.receipts!.bests.map((b) => b.name)).toContain('Spring half');
    const vdot = p.methods!.find((m) => m.method === 'vdot')!;
    expect(vdot.receipts!.vdot!.value).toBeGreaterThan(40);
    expect(await stored(h, race.id)).toHaveLength(1);
    // A faster half changes the answer: a second row, the first kept for the error after the race.
    await w.activities.ingest(me.user.id, runOn(5, { name: 'Fast half', distanceM: 21098, movingTimeS: 5700, elapsedTimeS: 5700 }));
    const next = await predictionOf(h, me.cookie, race.id);
    expect(next.body.prediction.range!.mid).toBeLessThan(p.range!.mid);
    const rows = await stored(h, race.id);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.state === 'predicted' && r.engineVersion === ENGINE_VERSION && r.midS! > 0)).toBe(true);
  });

  it('refuses a past date, a distance outside 1500 m – marathon and an empty name, each naming its field', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const bad = async (body: unknown, field: string, method = 'POST', path = '/api/v1/races') => {
      const r = await h.json<ErrorBody>(path, { method, body, cookie: me.cookie });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
      expect(r.body.error.fields!.map((f) => f.path)).toContain(field);
    };
    await bad({ ...tenK(), raceDate: addDays(today(), -1) }, 'raceDate');
    await bad({ ...tenK(), distanceM: 1000 }, 'distanceM');
    await bad({ ...tenK(), distanceM: 50000 }, 'distanceM');
    await bad({ ...tenK(), name: '   ' }, 'name');
    await bad({ ...tenK(), name: 'x'.repeat(121) }, 'name');
    const race = await plan(h, me.cookie);
    await bad({ raceDate: addDays(today(), -3) }, 'raceDate', 'PATCH', `/api/v1/races/${race.id}`);
    const ok = await h.json<Body<typeof Race>>(`/api/v1/races/${race.id}`, {
      method: 'PATCH',
      body: { distanceM: 5000 },
      cookie: me.cookie,
    });
    expect(ok.body).toMatchObject({ id: race.id, distanceM: 5000, name: 'River 10K' });
    expect(await h.db.select().from(races).where(eq(races.userId, me.user.id))).toHaveLength(1);
  });

  it('another athlete’s race is a 404 on every route, and stays; the owner deletes it with its predictions', async () => {
    const h = Harness.init();
    const [a, b] = [await h.signup(), await h.signup()];
    const race = await plan(h, a.cookie);
    await predictionOf(h, a.cookie, race.id);
    for (const [method, path, body] of [
      ['GET', `/api/v1/races/${race.id}`],
      ['GET', `/api/v1/races/${race.id}/prediction`],
      ['PATCH', `/api/v1/races/${race.id}`, { name: 'Mine now' }],
      ['DELETE', `/api/v1/races/${race.id}`],
    ] as const) {
      const r = await h.json<ErrorBody>(path, { method, body, cookie: b.cookie });
      expect(r.status, `${method} ${path}`).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    expect((await h.json<Body<typeof RaceList>>('/api/v1/races', { cookie: b.cookie })).body.races).toEqual([]);
    expect((await h.json<Body<typeof Race>>(`/api/v1/races/${race.id}`, { cookie: a.cookie })).body.name).toBe('River 10K');

    expect((await h.call(`/api/v1/races/${race.id}`, { method: 'DELETE', cookie: a.cookie })).status).toBe(204);
    expect((await h.call(`/api/v1/races/${race.id}`, { cookie: a.cookie })).status).toBe(404);
    expect(await stored(h, race.id)).toEqual([]);
  });

  it('the plan’s goal race is listed once, predicted with its race-day form, and changed only through the plan', async () => {
    const h = Harness.init();
    const me = await h.signup();
    await withBests(h, me.user.id);
    const req = planRequest(today());
    const made = await h.json<{ id: string }>('/api/v1/plans', { method: 'POST', body: req, cookie: me.cookie });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const list = await h.json<Body<typeof RaceList>>('/api/v1/races', { cookie: me.cookie });
    expect(list.body.races).toEqual([
      { id: made.body.id, source: 'plan', name: 'City Half', sport: 'run', distanceM: 21098, raceDate: req.goal.eventDate },
    ]);
    const p = await predictionOf(h, me.cookie, made.body.id);
    expect(p.body.prediction.state).toBe('predicted');
    expect(p.body.prediction.form).toEqual({ tsb: expect.any(Number), ctl: expect.any(Number) });
    const rows = await h.db
      .select()
      .from(racePredictions)
      .where(and(eq(racePredictions.planId, made.body.id)));
    expect(rows).toHaveLength(1);
    const patch = await h.json<ErrorBody>(`/api/v1/races/${made.body.id}`, { method: 'PATCH', body: { name: 'x' }, cookie: me.cookie });
    expect(patch.status).toBe(409);
    // Added by hand as well: one race in the list, the athlete's own.
    const own = await plan(h, me.cookie, { name: 'City Half', distanceM: 21098, raceDate: req.goal.eventDate! });
    const after = await h.json<Body<typeof RaceList>>('/api/v1/races', { cookie: me.cookie });
    expect(after.body.races.map((r) => r.id)).toEqual([own.id]);
  });

  it('in strict mode a Strava API best is left out of the prediction', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    await w.activities.ingest(me.user.id, runOn(10, { source: 'strava', name: 'From Strava', distanceM: 10000, movingTimeS: 2600 }));
    const race = await plan(h, me.cookie);
    expect((await predictionOf(h, me.cookie, race.id)).body.prediction.state).toBe('predicted');
    const operator = await h.userWithRole('admin', ['system.data_policy', 'ops.read']);
    const mode = (m: string) => h.json('/api/v1/admin/ops/data-policy', { method: 'PUT', cookie: operator.cookie, body: { mode: m } });
    expect((await mode('strict')).status).toBe(200);
    try {
      const strict = await predictionOf(h, me.cookie, race.id);
      expect(strict.body.prediction.state).toBe('notEnoughData');
      expect(JSON.stringify(strict.body)).not.toContain('From Strava');
    } finally {
      await mode('default');
    }
  });
});
