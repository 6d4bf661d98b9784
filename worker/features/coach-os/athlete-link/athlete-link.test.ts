import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clients } from '../../../db/schema';
import { analyticsWorld } from '../../../testing/analytics';
import { buildActivity } from '../../../testing/factories/activity';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { Harness, expectErrorShape, uniqueEmail } from '../../../testing/harness';
import { coachOrg, type Client } from '../../../testing/scenarios';
import { addDays, todayIn } from '../../../lib/dates';
import type { NotificationList } from '../../notifications/notifications.schema';
import { inbox, inboxOfType, watchFanOut } from '../../notifications/triggers.testing';
import type { AthleteLink as AthleteLinkSchema, CoachLink, SharedTraining } from './athlete-link.schema';

type AthleteLink = Body<typeof AthleteLinkSchema>;
/** POST /clients/{id}/athlete-link. */
type Asked = { link: AthleteLink; created: boolean };
/** GET /clients/{id}/athlete-link. */
type LinkOf = { link: AthleteLink | null };
/** What the athlete's answers return, by verb. */
interface Decided {
  accept: { linkId: string };
  decline: { ok: true };
  revoke: { ok: true };
}

/** A coach's org with one client ('Casey Client'), from the scenario kit. */
async function coachWithClient(h: Harness, orgName = 'Summit Coaching') {
  const w = await coachOrg(h, { name: orgName });
  return { coach: w.coach, org: w.org, client: await w.addClient('Casey Client'), api: w.api };
}

const athleteSide = (h: Harness, cookie: string) => ({
  list: async () => (await h.json<{ links: Body<typeof CoachLink>[] }>('/api/v1/me/coach-links', { cookie })).body.links,
  act: <V extends keyof Decided>(id: string, verb: V) =>
    h.json<Decided[V]>(`/api/v1/me/coach-links/${id}/${verb}`, { method: 'POST', cookie }),
});

const runOn = (daysAgo: number, overrides: Parameters<typeof buildActivity>[0]) => {
  const day = addDays(todayIn('UTC', new Date()), -daysAgo);
  return buildActivity({ startTime: new Date(`${day}T07:00:00Z`), localStartDate: day, timezone: 'UTC', ...overrides });
};

