// What the Strava integration files share (strava.*.integration.test.ts): the push subscription, runs added to an
// athlete's Strava, reads queued together, and a fresh provider budget for every test. Each test bends Strava for its
// own athlete only (stravaWorld, stravaClock), so these files may run beside each other and beside any other file.
import { env } from 'cloudflare:test';
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach } from 'vitest';
import { activities, ingestJobs, providerConnections } from '../../db/schema';
import { parseEnv } from '../../env';
import type { Harness } from '../../testing/harness';
import { budget, control } from '../../testing/strava';
import { detailJob } from './strava/strava.jobs';

/** Our push subscription (STRAVA_SUBSCRIPTION_ID); events for any other are ignored. */
export const SUBSCRIPTION_ID = parseEnv(env).STRAVA_SUBSCRIPTION_ID;

/** The app's budget (a Durable Object kept from test to test, and from file to file in a pool worker) starts fresh. */
export function freshBudgetEachTest(): void {
  beforeEach(async () => {
    await budget().reset();
  });
}

/** A run recorded two hours before `before` (our clock by default), added to the athlete's Strava. */
export const addRun = (athleteId: number, name: string, before = Date.now()) =>
  control<{ id: number }>(`athletes/${athleteId}/activities`, {
    body: { name, type: 'Run', distance: 5000, moving_time: 1500, start_date: new Date(before - 2 * 3600_000).toISOString() },
  });

/** Detail jobs for these activities, sent as one queue batch: the consumer runs them side by side. */
export async function readTogether(h: Harness, userId: string, activityIds: number[]): Promise<void> {
  const [conn] = await h.db.select().from(providerConnections).where(eq(providerConnections.userId, userId));
  const jobs = activityIds.map((id) => detailJob(userId, conn!.id, String(id), `strava:test:${conn!.id}:${id}`, 'high'));
  const rows = await h.db.insert(ingestJobs).values(jobs).returning({ id: ingestJobs.id });
  await env.INGEST_QUEUE.sendBatch(rows.map((r) => ({ body: { jobId: r.id } })));
}

/** The athlete's Strava activities as stored: external id and name. */
export const stravaRows = (h: Harness, userId: string) =>
  h.db
    .select({ externalId: activities.externalId, name: activities.name })
    .from(activities)
    .where(and(eq(activities.userId, userId), eq(activities.source, 'strava')));

/** The athlete's ingest jobs not finished yet (queued, running or deferred). */
export const openJobs = async (h: Harness, userId: string) =>
  (
    await h.db
      .select({ n: sql<number>`count(*)::int` })
      .from(ingestJobs)
      .where(and(eq(ingestJobs.userId, userId), sql`${ingestJobs.status} in ('queued','running','deferred')`))
  )[0]!.n;
