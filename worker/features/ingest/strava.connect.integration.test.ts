// Strava through the real client and the sandbox: connecting and the backfill, disconnecting, signing up and
// logging in with Strava, the OAuth state's checks, and an operator's retry and disconnect.
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { activities, ingestJobs, providerConnections, users } from '../../db/schema';
import { Harness, cookieFrom, expectErrorShape } from '../../testing/harness';
import {
  connectStrava,
  control,
  ingestionStatus,
  newAthleteId,
  stravaFlow,
  stravaListFor,
  stravaWorld,
  sumDistance,
  waitUntilDone,
} from '../../testing/strava';
import { freshBudgetEachTest } from './strava.integration.testing';

freshBudgetEachTest();

describe('Strava: connect and backfill', () => {
  it('connects, shows queued at once, backfills everything exactly, and a reconnect fetches nothing new', {
    timeout: 120_000,
  }, async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const athleteId = newAthleteId();
    const callback = await connectStrava(h, cookie, athleteId);
    expect(callback.headers.get('location')).toBe('/home?connected=strava');
    const first = await ingestionStatus(h, cookie);
    expect(first.connections.strava).toEqual({ connected: true, athleteId: String(athleteId), reconnectNeeded: false });
    expect(['queued', 'running', 'done']).toContain(first.states[0]?.status);

    // The file's first backfill, often on a pool worker's cold module graph: its wait is bounded by the test's own limit.
    await waitUntilDone(h, cookie, 100_000);
    const truth = await stravaListFor(h, user.id);
    const ours = await sumDistance(h, user.id);
    expect(truth).toHaveLength(25);
    expect(ours.n).toBe(truth.length);
    expect(ours.km).toBeCloseTo(truth.reduce((a, x) => a + x.distance, 0) / 1000, 6);
    const status = await ingestionStatus(h, cookie);
    expect(status.states[0]).toMatchObject({ status: 'done', doneCount: 25, totalEstimate: 25 });
    expect(status.activityCount).toBe(25);
    const detailed = await h.db
      .select({ n: sql<number>`count(*)::int` })
      .from(activities)
      .where(and(eq(activities.userId, user.id), eq(activities.detailComplete, true)));
    expect(detailed[0]!.n).toBe(25);

    const before = await control<{ calls: { perAthlete: Record<string, number> } }>('state');
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    const after = await control<{ calls: { perAthlete: Record<string, number> } }>('state');
    // Only the first list page again (plus one refresh-free token use): no detail is fetched twice.
    expect((after.calls.perAthlete[athleteId] ?? 0) - (before.calls.perAthlete[athleteId] ?? 0)).toBe(1);
    expect((await sumDistance(h, user.id)).n).toBe(25);
  });

  it('disconnect revokes at Strava and deletes every Strava activity', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const athleteId = newAthleteId();
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    // Hours after the backfill the access token has expired (here on both clocks): revoking needs a fresh one.
    await control(`athletes/${athleteId}/expire-tokens`, { body: {} });
    await h.db
      .update(providerConnections)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(providerConnections.userId, user.id));
    const res = await h.json<{ removedActivities: number }>('/api/v1/connections/strava', { method: 'DELETE', cookie });
    expect(res.status).toBe(200);
    expect(res.body.removedActivities).toBe(25);
    expect((await sumDistance(h, user.id)).n).toBe(0);
    expect(await h.db.select().from(providerConnections).where(eq(providerConnections.userId, user.id))).toHaveLength(0);
    expect(
      (await h.auditFor('provider_connection', (await h.auditForActions(user.id, 'connection.deleted'))[0]!.targetId!)).length,
    ).toBeGreaterThan(0);
    expect((await h.json('/api/v1/connections/strava', { method: 'DELETE', cookie })).status).toBe(404);
    // Strava revoked the grant: no refresh token of the athlete works any more.
    const { athletes } = await control<{ athletes: { id: number; refreshTokens: number }[] }>('state');
    expect(athletes.find((a) => a.id === athleteId)?.refreshTokens).toBe(0);
  });
});

