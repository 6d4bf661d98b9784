// Strava's push events through the real client and the sandbox: the subscription handshake, create, update and
// delete, unknown athletes, deauthorization, and the analysis-ready notices a backfill and a webhook bring.
import { env } from 'cloudflare:test';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, webhookEvents } from '../../db/schema';
import { parseEnv } from '../../env';
import { Harness } from '../../testing/harness';
import { connectStrava, control, ingestionStatus, newAthleteId, stravaWorld, sumDistance, waitUntilDone } from '../../testing/strava';
import { inbox, inboxOfType, watchFanOut } from '../notifications/triggers.testing';
import { SUBSCRIPTION_ID, freshBudgetEachTest } from './strava.integration.testing';

freshBudgetEachTest();

describe('Strava webhooks', () => {
  const verify = (token: string) => `/webhooks/strava?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=ch4ll3nge`;

  it('answers the subscription handshake only with the right verify token', async () => {
    const h = Harness.init();
    const ok = await h.json<Record<string, string>>(verify(parseEnv(env).STRAVA_WEBHOOK_VERIFY_TOKEN));
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ 'hub.challenge': 'ch4ll3nge' });
    expect((await h.json(verify('wrong-token'))).status).toBe(403);
    expect((await h.json('/webhooks/strava?hub.mode=subscribe')).status).toBe(400);
  });

  // A backfill and three waits of up to 30 s each: more than the default 60 s on a loaded machine.
  it('handles create, title update and delete; duplicate deliveries are harmless', { timeout: 150_000 }, async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const athleteId = newAthleteId();
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    const post = (event: Record<string, unknown>) =>
      h.json<{ duplicate: boolean }>('/webhooks/strava', {
        body: { owner_id: athleteId, subscription_id: SUBSCRIPTION_ID, event_time: Math.floor(Date.now() / 1000), updates: {}, ...event },
        headers: { origin: '' },
      });

    const added = await control<{ id: number }>(`athletes/${athleteId}/activities`, {
      body: { name: 'Webhook Run', type: 'Run', distance: 5000, moving_time: 1500 },
    });
    const create = { object_type: 'activity', object_id: added.id, aspect_type: 'create', event_time: 1_800_000_001 };
    expect((await post(create)).body.duplicate).toBe(false);
    expect((await post(create)).body.duplicate).toBe(true);
    await expect.poll(async () => (await sumDistance(h, user.id)).n, { timeout: 30_000 }).toBe(26);

    await control(`athletes/${athleteId}/activities/${added.id}`, { method: 'PATCH', body: { name: 'Renamed by webhook' } });
    await post({
      object_type: 'activity',
      object_id: added.id,
      aspect_type: 'update',
      updates: { title: 'Renamed by webhook' },
      event_time: 1_800_000_002,
    });
    await expect
      .poll(
        async () =>
          (
            await h.db
              .select({ name: activities.name })
              .from(activities)
              .where(and(eq(activities.userId, user.id), eq(activities.externalId, String(added.id))))
          )[0]?.name,
        { timeout: 30_000 },
      )
      .toBe('Renamed by webhook');

    await control(`athletes/${athleteId}/activities/${added.id}`, { method: 'DELETE' });
    await post({ object_type: 'activity', object_id: added.id, aspect_type: 'delete', event_time: 1_800_000_003 });
    await expect.poll(async () => (await sumDistance(h, user.id)).n, { timeout: 30_000 }).toBe(25);
  });

  it('acknowledges events for unknown athletes and logs them as such', async () => {
    const h = Harness.init();
    const event = {
      object_type: 'activity',
      object_id: 1,
      aspect_type: 'create',
      owner_id: 987_654_321,
      subscription_id: SUBSCRIPTION_ID,
      event_time: 1_800_000_010,
      updates: {},
    };
    const res = await h.json('/webhooks/strava', { body: event });
    expect(res.status).toBe(200);
    await expect
      .poll(
        async () =>
          (
            await h.db
              .select({ outcome: webhookEvents.outcome })
              .from(webhookEvents)
              .where(sql`${webhookEvents.payload}->>'owner_id' = '987654321'`)
          )[0]?.outcome,
        { timeout: 30_000 },
      )
      .toBe('unknown_owner');
    expect((await h.json('/webhooks/strava', { body: { object_type: 'planet' } })).status).toBe(400);
  });

  it('deauthorization deletes the connection and every Strava activity', async () => {
    const h = Harness.init();
    // A short history: this test is about the deauthorization, not the backfill.
    const { user, cookie } = await h.signup();
    const athleteId = newAthleteId();
    await stravaWorld(athleteId, { activitiesPerAthlete: 3 });
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    await h.json('/webhooks/strava', {
      body: {
        object_type: 'athlete',
        object_id: athleteId,
        aspect_type: 'update',
        updates: { authorized: 'false' },
        owner_id: athleteId,
        subscription_id: SUBSCRIPTION_ID,
        event_time: 1_800_000_020,
      },
    });
    await expect.poll(async () => (await sumDistance(h, user.id)).n, { timeout: 30_000 }).toBe(0);
    expect((await ingestionStatus(h, cookie)).connections.strava.connected).toBe(false);
  });
});

