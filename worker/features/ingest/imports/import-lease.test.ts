// A worker killed mid-import (ADR 089): the job left 'running' under a lease nobody renews is taken again by the
// minute sweep and finishes once — every activity of the file stored once, counted as imported — and a second
// delivery of its message while it runs does nothing twice.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { strToU8, zipSync } from 'fflate';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { activities, importJobs } from '../../../db/schema';
import worker from '../../../index';
import { SCHEDULES } from '../../../jobs/cron';
import { createLogger } from '../../../lib/logger';
import { Harness } from '../../../testing/harness';
import { gpxRun } from '../../../testing/fixtures/files';
import { createServices } from '../../../wiring';

type Job = { id: string; status: string; imported: number; duplicates: number; found: number };

const threeRuns = () =>
  zipSync({
    'a.gpx': strToU8(gpxRun(new Date('2025-10-01T06:00:00Z')).xml),
    'b.gpx': strToU8(gpxRun(new Date('2025-10-02T06:00:00Z')).xml),
    'c.gpx': strToU8(gpxRun(new Date('2025-10-03T06:00:00Z')).xml),
  });

async function importDone(h: Harness, cookie: string, bytes: Uint8Array): Promise<Job> {
  const r = await h.json<Job>('/api/v1/imports?filename=runs.zip', {
    body: bytes,
    cookie,
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
  });
  expect(r.status).toBe(202);
  return finished(h, cookie, r.body.id);
}

async function finished(h: Harness, cookie: string, id: string): Promise<Job> {
  let job: Job | undefined;
  await expect
    .poll(
      async () => {
        job = (await h.json<Job>(`/api/v1/imports/${id}`, { cookie })).body;
        return job.status;
      },
      { timeout: 30_000, interval: 100 },
    )
    .toBe('done');
  return job!;
}

const stored = async (h: Harness, userId: string) =>
  h.db.select({ id: activities.id, externalId: activities.externalId }).from(activities).where(eq(activities.userId, userId));

async function minuteTick() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: SCHEDULES.everyMinute }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe('an import whose worker was killed', () => {
  it('is taken again by the minute sweep once its lease lapsed, and finishes once: each activity stored once, all counted imported', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const job = await importDone(h, cookie, threeRuns());
    const all = await stored(h, user.id);
    expect(all).toHaveLength(3);
    // Half-done, as a killed worker leaves it: one activity not stored yet, the row 'running' under a lease
    // that lapsed a moment ago (nobody renews it), nothing finished.
    await h.db.delete(activities).where(eq(activities.id, all[0]!.id));
    await h.db
      .update(importJobs)
      .set({ status: 'running', attempts: 1, leaseUntil: new Date(Date.now() - 1000), finishedAt: null, imported: 0, duplicates: 0 })
      .where(eq(importJobs.id, job.id));

    await minuteTick();
    const resumed = await finished(h, cookie, job.id);
    // What the killed attempt stored counts as this job's import, not as "already there".
    expect(resumed).toMatchObject({ found: 3, imported: 3, duplicates: 0 });
    const after = await stored(h, user.id);
    expect(after).toHaveLength(3);
    expect(new Set(after.map((a) => a.externalId)).size).toBe(3);
    const [row] = await h.db.select().from(importJobs).where(eq(importJobs.id, job.id));
    expect(row).toMatchObject({ attempts: 2, leaseUntil: null });
    // A second tick finds nothing to take.
    await minuteTick();
    const [still] = await h.db.select().from(importJobs).where(eq(importJobs.id, job.id));
    expect(still).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('is left alone while its lease is live: a second delivery, or two at once, run it once', async () => {
    const h = Harness.init();
    const { user, cookie } = await h.signup();
    const job = await importDone(h, cookie, threeRuns());
    const services = createServices(h.env, { requestId: null, logger: createLogger('error'), waitUntil: () => {} });
    const tz = async () => 'UTC';
    try {
      // Running elsewhere under a live lease: the delivery takes nothing, and the sweep leaves it.
      const live = new Date(Date.now() + 60_000);
      await h.db.update(importJobs).set({ status: 'running', attempts: 1, leaseUntil: live }).where(eq(importJobs.id, job.id));
      await services.imports.process(job.id, tz);
      await minuteTick();
      const [held] = await h.db.select().from(importJobs).where(eq(importJobs.id, job.id));
      expect(held).toMatchObject({ status: 'running', attempts: 1 });

      // Queued again with its activities gone, then two deliveries at once: one claims, the other does nothing.
      await h.db.delete(activities).where(eq(activities.userId, user.id));
      await h.db.update(importJobs).set({ status: 'queued', attempts: 0, leaseUntil: null }).where(eq(importJobs.id, job.id));
      await Promise.all([services.imports.process(job.id, tz), services.imports.process(job.id, tz)]);
      const [row] = await h.db.select().from(importJobs).where(eq(importJobs.id, job.id));
      expect(row).toMatchObject({ status: 'done', attempts: 1, imported: 3, duplicates: 0, leaseUntil: null });
      expect(await stored(h, user.id)).toHaveLength(3);
    } finally {
      await services.close();
    }
  });
});
