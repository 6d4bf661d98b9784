// Every inbound webhook of the providers we read from, delivered twice and out of order (issue 43), leaves the
// same state as once in order. By construction: each POST /webhooks/* route of the app names the test that
// replays it here (or, for the outbound providers' webhooks, the helper's file that will); a new webhook kind
// without a replay case fails this file.
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { activities, providerConnections, webhookEvents } from '../../db/schema';
import { ALL } from '../../http/route-table.testing';
import { Harness } from '../../testing/harness';
import { connectStrava, control, newAthleteId, stravaListFor, stravaWorld, waitUntilDone } from '../../testing/strava';
import {
  connectGarmin,
  deliver,
  deliverAll,
  doorState,
  firstFiles,
  garmin,
  garminHeaders,
  garminRows,
  newGarminUser,
  pingsFor,
  type Truth,
} from './file-doors/file-doors.testing';
import { addRun, freshBudgetEachTest, openJobs, stravaRows, SUBSCRIPTION_ID } from './strava.integration.testing';

freshBudgetEachTest();

/**
 * Each inbound webhook route and where its duplicate and out-of-order deliveries are tested. The outbound
 * providers' routes (Stripe, Twilio) are listed with the file that covers them; extend this list with a new route.
 */
const REPLAY_CASES: Record<string, string> = {
  'POST /webhooks/strava': 'webhook-replay: Strava events twice and out of order; a deauthorization then an old event',
  'POST /webhooks/garmin':
    'webhook-replay: Garmin pings twice, a deregistration then an old ping, permission changes out of order; wellness pushes re-sent: garmin-health.integration "replaces a re-pushed summary"',
  'POST /webhooks/polar': 'webhook-replay: a Polar exercise delivery twice, and after the athlete left',
  'POST /webhooks/stripe': 'stripe-inbox/stripe-webhook.test.ts (event id dedupe); out of order: wt-s7-out',
  'POST /webhooks/twilio/sms': 'coach-os/sms/sms-inbound.test.ts; replays: wt-s7-out',
};

describe('every inbound webhook route has a replay case', () => {
  it('the route table’s POST /webhooks/* routes are exactly the listed ones', () => {
    const routes = ALL.filter((e) => e.method === 'POST' && e.path.startsWith('/webhooks/')).map((e) => e.key);
    expect(routes.length).toBeGreaterThanOrEqual(3);
    expect(routes.filter((r) => !(r in REPLAY_CASES))).toEqual([]);
    expect(Object.keys(REPLAY_CASES).filter((r) => !routes.includes(r))).toEqual([]);
  });
});

const postStrava = (h: Harness, athleteId: number, event: Record<string, unknown>) =>
  h.json<{ duplicate: boolean }>('/webhooks/strava', {
    body: { owner_id: athleteId, subscription_id: SUBSCRIPTION_ID, updates: {}, ...event },
    headers: { origin: '' },
  });