describe('Strava: analysis ready', () => {
  it('a backfill is told once as one batch; a webhook’s new activity is its own; duplicates, edits and a reconnect tell nothing', {
    timeout: 120_000,
  }, async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const fanOut = watchFanOut();
    const athleteId = newAthleteId();
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);

    // One list page and 25 detail jobs: one notice when the last of them is done, with the analytics as they stand.
    const [backfill] = await inboxOfType(h, cookie, 'analysis.ready');
    const newest = (await h.json<{ activities: { id: string; name: string; date: string }[] }>('/api/v1/activities?limit=10', { cookie }))
      .body.activities;
    const fitness = (
      await h.json<{ today: string; current: { ctl: number; atl: number; tsb: number; establishing: object | null } }>(
        '/api/v1/analytics/fitness?days=7',
        { cookie },
      )
    ).body;
    expect(backfill).toMatchObject({
      title: '25 new activities analysed',
      link: '/activities',
      data: {
        source: 'strava',
        activityCount: 25,
        // No form line while fitness is being established (ADR 044).
        form: fitness.current.establishing
          ? null
          : { date: fitness.today, ctl: fitness.current.ctl, atl: fitness.current.atl, tsb: fitness.current.tsb },
      },
    });
    expect((backfill!.data.receipts as { id: string }[]).map((r) => r.id)).toEqual(newest.map((a) => a.id));

    const post = (event: Record<string, unknown>) =>
      h.json<{ duplicate: boolean }>('/webhooks/strava', {
        body: { owner_id: athleteId, subscription_id: SUBSCRIPTION_ID, updates: {}, object_type: 'activity', ...event },
        headers: { origin: '' },
      });
    const added = await control<{ id: number }>(`athletes/${athleteId}/activities`, {
      body: { name: 'Webhook Run', type: 'Run', distance: 5000, moving_time: 1500 },
    });
    const create = { object_id: added.id, aspect_type: 'create', event_time: 1_800_000_101 };
    expect((await post(create)).body.duplicate).toBe(false);
    expect((await post(create)).body.duplicate).toBe(true);
    await expect.poll(async () => (await inbox(h, cookie, 'analysis.ready')).length, { timeout: 30_000 }).toBe(2);
    const [single] = await inbox(h, cookie, 'analysis.ready');
    const [stored] = await h.db
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.userId, user.id), eq(activities.externalId, String(added.id))));
    expect(single).toMatchObject({
      title: '1 new activity analysed',
      link: `/activities/${stored!.id}`,
      data: { source: 'strava', activityCount: 1, receipts: [{ id: stored!.id, name: 'Webhook Run' }] },
    });

    // A title edit refetches the activity (not new) and a reconnect lists the same page again: nothing to tell.
    await control(`athletes/${athleteId}/activities/${added.id}`, { method: 'PATCH', body: { name: 'Renamed' } });
    await post({ object_id: added.id, aspect_type: 'update', updates: { title: 'Renamed' }, event_time: 1_800_000_102 });
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    // A later activity is told alone: the edit and the reconnect were never part of a batch.
    const later = await control<{ id: number }>(`athletes/${athleteId}/activities`, {
      body: { name: 'Later Run', type: 'Run', distance: 3000, moving_time: 900 },
    });
    await post({ object_id: later.id, aspect_type: 'create', event_time: 1_800_000_103 });
    expect(await fanOut.handled(user.id, 3)).toEqual({ total: 3, duplicates: 0 });
    const all = await inbox(h, cookie, 'analysis.ready');
    expect(all.map((n) => n.data.activityCount)).toEqual([1, 1, 25]);
    expect(all[0]!.data.receipts).toMatchObject([{ name: 'Later Run' }]);
  });
});
