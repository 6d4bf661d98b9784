// A worker killed mid-deletion (ADR 089): the request left 'running' under a lease nobody renews is queued again
// by the minute sweep and resumes after its last finished step — the account gone, one receipt kept, one receipt
// emailed — and a second delivery while a run holds the lease is skipped, so two at once erase once.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deletionReceipts, privacyRequests, users } from '../../../db/schema';
import worker from '../../../index';
import { SCHEDULES } from '../../../jobs/cron';
import { createProviders } from '../../../providers';
import { Harness } from '../../../testing/harness';
import { emailsTo } from '../../../testing/outbox';
import { batchServices, requestDeletion, requestDone, scheduleNow } from './deletion.testing';

async function minuteTick() {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: SCHEDULES.everyMinute }), env, ctx);
  await waitOnExecutionContext(ctx);
}

const row = async (h: Harness, id: string) => (await h.db.select().from(privacyRequests).where(eq(privacyRequests.id, id)))[0]!;
const receipts = async (h: Harness, id: string) => h.db.select().from(deletionReceipts).where(eq(deletionReceipts.requestId, id));
const receiptMails = async (email: string) => (await emailsTo(email)).filter((m) => m.subject.includes('receipt'));

describe('a deletion whose worker was killed', { timeout: 120_000 }, () => {
  it('is queued again by the minute sweep once its lease lapsed, and finishes from its last step: one receipt, one email', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const requestId = await requestDeletion(h, me.cookie);
    await scheduleNow(h, requestId);
    // Every step up to the receipt email runs, then the worker dies: the email provider throws once here only to
    // stop the run at that point; the kill itself is the lease left behind, unrenewed.
    const real = createProviders(h.env);
    const stopAtEmail = {
      ...real,
      email: {
        send: async (m: Parameters<typeof real.email.send>[0]) => {
          if (m.tag === 'account-deletion-receipt') throw new Error('killed');
          return real.email.send(m);
        },
      },
    };
    await expect(batchServices(h, stopAtEmail).deletion.run(requestId)).rejects.toThrow('killed');
    await h.db
      .update(privacyRequests)
      .set({ leaseUntil: new Date(Date.now() - 1000), error: null })
      .where(eq(privacyRequests.id, requestId));
    expect((await row(h, requestId)).progress).toMatchObject({ done: expect.arrayContaining(['rows', 'audit']) });

    await minuteTick();
    await requestDone(h, requestId);
    expect(await h.db.select().from(users).where(eq(users.id, me.user.id))).toEqual([]);
    expect(await receipts(h, requestId)).toHaveLength(1);
    await expect.poll(() => receiptMails(me.email), { timeout: 10_000, interval: 100 }).toHaveLength(1);
    expect((await row(h, requestId)).leaseUntil).toBeNull();
    // Later ticks find nothing to do.
    await minuteTick();
    expect(await receipts(h, requestId)).toHaveLength(1);
  });

  it('is skipped by a second delivery while a run holds the lease; two deliveries at once erase once', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const requestId = await requestDeletion(h, me.cookie);
    await scheduleNow(h, requestId);
    await h.db
      .update(privacyRequests)
      .set({ status: 'running', leaseUntil: new Date(Date.now() + 60_000) })
      .where(eq(privacyRequests.id, requestId));
    expect(await batchServices(h).deletion.run(requestId)).toBe('skipped');
    await minuteTick();
    expect((await row(h, requestId)).progress).toEqual({});

    await h.db.update(privacyRequests).set({ leaseUntil: null }).where(eq(privacyRequests.id, requestId));
    const outcomes = await Promise.all([batchServices(h).deletion.run(requestId), batchServices(h).deletion.run(requestId)]);
    expect(outcomes.sort()).toEqual(['done', 'skipped']);
    expect(await receipts(h, requestId)).toHaveLength(1);
    await expect.poll(() => receiptMails(me.email), { timeout: 10_000, interval: 100 }).toHaveLength(1);
    expect((await row(h, requestId)).status).toBe('done');
  });
});