describe('Strava push events replayed', () => {
  it('create, update and delete, each twice and out of order, end as Strava is', { timeout: 120_000 }, async () => {
    const h = Harness.init();
    const athleteId = newAthleteId();
    await stravaWorld(athleteId, { activitiesPerAthlete: 1 });
    const { user, cookie } = await h.signup();
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    // A: created, then deleted at Strava. B: created, then renamed.
    const a = await addRun(athleteId, 'Deleted later');
    const b = await addRun(athleteId, 'Renamed later', Date.now() - 6 * 3600_000);
    await control(`athletes/${athleteId}/activities/${a.id}`, { method: 'DELETE' });
    await control(`athletes/${athleteId}/activities/${b.id}`, { method: 'PATCH', body: { name: 'Renamed' } });
    const ev = (id: number, aspect: string, t: number, updates: Record<string, unknown> = {}) => ({
      object_type: 'activity',
      object_id: id,
      aspect_type: aspect,
      event_time: t,
      updates,
    });
    const t = Math.floor(Date.now() / 1000);
    const events = [
      ev(a.id, 'delete', t + 2),
      ev(b.id, 'update', t + 3, { title: 'Renamed' }),
      ev(a.id, 'create', t),
      ev(b.id, 'create', t + 1),
      ev(a.id, 'delete', t + 2),
      ev(b.id, 'update', t + 3, { title: 'Renamed' }),
      ev(a.id, 'create', t),
      ev(b.id, 'create', t + 1),
    ];
    const answers = [];
    for (const e of events) answers.push((await postStrava(h, athleteId, e)).body.duplicate);
    expect(answers).toEqual([false, false, false, false, true, true, true, true]);
    // Each distinct event handled (its jobs made), then every job finished.
    await vi.waitFor(
      async () => {
        const handled = await h.db
          .select({ outcome: webhookEvents.outcome })
          .from(webhookEvents)
          .where(sql`${webhookEvents.payload}->>'owner_id' = ${String(athleteId)}`);
        expect(handled.filter((e) => e.outcome !== null)).toHaveLength(4);
      },
      { timeout: 30_000, interval: 200 },
    );
    await vi.waitFor(async () => expect(await openJobs(h, user.id)).toBe(0), { timeout: 60_000, interval: 250 });
    const rows = await stravaRows(h, user.id);
    expect(rows.filter((r) => r.externalId === String(a.id))).toEqual([]);
    expect(rows.filter((r) => r.externalId === String(b.id))).toEqual([{ externalId: String(b.id), name: 'Renamed' }]);
    expect(rows.map((r) => r.externalId).sort()).toEqual((await stravaListFor(h, user.id)).map((x) => String(x.id)).sort());
  });

  it('a deauthorization, then an older create: nothing comes back and the connection stays gone', async () => {
    const h = Harness.init();
    const athleteId = newAthleteId();
    await stravaWorld(athleteId, { activitiesPerAthlete: 1 });
    const { user, cookie } = await h.signup();
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    const late = await addRun(athleteId, 'Announced before the revoke');
    const t = Math.floor(Date.now() / 1000);
    const deauth = { object_type: 'athlete', object_id: athleteId, aspect_type: 'update', updates: { authorized: 'false' }, event_time: t };
    for (let i = 0; i < 2; i++) expect((await postStrava(h, athleteId, deauth)).status).toBe(200);
    await vi.waitFor(
      async () => expect(await h.db.select().from(providerConnections).where(eq(providerConnections.userId, user.id))).toEqual([]),
      {
        timeout: 30_000,
        interval: 200,
      },
    );
    const old = { object_type: 'activity', object_id: late.id, aspect_type: 'create', event_time: t - 60 };
    expect((await postStrava(h, athleteId, old)).status).toBe(200);
    await vi.waitFor(
      async () =>
        expect(
          (
            await h.db
              .select({ outcome: webhookEvents.outcome })
              .from(webhookEvents)
              .where(and(sql`${webhookEvents.payload}->>'object_id' = ${String(late.id)}`, eq(webhookEvents.provider, 'strava')))
          )[0]?.outcome,
        ).toBe('unknown_owner'),
      { timeout: 30_000, interval: 200 },
    );
    expect(await stravaRows(h, user.id)).toEqual([]);
    expect(await h.db.select().from(providerConnections).where(eq(providerConnections.userId, user.id))).toEqual([]);
  });
});

describe('Garmin pings replayed', () => {
  it('a deregistration twice, then an old activity ping: nothing imported, the connection stays ended', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const user = newGarminUser();
    await connectGarmin(h, athlete.cookie, user);
    const { userId } = await garmin<Truth>(`users/${user}`);
    await deliverAll(h, athlete.user.id, firstFiles(await pingsFor(userId), 1));
    const before = await garminRows(h, athlete.user.id);
    await garmin(`users/${user}/activities`, { sport: 'Run', name: 'Synced before leaving', distance: 7000 });
    const [filePing] = await pingsFor(userId);
    await garmin(`users/${user}/deregister`, {});
    const [dereg] = await pingsFor(userId);
    for (let i = 0; i < 2; i++) expect((await deliver(h, dereg!)).status).toBe(200);
    await vi.waitFor(async () => expect(await h.auditForActions(athlete.user.id, 'connection.deauthorized')).toHaveLength(1), {
      timeout: 30_000,
      interval: 200,
    });
    // The file ping Garmin sent before the deregistration arrives last, twice.
    for (let i = 0; i < 2; i++) expect((await deliver(h, filePing!)).status).toBe(200);
    await vi.waitFor(
      async () =>
        expect(
          (
            await h.db
              .select({ outcome: webhookEvents.outcome })
              .from(webhookEvents)
              .where(and(eq(webhookEvents.provider, 'garmin'), sql`${webhookEvents.outcome} like 'unknown%'`))
          ).length,
        ).toBeGreaterThan(0),
      { timeout: 30_000, interval: 200 },
    );
    expect(await garminRows(h, athlete.user.id)).toHaveLength(before.length);
    expect(await h.db.select().from(providerConnections).where(eq(providerConnections.userId, athlete.user.id))).toEqual([]);
    expect(await h.auditForActions(athlete.user.id, 'connection.deauthorized')).toHaveLength(1);
  });

  it('permission changes out of order, each twice: the permissions end as Garmin lists them (read back, ADR 095)', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const user = newGarminUser();
    await connectGarmin(h, athlete.cookie, user);
    const { userId } = await garmin<Truth>(`users/${user}`);
    await pingsFor(userId);
    // The athlete unticks activities in Garmin Connect (the newer change); the older ping still granted them.
    await garmin(`users/${user}/permissions`, { permissions: ['HEALTH_EXPORT'] });
    await pingsFor(userId);
    const t = Math.floor(Date.now() / 1000) + 5;
    const ping = (permissions: string[], at: number, id: string) => ({
      body: JSON.stringify({ userPermissionsChange: [{ userId, summaryId: `${id}-${at}`, permissions, changeTimeInSeconds: at }] }),
      headers: garminHeaders(h),
    });
    const newer = ping(['HEALTH_EXPORT'], t, 'newer');
    const older = ping(['ACTIVITY_EXPORT', 'HEALTH_EXPORT'], t - 30, 'older');
    for (const p of [newer, older, newer, older]) expect((await deliver(h, p)).status).toBe(200);
    const scopes = async () =>
      (
        await h.db
          .select({ s: providerConnections.scopes })
          .from(providerConnections)
          .where(eq(providerConnections.userId, athlete.user.id))
      )[0]?.s;
    await vi.waitFor(
      async () => {
        const outcomes = (
          await h.db
            .select({ outcome: webhookEvents.outcome })
            .from(webhookEvents)
            .where(and(eq(webhookEvents.provider, 'garmin'), sql`${webhookEvents.payload}::text like ${`%${userId}%`}`))
        ).map((r) => r.outcome);
        // Each ping is only a cue to read Garmin's list: the older one cannot bring back what Garmin no longer lists.
        expect(outcomes).toHaveLength(2);
        for (const o of outcomes) expect(o).toMatch(/^(permissions|stale):1$/);
      },
      { timeout: 30_000, interval: 200 },
    );
    expect(await scopes()).toBe('HEALTH_EXPORT');
    await vi.waitFor(async () => expect((await doorState(h, athlete.cookie))?.status ?? 'done').not.toBe('running'), { timeout: 30_000 });
  });
});

