// Strava's rate limits and our brakes on them: a spent window or a 429 defers and completes later, the emergency
// brake stops every provider call until resumed, and the stuck-job sweep re-queues a job whose worker died.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { and, eq, like, or, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import worker from '../../index';
import { SCHEDULES } from '../../jobs/cron';
import { ingestJobs } from '../../db/schema';
import { Harness } from '../../testing/harness';
import {
  connectStrava,
  control,
  ingestionStatus,
  newAthleteId,
  stravaListFor,
  stravaWorld,
  sumDistance,
  waitUntilDone,
} from '../../testing/strava';
import { freshBudgetEachTest } from './strava.integration.testing';

freshBudgetEachTest();

describe('Strava: rate limits', () => {
  it('defers on a spent window or a 429 and completes later, nothing missing or doubled', { timeout: 180_000 }, async () => {
    const h = Harness.init();
    const athleteId = newAthleteId();
    // 13 reads at 4 per 3-second window: at least four windows, so deferral must happen. The athlete's own Strava
    // runs 300× fast with windows on our wall clock's 3-second ones; every other athlete keeps the run's roomy limits.
    await stravaWorld(athleteId, {
      limits: { shortLimit: 40, dailyLimit: 100_000, readShortLimit: 4, readDailyLimit: 100_000 },
      timeScale: 300,
      alignToWallClock: true,
      activitiesPerAthlete: 6,
    });
    const { user, cookie } = await h.signup();
    await connectStrava(h, cookie, athleteId);
    const seen = await waitUntilDone(h, cookie, 150_000);
    const deferrals = await h.db
      .select({ n: sql<number>`count(*)::int` })
      .from(ingestJobs)
      .where(and(eq(ingestJobs.userId, user.id), or(like(ingestJobs.lastError, 'budget:%'), like(ingestJobs.lastError, 'strava:429'))));
    expect(deferrals[0]!.n).toBeGreaterThan(0);
    expect(seen.has('done')).toBe(true);
    const truth = await stravaListFor(h, user.id);
    expect((await sumDistance(h, user.id)).n).toBe(truth.length);
    expect(truth).toHaveLength(6);
  });
});

describe('emergency brake', () => {
  it('while paused no provider call is made; resume drains everything deferred', async () => {
    const h = Harness.init();
    const admin = await h.userWithRole('admin', ['system.ingestion_pause']);
    const { user, cookie } = await h.signup();
    const athleteId = newAthleteId();
    expect((await h.call('/api/v1/admin/ingestion/pause', { method: 'PUT', body: { paused: true }, cookie: admin.cookie })).status).toBe(
      200,
    );
    try {
      await connectStrava(h, cookie, athleteId);
      const status = await ingestionStatus(h, cookie);
      expect(status.paused).toBe(true);
      expect(status.states[0]?.status).toBe('paused');
      await new Promise((r) => setTimeout(r, 1500));
      const calls = await control<{ calls: { perAthlete: Record<string, number> } }>('state');
      expect(calls.calls.perAthlete[athleteId] ?? 0).toBe(0);
    } finally {
      const resumed = await h.json<{ released: number }>('/api/v1/admin/ingestion/pause', {
        method: 'PUT',
        body: { paused: false },
        cookie: admin.cookie,
      });
      expect(resumed.status).toBe(200);
    }
    await waitUntilDone(h, cookie);
    expect((await sumDistance(h, user.id)).n).toBe(25);
    expect((await h.auditForActions(admin.id, 'ingestion.paused')).length).toBe(1);
  });

  it('the stuck-job sweep re-queues a job whose worker died', async () => {
    const h = Harness.init();
    // A short history: this test is about the sweep, not the backfill.
    const athleteId = newAthleteId();
    await stravaWorld(athleteId, { activitiesPerAthlete: 3 });
    const { user, cookie } = await h.signup();
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    const [job] = await h.db
      .select({ id: ingestJobs.id })
      .from(ingestJobs)
      .where(and(eq(ingestJobs.userId, user.id), eq(ingestJobs.kind, 'strava.detail')))
      .limit(1);
    await h.db
      .update(ingestJobs)
      .set({ status: 'running', startedAt: new Date(Date.now() - 30 * 60_000) })
      .where(eq(ingestJobs.id, job!.id));
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: SCHEDULES.everyFiveMinutes }), env, ctx);
    await waitOnExecutionContext(ctx);
    await expect
      .poll(async () => (await h.db.select({ s: ingestJobs.status }).from(ingestJobs).where(eq(ingestJobs.id, job!.id)))[0]?.s, {
        timeout: 30_000,
      })
      .toBe('done');
  });
});
