// A provider failing (issue 43): a 5xx waits in the job's row with backoff and jitter and completes once the
// provider answers, nothing doubled; a provider that never answers is given up on after the adapter's deadline.
// Each test faults only its own traffic (`match`): the sandbox is shared by every file.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { activities, ingestJobs, providerConnections } from '../../db/schema';
import { afterRetryAfter } from '../../lib/backoff';
import { HttpGarminClient } from '../../providers/garmin/garmin.http';
import { HttpPolarClient } from '../../providers/polar/polar.http';
import { ProviderTimeoutError, ProviderUnreachableError, providerFetch } from '../../providers/provider-fetch';
import worker from '../../index';
import { SCHEDULES } from '../../jobs/cron';
import { HttpStravaClient } from '../../providers/strava/strava.http';
import { Harness } from '../../testing/harness';
import { injectFault } from '../../testing/inbound-faults';
import { connectStrava, newAthleteId, stravaListFor, stravaWorld, waitUntilDone } from '../../testing/strava';
import { providerDownDelayMs } from './ingestion.service';
import { jobFailureCode } from './job-failure';
import { detailJob } from './strava/strava.jobs';
import { addRun, freshBudgetEachTest, readTogether } from './strava.integration.testing';

freshBudgetEachTest();

describe('a provider answering 5xx', () => {
  it('the Strava detail job waits with backoff and jitter, then stores the activity once', { timeout: 90_000 }, async () => {
    const h = Harness.init();
    const athleteId = newAthleteId();
    await stravaWorld(athleteId, { activitiesPerAthlete: 2 });
    const { user, cookie } = await h.signup();
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    const run = await addRun(athleteId, 'Run through an outage');
    // Strava's edge fails this activity's reads for 3 s; the first retry comes 7.5–15 s later.
    await injectFault({ prefix: 'strava', mode: 'error', seconds: 3, match: `activities/${run.id}` });
    await readTogether(h, user.id, [run.id]);
    const job = () =>
      h.db
        .select()
        .from(ingestJobs)
        .where(and(eq(ingestJobs.userId, user.id), sql`${ingestJobs.payload}->>'activityId' = ${String(run.id)}`))
        .then((r) => r[0]!);
    await vi.waitFor(async () => expect(await job()).toMatchObject({ status: 'deferred', lastError: 'provider_5xx' }), {
      timeout: 20_000,
      interval: 100,
    });
    const waiting = await job();
    const wait = waiting.runAfter!.getTime() - waiting.updatedAt.getTime();
    expect(wait).toBeGreaterThanOrEqual(7_000);
    expect(wait).toBeLessThanOrEqual(15_500);
    await vi.waitFor(async () => expect((await job()).status).toBe('done'), { timeout: 60_000, interval: 250 });
    expect((await job()).attempts).toBe(2);
    const stored = await h.db
      .select({ n: sql<number>`count(*)::int` })
      .from(activities)
      .where(and(eq(activities.userId, user.id), eq(activities.externalId, String(run.id))));
    expect(stored[0]!.n).toBe(1);
    const all = await h.db.select({ n: sql<number>`count(*)::int` }).from(activities).where(eq(activities.userId, user.id));
    expect(all[0]!.n).toBe((await stravaListFor(h, user.id)).length);
  });

  it('the jitter spreads a backlog: waits lie between half and all of the backoff, which doubles up to 10 minutes', () => {
    const within = (attempts: number, lo: number, hi: number) => {
      const waits = Array.from({ length: 200 }, () => providerDownDelayMs(attempts));
      expect(Math.min(...waits)).toBeGreaterThanOrEqual(lo);
      expect(Math.max(...waits)).toBeLessThanOrEqual(hi);
      return new Set(waits.map((w) => Math.round(w / 1000))).size;
    };
    expect(within(1, 7_500, 15_000)).toBeGreaterThan(5);
    expect(within(3, 30_000, 60_000)).toBeGreaterThan(5);
    expect(within(20, 300_000, 600_000)).toBeGreaterThan(5);
  });
});

describe('a provider rate-limiting', () => {
  it('a Retry-After is honoured, never earlier, and spread up to a quarter later (30 s at most)', () => {
    const waits = Array.from({ length: 200 }, () => afterRetryAfter(20));
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...waits)).toBeLessThanOrEqual(25);
    expect(new Set(waits.map((w) => Math.round(w * 10))).size).toBeGreaterThan(5);
    for (let i = 0; i < 50; i++) expect(afterRetryAfter(600)).toBeLessThanOrEqual(630);
  });
});