describe('Polar deliveries replayed', () => {
  const polar = async <T>(h: Harness, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${new URL(h.env.POLAR_API_URL).origin}/polar/_control/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`polar sandbox ${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  const polarRows = (h: Harness, userId: string) =>
    h.db
      .select({ externalId: activities.externalId })
      .from(activities)
      .where(and(eq(activities.userId, userId), eq(activities.source, 'polar_api')));

  it('an exercise delivered twice is one activity; one delivered after the athlete left imports nothing', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const user = 3_000_000 + Math.floor(Math.random() * 6_000_000);
    const start = await h.call('/api/v1/connections/polar/authorize', { cookie: athlete.cookie });
    const consent = new URL(start.headers.get('location') ?? '');
    consent.searchParams.set('auto', 'approve');
    consent.searchParams.set('user_id', String(user));
    const back = new URL((await fetch(consent, { redirect: 'manual' })).headers.get('location') ?? '');
    expect((await h.call(back.pathname + back.search, { cookie: athlete.cookie })).headers.get('location')).toBe(
      '/settings/data?connected=polar',
    );
    const signedFor = async (name: string) => {
      const { exercise } = await polar<{ exercise: { id: string } }>(h, `users/${user}/exercises`, {
        sport: 'Run',
        name,
        distance: 9000,
        moving_time: 2800,
        notify: false,
      });
      const s = await polar<{ request: { body: string; headers: Record<string, string> } }>(h, 'webhooks/push', {
        event: 'EXERCISE',
        userId: user,
        entityId: exercise.id,
        deliver: false,
      });
      return {
        id: exercise.id,
        send: () => h.call('/webhooks/polar', { method: 'POST', body: s.request.body, headers: s.request.headers }),
      };
    };
    const first = await signedFor('Twice delivered');
    expect((await first.send()).status).toBe(200);
    expect(await (await first.send()).json()).toMatchObject({ duplicate: true });
    await vi.waitFor(async () => expect((await polarRows(h, athlete.user.id)).map((r) => r.externalId)).toEqual([first.id]), {
      timeout: 30_000,
      interval: 200,
    });
    expect((await h.json('/api/v1/connections/polar', { method: 'DELETE', cookie: athlete.cookie })).status).toBe(200);
    // Polar's delivery of an exercise synced as the athlete left arrives after the disconnect, twice.
    const late = await signedFor('Delivered after leaving');
    for (let i = 0; i < 2; i++) expect((await late.send()).status).toBe(200);
    await vi.waitFor(
      async () =>
        expect(
          (
            await h.db
              .select({ outcome: webhookEvents.outcome })
              .from(webhookEvents)
              .where(and(eq(webhookEvents.provider, 'polar'), sql`${webhookEvents.payload}::text like ${`%${late.id}%`}`))
          )[0]?.outcome,
        ).toBe('unknown:1'),
      { timeout: 30_000, interval: 200 },
    );
    expect((await polarRows(h, athlete.user.id)).map((r) => r.externalId)).not.toContain(late.id);
  });
});
