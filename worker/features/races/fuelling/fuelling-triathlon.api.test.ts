// A triathlon's fuelling (workerd): laid over its Swim · bike · run plan from the end of T1 — nothing in the swim —
// with the stops on the whole race's distance and clock; no leg plan yet says what is missing; an aid station in the
// swim is a 400 naming the field.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { analyticsWorld } from '../../../testing/analytics';
import { Harness } from '../../../testing/harness';
import { runOn, today } from '../../analytics/analytics.testing';
import type { TriathlonPlanResponse } from '../triathlon/triathlon.schema';
import type { RaceFuelling } from './fuelling.schema';

const longRide = (daysAgo: number) =>
  runOn(daysAgo, {
    source: 'fit_upload',
    sport: 'ride',
    sportOriginal: 'Ride',
    name: `Long ride ${daysAgo}`,
    movingTimeS: 9000,
    elapsedTimeS: 9000,
    distanceM: 76_500,
    avgPower: 190,
    normalizedPower: 200,
  });

describe('a triathlon’s fuelling', () => {
  it('starts after the swim on the leg plan’s clock, and says what is missing before there is one', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const { body: race } = await h.json<{ id: string }>('/api/v1/races', {
      method: 'POST',
      body: { name: 'Lake 70.3', sport: 'triathlon', format: 'half', raceDate: addDays(today(), 70) },
      cookie: me.cookie,
    });
    const fuel = (q = '') => h.json<Body<typeof RaceFuelling>>(`/api/v1/races/${race.id}/fuelling${q}`, { cookie: me.cookie });
    const none = await fuel();
    expect(none.body).toMatchObject({ state: 'noDuration', reason: expect.stringMatching(/Swim · bike · run tab/) });

    for (const body of [
      { kind: 'ftp', value: 250, effectiveFrom: '2000-01-01' },
      { kind: 'css', paceSeconds: 95, effectiveFrom: '2000-01-01' },
      { kind: 'threshold_pace', paceSeconds: 255, effectiveFrom: '2000-01-01' },
    ])
      expect((await h.json('/api/v1/analytics/thresholds', { method: 'POST', body, cookie: me.cookie })).status).toBe(200);
    const w = analyticsWorld(h.db);
    for (const d of [10, 24]) await w.activities.ingest(me.user.id, longRide(d));
    const tri = (await h.json<Body<typeof TriathlonPlanResponse>>(`/api/v1/races/${race.id}/triathlon`, { cookie: me.cookie })).body.plan;
    if (tri.swim.state !== 'planned' || tri.totalS === null) throw new Error(JSON.stringify(tri));
    const afterT1 = tri.swim.timeS + tri.transitions.t1S;

    const { body } = await fuel();
    if (!body.plan) throw new Error(JSON.stringify(body));
    const plan = body.plan;
    expect(plan.durationS).toBeCloseTo(tri.totalS - afterT1, 6);
    expect(plan.durationBasis).toMatch(/nothing is taken in the swim/);
    expect(plan.carbs.gPerH).toBe(90);
    // Every 5 km from T1: the first stop is 5 km into the bike, on the race's own distance and clock.
    expect(plan.stops[0]!.distanceM).toBeCloseTo(1900 + 5000, 6);
    expect(plan.stops[0]!.clockS).toBeGreaterThan(afterT1);
    expect(plan.stops.at(-1)!.clockS).toBeLessThan(tri.totalS);

    const swimStation = await fuel('?aidStationsKm=1,40,95');
    expect(swimStation.status).toBe(400);
    expect((swimStation.body as unknown as ErrorBody).error.fields!.map((f) => f.path)).toEqual(['aidStationsKm']);
  });
});
