import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../../index';
import { Harness } from '../../../testing/harness';
import { emailsTo } from '../../../testing/outbox';
import { notificationDeliveries, notificationEvents } from '../../../db/schema';
import { athleteIn, gateOf, loadWarning, outboxOf, servicesAt } from '../notifications.testing';

const minuteOfDay = (d: Date) => d.getUTCHours() * 60 + d.getUTCMinutes();

describe('the due sweep', () => {
  it('sends an email deferred by do-not-disturb once the window has ended, through the notify queue', async () => {
    const h = Harness.init();
    const now = new Date();
    // A window every day from three hours ago until one hour ago (UTC zone), the event two hours ago.
    const start = minuteOfDay(new Date(now.getTime() - 3 * 3600_000));
    const end = minuteOfDay(new Date(now.getTime() - 3600_000));
    const dnd = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start, end }));
    const a = await athleteIn(h, 'UTC', { emailMode: 'alerts', dnd });
    const past = servicesAt(h, new Date(now.getTime() - 2 * 3600_000));
    const r = await past.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'load.warning',
      dedupeKey: `due:${a.user.id}`,
      data: loadWarning(),
    });
    expect(r).toMatchObject({ email: 'now', sent: null });
    const [row] = await outboxOf(h, a.user.id);
    expect(row).toMatchObject({ status: 'scheduled', reason: 'dnd' });

    const live = servicesAt(h, new Date());
    expect(await live.notifications.sweepDue(new Date())).toBe(1);
    await expect.poll(async () => (await outboxOf(h, a.user.id))[0]?.status, { timeout: 30_000 }).toBe('sent');
    expect(await emailsTo(a.email)).toHaveLength(1);
    // A second sweep finds nothing to send again.
    expect(await live.notifications.sweepDue(new Date())).toBe(0);
    expect((await outboxOf(h, a.user.id)).map((d) => d.attempts)).toEqual([1]);
  });

  it('a deliver message for a row that is not due, gone or already sent is acknowledged and changes nothing', async () => {
    const batch = createMessageBatch('cadence-notify', [
      { id: 'd0', timestamp: new Date(), attempts: 1, body: { kind: 'deliver', deliveryId: crypto.randomUUID() } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['d0']);
  });

  it('an event whose data does not match its type is dropped as poison, not retried', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const batch = createMessageBatch('cadence-notify', [
      {
        id: 'p0',
        timestamp: new Date(),
        attempts: 1,
        body: { kind: 'event', userId: a.user.id, type: 'load.warning', dedupeKey: 'bad', data: { kind: 'ramp' } },
      },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual(['p0']);
    expect(result.retryMessages).toEqual([]);
  });

  it('retention (privacy.retention) trims finished outbox rows after 180 days and gates after 90, nothing younger or waiting', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const days = (n: number) => new Date(Date.now() - n * 86_400_000);
    const row = (key: string, status: 'sent' | 'scheduled', age: number) => ({
      userId: a.user.id,
      dedupeKey: `${key}:${a.user.id}`,
      kind: 'single' as const,
      category: 'load',
      type: 'load.warning',
      status,
      dueAt: days(age),
      updatedAt: days(age),
    });
    await h.db.insert(notificationDeliveries).values([row('old', 'sent', 200), row('young', 'sent', 10), row('waiting', 'scheduled', 200)]);
    await h.db.insert(notificationEvents).values([
      { dedupeKey: `g-old:${a.user.id}`, userId: a.user.id, type: 'load.warning', createdAt: days(100) },
      { dedupeKey: `g-new:${a.user.id}`, userId: a.user.id, type: 'load.warning', createdAt: days(1) },
    ]);
    const s = servicesAt(h, new Date());
    // The privacy retention table enforces these two rules now (ADR 043).
    const run = await s.privacyRetention.run({ dryRun: false, only: ['notification-emails', 'notification-gates'] });
    expect(run.rules['notification-emails'].deleted + run.rules['notification-gates'].deleted).toBeGreaterThanOrEqual(2);
    expect((await outboxOf(h, a.user.id)).map((d) => d.dedupeKey.split(':')[0]).sort()).toEqual(['waiting', 'young']);
    expect((await gateOf(h, a.user.id)).map((g) => g.dedupeKey.split(':')[0])).toEqual(['g-new']);
  });
});
