import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ingestJobs } from '../../db/schema';
import { Harness } from '../../testing/harness';
import { ingestionForTest } from './ingestion.testing';

// The soak's database restart (ADR 090): a job claimed just before Postgres went away could not be put back, and its
// message's retry found it `running` and left it there until the ten-minute stuck sweep. The same delivery may take it back.

async function runningJob(h: Harness, userId: string, deliveryId: string, claimedMsAgo: number) {
  const at = new Date(Date.now() - claimedMsAgo);
  const [row] = await h.db
    .insert(ingestJobs)
    .values({
      userId,
      kind: 'strava.detail',
      dedupeKey: `redelivery:${crypto.randomUUID()}`,
      status: 'running',
      attempts: 1,
      startedAt: at,
      updatedAt: at,
      deliveryId,
    })
    .returning({ id: ingestJobs.id });
  return row!.id;
}

describe('a job left running by a delivery whose run could not finish', () => {
  it('is taken back by the same delivery retried, never by another one or while its claim is fresh', async () => {
    const h = Harness.init();
    const athlete = await h.signup();
    const ingestion = ingestionForTest(h);
    const ran: string[] = [];
    const run = (jobId: string, deliveryId: string) =>
      ingestion.run(
        jobId,
        async (job) => {
          ran.push(`${job.id}:${deliveryId}`);
          return { created: [] };
        },
        'strava',
        deliveryId,
      );
    const status = async (id: string) => (await h.db.select().from(ingestJobs).where(eq(ingestJobs.id, id)))[0]!;

    const left = await runningJob(h, athlete.user.id, 'message-1', 60_000);
    await run(left, 'message-2');
    expect(ran).toEqual([]);
    expect((await status(left)).status).toBe('running');

    await run(left, 'message-1');
    expect(ran).toEqual([`${left}:message-1`]);
    expect(await status(left)).toMatchObject({ status: 'done', attempts: 2, deliveryId: 'message-1' });

    // A claim seconds old is a run still going (a duplicate delivery arriving alongside it): left alone.
    const fresh = await runningJob(h, athlete.user.id, 'message-3', 1_000);
    await run(fresh, 'message-3');
    expect(ran).toHaveLength(1);
    expect((await status(fresh)).status).toBe('running');
  });
});
