// Issue 55: the coach's "as they see it" activity is the athlete's own view (ADR 061). A brand-new athlete's file
// upload reads the same thresholds in effect, max HR, zones, curve and W′ balance for both; an estimate from a
// Strava ride (kept from coaches, ADR 036) stays out of the coach's view while the athlete's uses it.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import { Harness } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import { powerRide } from '../../analytics/power-ride.testing';

// biome-ignore lint/suspicious/noExplicitAny: payloads compared as JSON, field by field
type Json = any;

/** A ride with power and heart rate: 10 min easy, `hard` W for 20 min (HR climbing to `peak`), 10 min easy. */
const ride = (day: string, hard: number, peak: number, over: Parameters<typeof powerRide>[3] = {}) => {
  const r = powerRide(day, 2400, (s) => (s >= 600 && s < 1800 ? hard : 140), over);
  const hr = r.streams!.t.map((s) => (s < 600 ? 120 : s < 1800 ? Math.round(140 + ((peak - 140) * (s - 600)) / 1200) : 130));
  return { ...r, avgHr: 140, maxHr: peak, streams: { ...r.streams!, hr } };
};

async function world(h: Harness, strava: boolean) {
  const today = todayIn('UTC', new Date());
  const athlete = await h.signup({ displayName: 'Nia New' });
  const w = analyticsWorld(h.db);
  const first = await w.activities.ingest(athlete.user.id, ride(addDays(today, -20), 200, 172, { name: 'First upload' }));
  const hidden = strava
    ? await w.activities.ingest(
        athlete.user.id,
        ride(addDays(today, -12), 320, 190, { source: 'strava', externalId: `sv-${crypto.randomUUID()}`, name: 'Strava climb' }),
      )
    : null;
  const second = await w.activities.ingest(athlete.user.id, ride(addDays(today, -1), 210, 170, { name: 'Second upload' }));
  // Each ride's estimates take effect the Monday after it (ADR 065), in the rebuild the ingest queued.
  expect(await w.trainingLoad.settle(athlete.user.id)).toBe(true);
  const org = await coachOrg(h, { name: 'Same View Coaching' });
  const client = await org.addClient('Nia Client');
  await org.linkAthlete(client.id, athlete);
  const mine = async (id: string) => {
    const get = async (path: string) => {
      const r = await h.json<Json>(path, { cookie: athlete.cookie });
      expect(r.status, path).toBe(200);
      return r.body;
    };
    const [analysis, streams, curve, balance] = await Promise.all([
      get(`/api/v1/analytics/activities/${id}`),
      get(`/api/v1/activities/${id}/streams`),
      get(`/api/v1/analytics/activities/${id}/curve`),
      get(`/api/v1/analytics/activities/${id}/w-balance`),
    ]);
    return { analysis, streams, curve, balance };
  };
  const coach = async (id: string) => {
    const r = await org.api<Json>(`/clients/${client.id}/activities/${id}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  return { ids: { first: first.id, second: second.id, hidden: hidden?.id }, mine, coach };
}

const zoneBases = (streams: Json) => streams.zones.map((z: Json) => ({ kind: z.kind, state: z.state, threshold: z.threshold ?? null }));

describe('the coach sees a client’s activity as the athlete does', () => {
  it('a new athlete’s file upload: the same thresholds in effect, max HR, zones, curve and W′ balance', async () => {
    const h = Harness.init();
    const { ids, mine, coach } = await world(h, false);
    const athlete = await mine(ids.second);
    const c = await coach(ids.second);

    // The athlete's page has thresholds from her first upload: the coach's reads the very same ones.
    expect(athlete.analysis.loadBasis).not.toBeNull();
    expect(c.analysis.thresholdsUsed).toEqual(athlete.analysis.thresholdsUsed);
    expect(c.analysis.loadBasis).toEqual(athlete.analysis.loadBasis);
    expect(Object.keys(athlete.analysis.thresholdsUsed)).toContain('max_hr');
    const bases = zoneBases(athlete.streams);
    expect(bases.map((b: Json) => b.state)).toEqual(bases.map(() => 'ok'));
    expect(zoneBases(c.streams)).toEqual(bases);
    expect(c.streams.zones).toEqual(athlete.streams.zones);
    // The curve and W′ balance cards, as the athlete's page draws them.
    expect(c.curve.points).toEqual(athlete.curve.points);
    expect(c.curve.season).toEqual(athlete.curve.season);
    expect(c.balance.threshold).toEqual(athlete.balance.threshold);
    expect(c.balance.model).toEqual(athlete.balance.model);
    expect(c.balance.series).toEqual(athlete.balance.series);
  });

  it('an estimate from a Strava ride serves the athlete’s view and never the coach’s', async () => {
    const h = Harness.init();
    const { ids, mine, coach } = await world(h, true);
    const athlete = await mine(ids.second);
    const c = await coach(ids.second);

    // The athlete's own view reads the Strava ride's higher max HR; the coach's the first upload's, as if it were alone.
    const maxHr = (s: Json) => s.zones.find((z: Json) => z.kind === 'hr')?.threshold?.inEffect;
    expect(maxHr(athlete.streams)).toBeGreaterThan(maxHr(c.streams));
    expect(c.analysis.thresholdsUsed).not.toEqual(athlete.analysis.thresholdsUsed);
    const text = JSON.stringify(c);
    expect(text).not.toContain(ids.hidden);
    expect(text).not.toContain('Strava climb');
    // The coach's season curve and W′ model are built only from what coaches may see.
    expect(c.curve.season.points.every((p: Json) => p.activityId !== ids.hidden)).toBe(true);
    expect(c.balance.model.efforts.every((e: Json) => e.activityId !== ids.hidden)).toBe(true);
  });
});
