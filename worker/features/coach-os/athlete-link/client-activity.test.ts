// The coach's read of a linked client's activity (ADR 061): the athlete's page read-only — summary, load,
// streams with route, laps and zones, intervals against the planned workout, note and RPE — through the link.
// A request the athlete has not answered is 403; another org, a revoked link or someone else's activity 404;
// a Strava activity 404 with the reason the page shows.
import { describe, expect, it } from 'vitest';
import type { Body } from '../../../testing/bodies';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import type { ClientActivity } from './client-activity.schema';
import { clientActivityWorld } from './client-activity.testing';

type View = Body<typeof ClientActivity>;

describe('a coach opens a linked client’s activity', () => {
  it('sees what the athlete’s page shows: summary, load, streams and route, laps, zones, reps against the plan, note and RPE', async () => {
    const h = Harness.init();
    const { org, client, workout, ids } = await clientActivityWorld(h);
    const r = await org.api<View>(`/clients/${client.id}/activities/${ids.track}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const v = r.body;
    expect(v.athlete).toEqual({ name: 'Tia Track', units: 'km', timeZone: expect.any(String) });
    expect(v.activity).toMatchObject({ id: ids.track, name: 'Track session', sport: 'run', source: 'fit_upload' });
    expect(v.attribution).toBeNull();
    expect(v.analysis).toMatchObject({ method: expect.any(String), load: expect.any(Number) });
    expect(v.streams).toMatchObject({ activityId: ids.track });
    expect(v.streams!.series!.lat?.length).toBeGreaterThan(10);
    expect(v.streams!.zones.some((z) => z.state === 'ok')).toBe(true);
    expect(v.intervals.detection?.reps).toBe(6);
    expect(v.intervals.workout).toMatchObject({ id: workout.id, title: 'Track: 6 × 3 min', status: 'completed' });
    expect(v.intervals.planVsDone?.found).toBe(6);
    expect(v.notes).toMatchObject({ note: 'Reps 4–6 felt <b>smooth</b>.', rpe: 8, shownToOthers: true });

    // The charts' zoom, through the same link and rules.
    const range = await org.api<{ figures: unknown }>(`/clients/${client.id}/activities/${ids.track}/streams/range?from=900&to=1080`);
    expect(range.status).toBe(200);
    expect(range.body.figures).toBeTruthy();

    // A manual entry: the page without streams, no intervals to read, no note.
    const manual = await org.api<View>(`/clients/${client.id}/activities/${ids.manual}`);
    expect(manual.status).toBe(200);
    expect(manual.body.streams?.series ?? null).toBeNull();
    expect(manual.body.intervals.detection).toBeNull();
    expect(manual.body.notes).toMatchObject({ note: null, rpe: null });
  });

  it('a Strava activity is not served to the coach, and says why; nor its zoom', async () => {
    const h = Harness.init();
    const { org, client, ids } = await clientActivityWorld(h);
    for (const path of [`/clients/${client.id}/activities/${ids.strava}`, `/clients/${client.id}/activities/${ids.strava}/streams/range`]) {
      const r = await org.api<{ error: { message: string; reason?: string } }>(path);
      expect(r.status, path).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
      expect(r.body.error).toMatchObject({ reason: 'SOURCE_NOT_SHARED' });
      expect(r.body.error.message).toMatch(
        /^From Strava: not shown to coaches\. This activity came from Strava, whose terms let only the athlete see it\.$/,
      );
      expect(JSON.stringify(r.body)).not.toContain('Strava-only long run');
    }
  });

  it('a request not yet answered is 403; another org, someone else’s activity or a revoked link is 404', async () => {
    const h = Harness.init();
    const { athlete, org, client, ids } = await clientActivityWorld(h);
    const path = (c: string, a: string) => `/clients/${c}/activities/${a}`;

    // The org's own client whose athlete has not answered the request: the coach's own request, so 403.
    const waiting = await org.addClient('Wes Waiting');
    const other = await h.signup({ displayName: 'Wes Runner' });
    await org.requestAthleteLink(waiting.id, other.email);
    const pending = await org.api(path(waiting.id, ids.track));
    expect(pending.status).toBe(403);
    expectErrorShape(pending.body, 'FORBIDDEN');
    // A client never asked: nothing to say but not found.
    const unasked = await org.addClient('Nia Never');
    expect((await org.api(path(unasked.id, ids.track))).status).toBe(404);

    // Another org: through A's client, and through its own linked client with A's athlete's activity.
    const b = await coachOrg(h, { name: 'Other Coaching' });
    const theirs = await b.addClient('Bo Client');
    const bo = await h.signup({ displayName: 'Bo Runner' });
    await b.linkAthlete(theirs.id, bo);
    for (const r of [await b.api(path(client.id, ids.track)), await b.api(path(theirs.id, ids.track))]) {
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
      expect(JSON.stringify(r.body)).not.toContain('Track session');
    }
    // Not the client's activity: an id of nobody's, or a malformed one.
    expect((await org.api(path(client.id, crypto.randomUUID()))).status).toBe(404);
    expect((await org.api(path(client.id, 'not-a-uuid'))).status).toBe(400);
    // The athlete themself is no coach here.
    expect((await h.json(`/api/v1/coach${path(client.id, ids.track)}`, { cookie: athlete.cookie })).status).toBe(404);

    // The athlete stops sharing: at once, nothing.
    const links = (await h.json<{ links: { id: string }[] }>('/api/v1/me/coach-links', { cookie: athlete.cookie })).body.links;
    const revoked = await h.json(`/api/v1/me/coach-links/${links[0]!.id}/revoke`, { method: 'POST', cookie: athlete.cookie });
    expect(revoked.status).toBe(200);
    const after = await org.api(path(client.id, ids.track));
    expect(after.status).toBe(404);
    expect(JSON.stringify(after.body)).not.toContain('Track session');
  });
});
