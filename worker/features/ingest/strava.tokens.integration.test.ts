// Strava tokens through the real client and the sandbox: refreshed before they expire (on any Strava clock), one
// refresh shared by reads that need it together, and a revoked grant parked until the athlete reconnects (ADR 028).
// Time-scaled and clock-shifted Strava is the test's athlete's own world, so nothing else on the sandbox moves.
import { and, eq, like } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { ingestJobs, providerConnections } from '../../db/schema';
import { Harness } from '../../testing/harness';
import {
  connectStrava,
  control,
  ingestionStatus,
  newAthleteId,
  stravaClock,
  stravaWorld,
  sumDistance,
  tokenCalls,
  waitUntilDone,
} from '../../testing/strava';
import { SUBSCRIPTION_ID, addRun, freshBudgetEachTest, readTogether } from './strava.integration.testing';

freshBudgetEachTest();

describe('Strava: tokens', () => {
  it('refreshes a token about to expire before calling, and stores the rotated refresh token', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const athleteId = newAthleteId();
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    const [before] = await h.db.select().from(providerConnections).where(eq(providerConnections.userId, user.id));
    await h.db
      .update(providerConnections)
      .set({ expiresAt: new Date(Date.now() + 60_000) })
      .where(eq(providerConnections.userId, user.id));
    const added = await control<{ id: number }>(`athletes/${athleteId}/activities`, {
      body: { name: 'After refresh', type: 'Run', distance: 3000, moving_time: 900 },
    });
    await h.json('/webhooks/strava', {
      body: {
        object_type: 'activity',
        object_id: added.id,
        aspect_type: 'create',
        owner_id: athleteId,
        subscription_id: SUBSCRIPTION_ID,
        event_time: 1_800_000_100,
        updates: {},
      },
    });
    await expect.poll(async () => (await sumDistance(h, user.id)).n, { timeout: 30_000 }).toBe(26);
    const [after] = await h.db.select().from(providerConnections).where(eq(providerConnections.userId, user.id));
    expect(after!.refreshTokenEnc).not.toBe(before!.refreshTokenEnc);
    expect(after!.accessTokenEnc).not.toBe(before!.accessTokenEnc);
    expect(after!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3600_000);
    // Tokens are stored encrypted: no plaintext token shape in the column.
    expect(after!.accessTokenEnc).toMatch(/^v1\./);
  });
});

describe('Strava: token expiry and refresh', () => {
  it('refreshes before reading once the expiry Strava stated is near, even when its clock runs ahead of ours: no 401', {
    timeout: 90_000,
  }, async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const athleteId = newAthleteId();
    // At 3600× Strava's 6-hour tokens last 6 s and the athlete's Strava clock runs ahead of ours, as in the spike bench.
    await stravaWorld(athleteId, { timeScale: 3600, activitiesPerAthlete: 0 });
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    const run = await addRun(athleteId, 'Read after expiry');
    // Strava's first token has run out.
    await vi.waitFor(
      async () => {
        const { athletes } = await control<{ athletes: { id: number; activeTokens: number }[] }>('state');
        expect(athletes.find((a) => a.id === athleteId)?.activeTokens).toBe(0);
      },
      { timeout: 20_000, interval: 200 },
    );
    // From here Strava's clock, hours ahead of ours, runs at 60×: the refreshed token lasts 6 real minutes. At
    // 3600× it lasted 6 s, so a read queued behind a busy machine for longer met it expired (a 401, then a
    // retry after backoff): the race this test was flaky on, not the rule it checks.
    await stravaWorld(athleteId, { timeScale: 60 });
    await readTogether(h, user.id, [run.id]);
    await expect.poll(async () => (await sumDistance(h, user.id)).n, { timeout: 45_000 }).toBe(1);
    expect(await tokenCalls(athleteId)).toEqual({ unauthorized: 0, refreshes: 1 });
  });

  it('reads that need a refresh at the same time share one, whatever time Strava’s clock shows', { timeout: 60_000 }, async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const athleteId = newAthleteId();
    // The athlete's Strava clock a day behind ours (where the time-scaled bench can leave it).
    await stravaWorld(athleteId, { activitiesPerAthlete: 0 });
    await stravaClock(athleteId, new Date(Date.now() - 86_400_000));
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    const runs = [];
    for (let i = 0; i < 6; i++) runs.push(await addRun(athleteId, `Together ${i}`, Date.now() - 86_400_000));
    // Our copy of the token is due: six reads start at once and each needs a valid token.
    await h.db
      .update(providerConnections)
      .set({ expiresAt: new Date(Date.now() + 30_000) })
      .where(eq(providerConnections.userId, user.id));
    const before = await tokenCalls(athleteId);
    await readTogether(
      h,
      user.id,
      runs.map((r) => r.id),
    );
    await expect.poll(async () => (await sumDistance(h, user.id)).n, { timeout: 20_000 }).toBe(6);
    const after = await tokenCalls(athleteId);
    expect(after.refreshes - before.refreshes).toBe(1);
    expect(after.unauthorized).toBe(0);
  });

  it('a grant revoked at Strava: one refused refresh, then the connection asks for a reconnect and nothing calls Strava until then', {
    timeout: 90_000,
  }, async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const athleteId = newAthleteId();
    await stravaWorld(athleteId, { activitiesPerAthlete: 0 });
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    const runs = [await addRun(athleteId, 'Revoked 1'), await addRun(athleteId, 'Revoked 2'), await addRun(athleteId, 'Revoked 3')];
    // Revoked in Strava's settings, and the deauthorization webhook never reached us.
    await control(`athletes/${athleteId}/deauthorize`, { body: { notify: false } });
    await readTogether(
      h,
      user.id,
      runs.map((r) => r.id),
    );
    const stopped = await vi.waitFor(
      async () => {
        const s = await ingestionStatus(h, cookie);
        expect(s.states.find((x) => x.source === 'strava')).toMatchObject({ status: 'error' });
        return s;
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(stopped.connections.strava).toEqual({ connected: true, athleteId: String(athleteId), reconnectNeeded: true });
    expect(stopped.states[0]!.lastError).toMatch(/no longer accepts/i);
    const calls = await tokenCalls(athleteId);
    // One refresh was tried and refused; each job made its two reads (detail and streams) once with the dead token.
    expect(calls.refreshes).toBe(1);
    expect(calls.unauthorized).toBeGreaterThan(0);
    expect(calls.unauthorized).toBeLessThanOrEqual(2 * runs.length);

    // Later work waits for the athlete without calling Strava, and nothing is retried in a loop.
    const late = await addRun(athleteId, 'Revoked 4');
    await readTogether(h, user.id, [late.id]);
    await vi.waitFor(
      async () => {
        const open = await h.db
          .select({ status: ingestJobs.status, lastError: ingestJobs.lastError })
          .from(ingestJobs)
          .where(and(eq(ingestJobs.userId, user.id), like(ingestJobs.dedupeKey, 'strava:test:%')));
        expect(open).toHaveLength(4);
        for (const j of open) expect(j).toEqual({ status: 'deferred', lastError: 'strava:reconnect' });
      },
      { timeout: 15_000, interval: 200 },
    );
    // Parked with no run time and no queue message: the late read made no call, and nothing will retry them.
    expect(await tokenCalls(athleteId)).toEqual(calls);

    // Reconnecting clears the state and releases the waiting reads.
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    expect((await sumDistance(h, user.id)).n).toBe(4);
    expect((await ingestionStatus(h, cookie)).connections.strava.reconnectNeeded).toBe(false);
  });
});
