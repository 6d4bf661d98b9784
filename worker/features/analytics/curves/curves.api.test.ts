import { describe, expect, it } from 'vitest';
import type { Body } from '../../../testing/bodies';
import { Harness, expectErrorShape } from '../../../testing/harness';
import { buildActivity } from '../../../testing/factories/activity';
import { analyticsWorld } from '../../../testing/analytics';
import { addDays, todayIn } from '../../../lib/dates';
import { powerRide } from '../power-ride.testing';
import type { CurveResponse, ModelsResponse } from './curves.schema';

type Curve = Body<typeof CurveResponse>;
type Models = Body<typeof ModelsResponse>;

const today = () => todayIn('UTC', new Date());

/** A 20-minute run at 3.33 m/s with one minute at 5 m/s from second 600. */
function fastMinuteRun(day: string) {
  const t = Array.from({ length: 1200 }, (_, i) => i);
  return buildActivity({
    startTime: new Date(`${day}T07:00:00Z`),
    localStartDate: day,
    movingTimeS: 1200,
    distanceM: 4060,
    detailComplete: true,
    name: 'Strides',
    streams: { t, speedCms: t.map((s) => (s >= 600 && s < 660 ? 500 : 333)) },
  });
}

describe('curves API', () => {
  it('answers a pace curve in the athlete’s units with a receipt on every point, and only to its owner', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    expect((await h.json('/api/v1/me', { method: 'PATCH', body: { units: 'mi' }, cookie: me.cookie })).status).toBe(200);
    const { id } = await w.activities.ingest(me.user.id, fastMinuteRun(addDays(today(), -3)));

    const { status, body } = await h.json<Curve>('/api/v1/analytics/curves?kind=speed&sport=run&range=42d', { cookie: me.cookie });
    expect(status).toBe(200);
    expect(body).toMatchObject({ units: 'mi', kind: 'speed', sport: 'run', unit: 'm/s', paceUnit: '/mi', compare: null });
    const minute = body.curve.points.find((p) => p.durationS === 60)!;
    expect(minute).toMatchObject({ value: 5, pace: 321.9, activityId: id, startS: 600, name: 'Strides' });
    const durations = body.curve.points.map((p) => p.durationS);
    expect(durations).toEqual([...durations].sort((a, b) => a - b));

    const other = await h.signup();
    const theirs = await h.json<Curve>('/api/v1/analytics/curves?kind=speed&sport=run&range=42d', { cookie: other.cookie });
    expect(theirs.body.curve.points).toEqual([]);
    expect((await h.json('/api/v1/analytics/curves')).status).toBe(401);
    expect((await h.json('/api/v1/analytics/models')).status).toBe(401);
  });

  it('refuses half a range and a previous range of all time; models say what is missing', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    await w.activities.ingest(
      me.user.id,
      powerRide(addDays(today(), -2), 250, () => 230),
    );
    for (const q of ['from=2026-01-01', 'range=all&compare=previous', 'from=2026-02-01&to=2026-01-01', 'kind=watts']) {
      const r = await h.json(`/api/v1/analytics/curves?${q}`, { cookie: me.cookie });
      expect(r.status, q).toBe(400);
      expectErrorShape(r.body, 'VALIDATION');
    }
    const m = await h.json<Models>('/api/v1/analytics/models?sport=ride', { cookie: me.cookie });
    expect(m.status).toBe(200);
    // One ride of just over 4 minutes: efforts from 2 to 4 min only, too narrow a span for the fit.
    expect(m.body.fit).toBeNull();
    expect(m.body.insufficient).toBe('needs efforts from 2 min to at least 8 min');
    expect(m.body.efforts.map((e) => e.durationS)).toEqual([120, 150, 180, 210, 240]);
    expect(m.body.window).toEqual({ fromS: 120, toS: 1200 });
  });
});