describe('a provider that never answers', () => {
  const deadline = 400;
  const quick = async (call: Promise<unknown>) => {
    const started = Date.now();
    const err = await call.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProviderTimeoutError);
    expect(jobFailureCode(err)).toBe('timeout');
    // Well before the sandbox lets go of a held request (the fault's 30 s).
    expect(Date.now() - started).toBeLessThan(10_000);
  };

  it('a connection refused or cut before any answer is the provider unreachable, retryable like a timeout', async () => {
    const err = await providerFetch('http://127.0.0.1:1/strava/api/v3/athlete').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ProviderUnreachableError);
    expect(jobFailureCode(err)).toBe('timeout');
  });

  it('Strava: the call gives up at its deadline, as a retryable timeout', async () => {
    const id = String(900_000_000 + Math.floor(Math.random() * 1e8));
    await injectFault({ prefix: 'strava', mode: 'timeout', seconds: 30, match: `activities/${id}` });
    const strava = new HttpStravaClient({
      apiUrl: env.STRAVA_API_URL,
      oauthUrl: env.STRAVA_OAUTH_URL,
      clientId: 'x',
      clientSecret: 'y',
      timeoutMs: deadline,
    });
    await quick(strava.getActivity('token', id));
  });

  it('Garmin: a backfill request gives up at its deadline', async () => {
    const since = new Date(Date.now() - 86_400_000 - Math.floor(Math.random() * 1e9));
    await injectFault({
      prefix: 'garmin',
      mode: 'timeout',
      seconds: 30,
      match: `summaryStartTimeInSeconds=${Math.floor(since.getTime() / 1000)}`,
    });
    const garmin = new HttpGarminClient({
      authorizeUrl: env.GARMIN_AUTHORIZE_URL,
      tokenUrl: env.GARMIN_TOKEN_URL,
      apiUrl: env.GARMIN_API_URL,
      clientId: 'x',
      clientSecret: 'y',
      timeoutMs: deadline,
    });
    await quick(garmin.backfill({ accessToken: 'token', externalUserId: 'u' }, since));
  });

  it('Polar: a file download gives up at its deadline', async () => {
    const exercise = `fault-${crypto.randomUUID()}`;
    await injectFault({ prefix: 'polar', mode: 'timeout', seconds: 30, match: `exercises/${exercise}` });
    const polar = new HttpPolarClient({
      apiUrl: env.POLAR_API_URL,
      authUrl: env.POLAR_AUTH_URL,
      tokenUrl: env.POLAR_TOKEN_URL,
      clientId: 'x',
      clientSecret: 'y',
      timeoutMs: deadline,
    });
    await quick(
      polar.fetchFile(
        { accessToken: 'token', externalUserId: 'u' },
        { externalUserId: 'u', activityId: exercise, fileRef: exercise, format: 'fit', startTime: null },
      ),
    );
  });
});

describe('a retry whose message never came', () => {
  it('the stuck-job sweep sends again a job left queued for 15 minutes', { timeout: 90_000 }, async () => {
    const h = Harness.init();
    const athleteId = newAthleteId();
    await stravaWorld(athleteId, { activitiesPerAthlete: 1 });
    const { user, cookie } = await h.signup();
    await connectStrava(h, cookie, athleteId);
    await waitUntilDone(h, cookie);
    const run = await addRun(athleteId, 'Retry lost on the way');
    // The job as a failed attempt leaves it (queued, its cause kept) when the queue's redelivery is lost.
    const [conn] = await h.db.select().from(providerConnections).where(eq(providerConnections.userId, user.id));
    const [job] = await h.db
      .insert(ingestJobs)
      .values({
        ...detailJob(user.id, conn!.id, String(run.id), `strava:lost:${run.id}`),
        status: 'queued',
        attempts: 1,
        lastError: 'unknown',
        updatedAt: new Date(Date.now() - 16 * 60_000),
      })
      .returning({ id: ingestJobs.id });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: SCHEDULES.everyFiveMinutes }), env, ctx);
    await waitOnExecutionContext(ctx);
    await vi.waitFor(
      async () =>
        expect((await h.db.select({ s: ingestJobs.status }).from(ingestJobs).where(eq(ingestJobs.id, job!.id)))[0]?.s).toBe('done'),
      { timeout: 30_000, interval: 250 },
    );
    const stored = await h.db
      .select({ n: sql<number>`count(*)::int` })
      .from(activities)
      .where(and(eq(activities.userId, user.id), eq(activities.externalId, String(run.id))));
    expect(stored[0]!.n).toBe(1);
  });
});