describe('Strava: sign up and log in', () => {
  it('signs up through the invite gate, then logs the same athlete back in', async () => {
    const h = Harness.init();
    // A short history: this test is about signing up and logging in, not the backfill.
    const invite = await h.createInvite({ maxUses: 1 });
    const athleteId = newAthleteId();
    await stravaWorld(athleteId, { activitiesPerAthlete: 3 });
    const res = await stravaFlow(h, `/api/v1/connections/strava/signup?invite=${invite}`, athleteId);
    expect(res.headers.get('location')).toBe('/home?connected=strava');
    const cookie = cookieFrom(res);
    const me = await h.json<{ user: { id: string; email: string } }>('/api/v1/me', { cookie });
    expect(me.body.user.email).toBe(`strava-${athleteId}@strava.users.cadence.invalid`);
    expect((await h.auditFor('user', me.body.user.id)).map((a) => a.action)).toContain('user.registered');
    expect((await ingestionStatus(h, cookie)).connections.strava.connected).toBe(true);

    // The invite is used up: nobody else gets in with it…
    const second = await stravaFlow(h, `/api/v1/connections/strava/signup?invite=${invite}`, newAthleteId());
    expect(decodeURIComponent(second.headers.get('location')!)).toMatch(/^\/signup\?invite=.*invite code is not valid/);
    // …but the athlete who owns the account can always log in with Strava.
    const again = await stravaFlow(h, '/api/v1/connections/strava/login', athleteId);
    expect(again.headers.get('location')).toBe('/home?connected=strava');
    const login = await h.json<{ user: { id: string } }>('/api/v1/me', { cookie: cookieFrom(again) });
    expect(login.body.user.id).toBe(me.body.user.id);
    await waitUntilDone(h, cookie);
  });

  it('keeps the zone confirmed on the signup form, and refuses an unknown one before Strava', async () => {
    const h = Harness.init();
    const athleteId = newAthleteId();
    await stravaWorld(athleteId, { activitiesPerAthlete: 3 });
    const invite = await h.createInvite({ maxUses: 1 });
    const bad = await h.call(`/api/v1/connections/strava/signup?invite=${invite}&timeZone=Mars%2FOlympus`);
    expect(bad.status).toBe(400);
    expectErrorShape(await bad.json(), 'VALIDATION');
    const res = await stravaFlow(h, `/api/v1/connections/strava/signup?invite=${invite}&timeZone=Europe%2FParis`, athleteId);
    expect(res.headers.get('location')).toBe('/home?connected=strava');
    const cookie = cookieFrom(res);
    const me = await h.json<{ user: { timeZone: string } }>('/api/v1/me', { cookie });
    expect(me.body.user.timeZone).toBe('Europe/Paris');
    await waitUntilDone(h, cookie);
  });

  it('cannot be bypassed: an invite spent between consent and callback creates nothing', async () => {
    const h = Harness.init();
    const invite = await h.createInvite({ maxUses: 1 });
    const athleteId = newAthleteId();
    const start = await h.call(`/api/v1/connections/strava/signup?invite=${invite}`);
    const consent = new URL(start.headers.get('location')!);
    consent.searchParams.set('auto', 'approve');
    consent.searchParams.set('athlete_id', String(athleteId));
    const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
    await h.db.execute(`update invites set uses = max_uses where code = '${invite}'`);
    const res = await h.call(back.pathname + back.search);
    expect(decodeURIComponent(res.headers.get('location')!)).toMatch(/^\/signup\?error=.*invite code is not valid/);
    expect(
      await h.db
        .select()
        .from(users)
        .where(eq(users.email, `strava-${athleteId}@strava.users.cadence.invalid`)),
    ).toHaveLength(0);
  });

  it('log in with Strava needs an account linked to that athlete', async () => {
    const h = Harness.init();
    const res = await stravaFlow(h, '/api/v1/connections/strava/login', newAthleteId());
    expect(decodeURIComponent(res.headers.get('location')!)).toMatch(/^\/login\?error=No Cadence account/);
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe('Strava: OAuth state and access', () => {
  it('refuses a forged, replayed or foreign state and explains on the Data sources page', async () => {
    const h = Harness.init();
    const alice = await h.signup();
    const bob = await h.signup();
    const forged = await h.call('/api/v1/connections/strava/callback?code=x&state=abc.def&scope=read,activity:read_all', {
      cookie: alice.cookie,
    });
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toMatch(/^\/settings\/data\?error=/);

    const start = await h.call('/api/v1/connections/strava/authorize', { cookie: alice.cookie });
    const consent = new URL(start.headers.get('location')!);
    consent.searchParams.set('auto', 'approve');
    consent.searchParams.set('athlete_id', String(newAthleteId()));
    const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
    const foreign = await h.call(back.pathname + back.search, { cookie: bob.cookie });
    expect(decodeURIComponent(foreign.headers.get('location')!)).toMatch(/another session/);
    // The foreign attempt consumed nothing: alice can still use her link once, and only once.
    expect((await h.call(back.pathname + back.search, { cookie: alice.cookie })).headers.get('location')).toBe('/home?connected=strava');
    expect(decodeURIComponent((await h.call(back.pathname + back.search, { cookie: alice.cookie })).headers.get('location')!)).toMatch(
      /already used/,
    );
  });

  it('a denied consent connects nothing', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const start = await h.call('/api/v1/connections/strava/authorize', { cookie });
    const consent = new URL(start.headers.get('location')!);
    consent.searchParams.set('auto', 'deny');
    const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location')!);
    const res = await h.call(back.pathname + back.search, { cookie });
    expect(decodeURIComponent(res.headers.get('location')!)).toMatch(/not granted/);
    expect(await h.db.select().from(providerConnections).where(eq(providerConnections.userId, user.id))).toHaveLength(0);
  });

  it('needs a session to start, to read status and to disconnect', async () => {
    const h = Harness.init();
    expect((await h.json('/api/v1/connections/strava/authorize')).status).toBe(401);
    expect((await h.json('/api/v1/ingestion')).status).toBe(401);
    const del = await h.json('/api/v1/connections/strava', { method: 'DELETE' });
    expect(del.status).toBe(401);
    expectErrorShape(del.body, 'UNAUTHENTICATED');
  });
});

// Operators: a failed job retried from the console completes; an operator's disconnect takes the athlete's path.
const opAct = (id: string, action: string) => `/api/v1/admin/users/${id}/actions/${action}`;

describe('operator actions: Strava', () => {
  it('a failed job retried by an operator completes; Strava disconnect is audited and a second is a 409', {
    timeout: 120_000,
  }, async () => {
    const h = Harness.init();
    // A short history: this test is about the operator's actions, not the backfill.
    const athleteId = newAthleteId();
    await stravaWorld(athleteId, { activitiesPerAthlete: 3 });
    const { user, cookie } = await h.signup({ displayName: 'Ann Runner' });
    const op = await h.userWithRole('admin', ['ingestion.retry', 'users.manage']);
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    const [job] = await h.db
      .select()
      .from(ingestJobs)
      .where(and(eq(ingestJobs.userId, user.id), eq(ingestJobs.status, 'done')))
      .limit(1);
    await h.db.update(ingestJobs).set({ status: 'error', attempts: 5, lastError: 'Strava 500' }).where(eq(ingestJobs.id, job!.id));

    const retry = await h.json(opAct(user.id, 'retry-job'), { body: { reason: 'Strava recovered', jobId: job!.id }, cookie: op.cookie });
    expect(retry.status).toBe(200);
    await vi.waitFor(
      async () => {
        const [row] = await h.db.select().from(ingestJobs).where(eq(ingestJobs.id, job!.id));
        expect(row).toMatchObject({ status: 'done', attempts: 1 });
      },
      { timeout: 60_000, interval: 100 },
    );
    await waitUntilDone(h, cookie);

    const before = await sumDistance(h, user.id);
    expect(before.n).toBeGreaterThan(0);
    const off = await h.json<{ after: { removedActivities: number } }>(opAct(user.id, 'disconnect-provider'), {
      body: { reason: 'Account compromised', provider: 'strava' },
      cookie: op.cookie,
    });
    expect(off.status).toBe(200);
    expect(off.body.after.removedActivities).toBe(before.n);
    expect(await h.db.select().from(providerConnections).where(eq(providerConnections.userId, user.id))).toHaveLength(0);
    expect((await sumDistance(h, user.id)).n).toBe(0);
    const audit = ((await h.auditFor('user', user.id)) as { action: string; payload: Record<string, unknown> }[]).find(
      (a) => a.action === 'operator.disconnect_provider',
    );
    expect(audit?.payload).toMatchObject({
      reason: 'Account compromised',
      before: { provider: 'strava', connected: true },
      after: { connected: false, removedActivities: before.n },
    });
    expect(JSON.stringify(audit?.payload)).not.toMatch(/token/i);
    const again = await h.json(opAct(user.id, 'disconnect-provider'), { body: { reason: 'again' }, cookie: op.cookie });
    expect(again.status).toBe(409);
  });
});
