// A worker killed mid-export (ADR 089): the request left 'running' under a lease nobody renews (or between slices
// with its next message lost) is queued again by the minute sweep and continues from its last checkpoint into one
// archive, announced once; a delivery while another slice holds the lease writes nothing.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications, privacyRequests } from '../../../db/schema';
import worker from '../../../index';
import { SCHEDULES } from '../../../jobs/cron';
import { systemClock } from '../../../lib/clock';
import { createLogger } from '../../../lib/logger';
import { Harness } from '../../../testing/harness';
import { athleteWithHistory } from '../../../testing/scenarios';
import { createAuditService } from '../../audit';
import { archiveKey, createExportService, ExportBusyError } from './export.service';
import { validated } from './export.testing';
import { digestStreamHasher } from './hasher';

async function minuteTick() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: SCHEDULES.everyMinute }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** An export service whose queue is a list (its messages are "lost" unless a test delivers them), a slice per unit. */
function slicedService(h: Harness) {
  const sent: { requestId: string }[] = [];
  const service = createExportService({
    db: h.db,
    bucket: env.UPLOADS,
    queue: { send: async (m: unknown) => void sent.push(m as { requestId: string }) } as unknown as Queue<unknown>,
    clock: systemClock,
    logger: createLogger('error', {}),
    audit: createAuditService(h.db, null),
    notify: { notify: async () => undefined },
    hasher: digestStreamHasher,
    sliceMs: 0,
    planFiles: async () => [],
    assistants: async () => [],
  });
  return { service, sent };
}

const row = async (h: Harness, id: string) => (await h.db.select().from(privacyRequests).where(eq(privacyRequests.id, id)))[0]!;

async function startedExport(h: Harness, slices: number) {
  const a = await athleteWithHistory(h, { history: [{ daysAgo: 1 }, { daysAgo: 3 }, { daysAgo: 5 }] });
  const { service } = slicedService(h);
  const { export: started } = await service.request({ id: a.user.id, role: 'athlete' });
  for (let i = 0; i < slices; i++) await service.run(started.id, { attempts: 1 });
  expect((await row(h, started.id)).status).toBe('running');
  return { a, id: started.id, service };
}

async function readyOnce(h: Harness, userId: string, id: string) {
  await expect.poll(async () => (await row(h, id)).status, { timeout: 60_000, interval: 200 }).toBe('ready');
  const obj = await env.UPLOADS.get(archiveKey(userId, id));
  const { manifest } = validated(new Uint8Array(await obj!.arrayBuffer()));
  expect(manifest.counts.activities).toBe(3);
  expect((await env.UPLOADS.list({ prefix: `privacy-exports/${userId}/${id}.checkpoint` })).objects).toEqual([]);
  // The notice is written by the notify queue's consumer: waited for, then counted.
  const told = () =>
    h.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'privacy.export_ready')));
  await expect.poll(async () => (await told()).length, { timeout: 10_000, interval: 100 }).toBeGreaterThan(0);
  expect(await told()).toHaveLength(1);
  expect((await row(h, id)).leaseUntil).toBeNull();
}

describe('an export whose worker was killed', { timeout: 120_000 }, () => {
  it('mid-slice (its lease lapsed) is queued again by the minute sweep and finishes from its checkpoint, once', async () => {
    const h = Harness.init();
    const { a, id } = await startedExport(h, 3);
    // Killed mid-slice: claimed (a lease), then nobody renews it.
    await h.db
      .update(privacyRequests)
      .set({ leaseUntil: new Date(Date.now() - 1000) })
      .where(eq(privacyRequests.id, id));
    const before = (await row(h, id)).progress as { seq: number };
    expect(before.seq).toBeGreaterThan(0);
    await minuteTick();
    await readyOnce(h, a.user.id, id);
  });

  it('between slices with its next message lost is sent again once it has been quiet for two minutes', async () => {
    const h = Harness.init();
    const { a, id } = await startedExport(h, 2);
    // Checkpointed (no lease), its next message lost a minute ago: not yet.
    await h.db
      .update(privacyRequests)
      .set({ updatedAt: new Date(Date.now() - 60_000) })
      .where(eq(privacyRequests.id, id));
    await minuteTick();
    expect((await row(h, id)).status).toBe('running');
    expect((await row(h, id)).progress).toMatchObject({ slices: 2 });
    await h.db
      .update(privacyRequests)
      .set({ updatedAt: new Date(Date.now() - 3 * 60_000) })
      .where(eq(privacyRequests.id, id));
    await minuteTick();
    await readyOnce(h, a.user.id, id);
  });

  it('a delivery while another slice holds the lease writes nothing (the queue retries it later)', async () => {
    const h = Harness.init();
    const { id, service } = await startedExport(h, 1);
    await h.db
      .update(privacyRequests)
      .set({ leaseUntil: new Date(Date.now() + 60_000) })
      .where(eq(privacyRequests.id, id));
    const held = await row(h, id);
    await expect(service.run(id, { attempts: 1 })).rejects.toBeInstanceOf(ExportBusyError);
    // The minute sweep leaves a live lease alone.
    await minuteTick();
    const after = await row(h, id);
    expect(after.progress).toEqual(held.progress);
    expect(after.leaseUntil).toEqual(held.leaseUntil);
  });
});