describe('client ↔ athlete link', () => {
  it('the coach asks by email, the athlete agrees, and the coach sees their training without anything from Strava', async () => {
    const h = Harness.init();
    const { coach, client, api } = await coachWithClient(h);
    const athlete = await h.signup({ displayName: 'Casey Runner' });
    const w = analyticsWorld(h.db);
    await w.activities.ingest(
      athlete.user.id,
      runOn(3, { source: 'garmin_export', name: 'Tempo from the watch', distanceM: 8000, movingTimeS: 2400 }),
    );
    await w.activities.ingest(
      athlete.user.id,
      runOn(5, { source: 'strava', name: 'Strava-only long run', distanceM: 21_000, movingTimeS: 6600 }),
    );

    // Nothing to see before they agree.
    const early = await api(`/clients/${client.id}/training`);
    expect(early.status).toBe(404);
    expectErrorShape(early.body, 'NOT_FOUND');

    const asked = await api<Asked>(`/clients/${client.id}/athlete-link`, { body: { email: athlete.email.toUpperCase() } });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ created: true, link: { status: 'pending', athleteName: null } });
    const again = await api<Asked>(`/clients/${client.id}/athlete-link`, { body: { email: athlete.email } });
    expect(again.body).toMatchObject({ created: false, link: { id: asked.body.link.id } });
    expect((await api(`/clients/${client.id}/training`)).status).toBe(404);

    const me = athleteSide(h, athlete.cookie);
    expect(await me.list()).toMatchObject([
      { id: asked.body.link.id, status: 'pending', orgName: 'Summit Coaching', requestedBy: 'Test coach' },
    ]);
    expect((await me.act(asked.body.link.id, 'accept')).body).toEqual({ linkId: asked.body.link.id });
    expect(await me.list()).toMatchObject([{ id: asked.body.link.id, status: 'accepted', decidedAt: expect.any(String) }]);

    expect((await api<Client>(`/clients/${client.id}`)).body.athleteLinked).toBe(true);
    expect((await api<LinkOf>(`/clients/${client.id}/athlete-link`)).body.link).toMatchObject({
      status: 'accepted',
      athleteName: 'Casey Runner',
    });

    const training = await api<Body<typeof SharedTraining>>(`/clients/${client.id}/training`);
    expect(training.status).toBe(200);
    const t = training.body;
    expect(t.athlete).toMatchObject({ name: 'Casey Runner', sharedSince: expect.any(String) });
    // The data-use policy: Strava activities are the athlete's to see, never their coach's.
    expect(t.recent.map((a) => a.name)).toEqual(['Tempo from the watch']);
    // Its attribution travels with it (a file uploaded by hand names no device).
    expect(t.recent[0]).toMatchObject({ source: 'garmin_export', device: null });
    expect(JSON.stringify(t)).not.toContain('Strava-only long run');
    expect(t.activityCount).toBe(1);
    expect(t.notShared).toBe(1);
    const weekTotals = t.weeks.reduce((s, wk) => ({ count: s.count + wk.count, distanceM: s.distanceM + wk.distanceM }), {
      count: 0,
      distanceM: 0,
    });
    expect(weekTotals).toEqual({ count: 1, distanceM: 8000 });
    expect(t.weeks).toHaveLength(8);
    // The fitness series starts at the first shared activity (3 days ago), not the Strava one before it.
    expect(t.fitness[0]!.date).toBe(addDays(t.today, -3));
    expect(t.current).toMatchObject({ ctl: expect.any(Number), atl: expect.any(Number), tsb: expect.any(Number) });

    expect((await h.auditFor('athlete_link', asked.body.link.id)).map((a) => a.action)).toEqual([
      'client.athlete_link_requested',
      'athlete_link.accepted',
    ]);
    const inbox = async (cookie: string) =>
      (await h.json<Body<typeof NotificationList>>('/api/v1/notifications', { cookie })).body.notifications;
    await expect.poll(async () => (await inbox(athlete.cookie)).map((n) => n.link), { timeout: 30_000 }).toContain('/settings#coaches');
    await expect
      .poll(async () => (await inbox(coach.cookie)).map((n) => n.link), { timeout: 30_000 })
      .toContain(`/coach/clients/${client.id}`);

    // The athlete stops sharing: the coach's view goes at once.
    expect((await me.act(asked.body.link.id, 'revoke')).status).toBe(200);
    expect((await api(`/clients/${client.id}/training`)).status).toBe(404);
    expect((await api<LinkOf>(`/clients/${client.id}/athlete-link`)).body.link).toBeNull();
    expect((await api<Client>(`/clients/${client.id}`)).body.athleteLinked).toBe(false);
    expect(await me.list()).toEqual([]);
    expect((await me.act(asked.body.link.id, 'revoke')).status).toBe(404);
  });

  it('answers the same for an address without an account, and only the addressee can agree', async () => {
    const h = Harness.init();
    const { client, api } = await coachWithClient(h);
    const nobody = await api<Asked>(`/clients/${client.id}/athlete-link`, { body: { email: uniqueEmail('nobody') } });
    await api(`/clients/${client.id}/athlete-link`, { method: 'DELETE' });
    const athlete = await h.signup();
    const real = await api<Asked>(`/clients/${client.id}/athlete-link`, { body: { email: athlete.email } });
    expect(nobody.status).toBe(real.status);
    expect(Object.keys(nobody.body.link).sort()).toEqual(Object.keys(real.body.link).sort());

    // Someone else cannot see, take or refuse it.
    const other = athleteSide(h, (await h.signup()).cookie);
    expect(await other.list()).toEqual([]);
    for (const verb of ['accept', 'decline', 'revoke'] as const) {
      const r = await other.act(real.body.link.id, verb);
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }

    // Declined: the coach's request is gone and they may ask again later.
    const me = athleteSide(h, athlete.cookie);
    expect((await me.act(real.body.link.id, 'decline')).status).toBe(200);
    expect((await me.act(real.body.link.id, 'accept')).status).toBe(404);
    expect((await api<LinkOf>(`/clients/${client.id}/athlete-link`)).body.link).toBeNull();
    expect((await api(`/clients/${client.id}/training`)).status).toBe(404);
    const [row] = await h.db.select({ athleteUserId: clients.athleteUserId }).from(clients).where(eq(clients.id, client.id));
    expect(row?.athleteUserId).toBeNull();
  });

  it('one live request per client, one client per athlete in an org; the coach can cancel or unlink', async () => {
    const h = Harness.init();
    const { client, api } = await coachWithClient(h);
    const athlete = await h.signup();
    const me = athleteSide(h, athlete.cookie);

    const first = (await api<Asked>(`/clients/${client.id}/athlete-link`, { body: { email: athlete.email } })).body.link;
    const other = await api(`/clients/${client.id}/athlete-link`, { body: { email: uniqueEmail('other') } });
    expect(other.status).toBe(409);
    expectErrorShape(other.body, 'CONFLICT');
    // Cancelled by the coach: the athlete's request disappears.
    expect((await api(`/clients/${client.id}/athlete-link`, { method: 'DELETE' })).status).toBe(200);
    expect(await me.list()).toEqual([]);
    expect((await me.act(first.id, 'accept')).status).toBe(404);
    expect((await api(`/clients/${client.id}/athlete-link`, { method: 'DELETE' })).status).toBe(404);

    const second = (await api<Asked>(`/clients/${client.id}/athlete-link`, { body: { email: athlete.email } })).body.link;
    expect((await me.act(second.id, 'accept')).status).toBe(200);
    const linkedAgain = await api(`/clients/${client.id}/athlete-link`, { body: { email: uniqueEmail('other') } });
    expect(linkedAgain.status).toBe(409);

    // The same athlete as a second client of this org: refused when they try to agree.
    const twin = (await api<Client>('/clients', { body: { name: 'Casey again' } })).body;
    const twinLink = (await api<Asked>(`/clients/${twin.id}/athlete-link`, { body: { email: athlete.email } })).body.link;
    const refused = await me.act(twinLink.id, 'accept');
    expect(refused.status).toBe(409);
    expectErrorShape(refused.body, 'CONFLICT');
    expect((await api<Client>(`/clients/${twin.id}`)).body.athleteLinked).toBe(false);

    // …but another coaching business may link the same athlete.
    const elsewhere = await coachWithClient(h, 'Valley Coaching');
    const theirs = (await elsewhere.api<Asked>(`/clients/${elsewhere.client.id}/athlete-link`, { body: { email: athlete.email } })).body
      .link;
    expect((await me.act(theirs.id, 'accept')).status).toBe(200);
    expect((await me.list()).map((l) => [l.orgName, l.status])).toEqual([
      ['Valley Coaching', 'accepted'],
      ['Summit Coaching', 'pending'],
      ['Summit Coaching', 'accepted'],
    ]);

    // The coach unlinks: the athlete hears of it and the view is gone.
    expect((await api(`/clients/${client.id}/athlete-link`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/clients/${client.id}/training`)).status).toBe(404);
    expect((await api<Client>(`/clients/${client.id}`)).body.athleteLinked).toBe(false);
    expect((await elsewhere.api(`/clients/${elsewhere.client.id}/training`)).status).toBe(200);
  });

  it('validates the email and needs a coach with an org', async () => {
    const h = Harness.init();
    const { client, api } = await coachWithClient(h);
    const bad = await api(`/clients/${client.id}/athlete-link`, { body: { email: 'not an email' } });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 'VALIDATION');
    const athlete = await h.signup();
    const asAthlete = await h.json<ErrorBody>(`/api/v1/coach/clients/${client.id}/training`, { cookie: athlete.cookie });
    expect(asAthlete.status).toBe(404);
    expect((await h.json('/api/v1/me/coach-links')).status).toBe(401);
  });

  it('the athlete behind the address is told of the request once, however often the coach asks', async () => {
    const h = Harness.init();
    const { client, api } = await coachWithClient(h, 'Ridge Coaching');
    const athlete = await h.signup();
    const fanOut = watchFanOut();
    const asked = await api<Asked>(`/clients/${client.id}/athlete-link`, { body: { email: athlete.email } });
    expect(asked.status).toBe(201);
    const [n] = await inboxOfType(h, athlete.cookie, 'coach.link_request');
    expect(n).toMatchObject({
      type: 'coach.link_request',
      title: 'Ridge Coaching asked to see your training',
      link: '/settings#coaches',
      data: { linkId: asked.body.link.id, orgName: 'Ridge Coaching' },
    });
    // The same request again is the same event: told under the same key, and the gate lets nothing through.
    const again = await api<Asked>(`/clients/${client.id}/athlete-link`, { body: { email: athlete.email.toUpperCase() } });
    expect(again.body).toMatchObject({ created: false, link: { id: asked.body.link.id } });
    expect(await fanOut.handled(athlete.user.id, 2)).toEqual({ total: 2, duplicates: 1 });
    expect(await inbox(h, athlete.cookie, 'coach.link_request')).toHaveLength(1);
    // The link the notice carries lands on the requests, where the athlete answers.
    const settings = await h.call('/settings', { cookie: athlete.cookie });
    expect(settings.status).toBe(200);
    expect(await settings.text()).toContain('id="coaches"');
  });
});
