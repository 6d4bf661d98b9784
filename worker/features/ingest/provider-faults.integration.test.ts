// A provider failing (issue 43): a 5xx waits in the job's row with backoff and jitter and completes once the
// provider answers, nothing doubled; a provider that never answers is given up on after the adapter's deadline.
// Each test faults only its own traffic (`match`): the sandbox is shared by every file.
import { env } from 'cloudflare:test';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { activities, ingestJobs } from '../../db/schema';
import { HttpGarminClient } from '../../providers/garmin/garmin.http';
import { HttpPolarClient } from '../../providers/polar/polar.http';
import { ProviderTimeoutError } from '../../providers/provider-fetch';
import { HttpStravaClient } from '../../providers/strava/strava.http';
import { Harness } from '../../testing/harness';
import { injectFault } from '../../testing/inbound-faults';
import { connectStrava, newAthleteId, stravaListFor, stravaWorld, waitUntilDone } from '../../testing/strava';
import { providerDownDelayMs } from './ingestion.service';
import { jobFailureCode } from './job-failure';
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
    expect(providerDownDelayMs(1, () => 0)).toBe(7_500);
    expect(providerDownDelayMs(1, () => 1)).toBe(15_000);
    expect(providerDownDelayMs(3, () => 1)).toBe(60_000);
    expect(providerDownDelayMs(20, () => 1)).toBe(600_000);
    const spread = new Set(Array.from({ length: 50 }, () => Math.round(providerDownDelayMs(2) / 1000)));
    expect(spread.size).toBeGreaterThan(5);
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
