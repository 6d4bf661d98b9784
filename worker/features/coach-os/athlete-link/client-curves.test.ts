// The coach's read of a linked client's duration curves and critical models: the athlete's own query with the
// `coach` data use, so a Strava ride never counts (its terms keep it from coaches) and the answer says so, while
// the athlete's own curve shows it. Another org, an unasked client and a revoked link are 404.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import type { Body } from '../../../testing/bodies';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import { powerRide } from '../../analytics/power-ride.testing';
import type { ClientCurve, ClientModels } from './client-activity.schema';

type Curve = Body<typeof ClientCurve>;
type Models = Body<typeof ClientModels>;

async function world(h: Harness) {
  const today = todayIn('UTC', new Date());
  const athlete = await h.signup({ displayName: 'Cleo Climber' });
  const w = analyticsWorld(h.db);
  // The FIT ride: an hour at 200 W with 5 minutes at 300 W. The Strava ride holds the best 5 minutes (400 W).
  const fit = await w.activities.ingest(
    athlete.user.id,
    powerRide(addDays(today, -3), 3600, (s) => (s >= 600 && s < 900 ? 300 : 200), { name: 'Hill repeats (FIT)' }),
  );
  const strava = await w.activities.ingest(
    athlete.user.id,
    powerRide(addDays(today, -2), 1800, (s) => (s >= 300 && s < 600 ? 400 : 180), {
      source: 'strava',
      externalId: `sv-${crypto.randomUUID()}`,
      name: 'Strava KOM attempt',
    }),
  );
  const org = await coachOrg(h, { name: 'Curve Coaching' });
  const client = await org.addClient('Cleo Client');
  await org.linkAthlete(client.id, athlete);
  return { athlete, org, client, ids: { fit: fit.id, strava: strava.id } };
}

const at = (c: Curve['curve'], d: number) => c.points.find((p) => p.durationS === d);

describe('a coach reads a linked client’s curves and models', () => {
  it('the coach’s curve leaves the Strava ride out and says so; the athlete’s own curve shows it', async () => {
    const h = Harness.init();
    const { athlete, org, client, ids } = await world(h);

    const mine = await h.json<Curve>('/api/v1/analytics/curves?kind=power&sport=ride&range=42d', { cookie: athlete.cookie });
    expect(mine.status).toBe(200);
    expect(at(mine.body.curve, 300)).toMatchObject({ value: 400, activityId: ids.strava });
    expect(mine.body.withheld).toEqual([]);

    const r = await org.api<Curve>(`/clients/${client.id}/curves?kind=power&sport=ride&range=42d`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(at(r.body.curve, 300)).toMatchObject({ value: 300, activityId: ids.fit, name: 'Hill repeats (FIT)' });
    expect(r.body.curve.points.length).toBeGreaterThan(10);
    expect(r.body.curve.points.every((p) => p.activityId === ids.fit)).toBe(true);
    expect(JSON.stringify(r.body)).not.toContain(ids.strava);
    expect(JSON.stringify(r.body)).not.toContain('Strava KOM attempt');
    expect(r.body.withheld).toEqual(['strava']);
    expect(r.body.notShown).toMatch(/^Strava activities are not shown to coaches/);

    // With a compared range, the same rule on both; the athlete's cached answer is never served to the coach.
    const cmp = await org.api<Curve>(`/clients/${client.id}/curves?kind=power&sport=ride&range=42d&compare=previous`);
    expect(cmp.status).toBe(200);
    expect(cmp.body.compare).toMatchObject({ points: [] });
    expect(at(cmp.body.curve, 300)?.activityId).toBe(ids.fit);

    // A span without Strava activities has nothing to say.
    const old = await org.api<Curve>(`/clients/${client.id}/curves?kind=power&sport=ride&from=2020-01-01&to=2020-12-31`);
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({ curve: { points: [] }, withheld: [], notShown: null });
  });

  it('the coach’s models rest on the FIT ride only', async () => {
    const h = Harness.init();
    const { athlete, org, client, ids } = await world(h);
    const mine = await h.json<Models>('/api/v1/analytics/models?sport=ride', { cookie: athlete.cookie });
    expect(mine.status).toBe(200);
    expect(mine.body.efforts.some((e) => e.activityId === ids.strava)).toBe(true);

    const r = await org.api<Models>(`/clients/${client.id}/models?sport=ride`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.efforts.length).toBeGreaterThan(0);
    expect(r.body.efforts.every((e) => e.activityId === ids.fit)).toBe(true);
    expect(r.body.notShown).toMatch(/^Strava activities are not shown to coaches/);
    expect(r.body.span.label).toBe('90d');
  });

  it('another org, a client never linked, a pending request and a revoked link get nothing', async () => {
    const h = Harness.init();
    const { athlete, org, client } = await world(h);
    const paths = (id: string) => [`/clients/${id}/curves?kind=power&sport=ride`, `/clients/${id}/models?sport=ride`];

    const b = await coachOrg(h, { name: 'Other Coaching' });
    for (const p of paths(client.id)) {
      const r = await b.api(p);
      expect(r.status, p).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }
    const unasked = await org.addClient('Nia Never');
    for (const p of paths(unasked.id)) expect((await org.api(p)).status, p).toBe(404);
    const waiting = await org.addClient('Wes Waiting');
    const other = await h.signup({ displayName: 'Wes Rider' });
    await org.requestAthleteLink(waiting.id, other.email);
    for (const p of paths(waiting.id)) expect((await org.api(p)).status, p).toBe(403);
    // The athlete is no coach.
    expect((await h.json(`/api/v1/coach${paths(client.id)[0]}`, { cookie: athlete.cookie })).status).toBe(404);

    const links = (await h.json<{ links: { id: string }[] }>('/api/v1/me/coach-links', { cookie: athlete.cookie })).body.links;
    expect((await h.json(`/api/v1/me/coach-links/${links[0]!.id}/revoke`, { method: 'POST', cookie: athlete.cookie })).status).toBe(200);
    for (const p of paths(client.id)) {
      const r = await org.api(p);
      expect(r.status, p).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain('Hill repeats');
    }
  });
});
