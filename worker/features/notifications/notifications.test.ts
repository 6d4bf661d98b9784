import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import worker from '../../index';
import { notifications } from '../../db/schema';
import { Harness, expectErrorShape } from '../../testing/harness';

const message = (userId: string, dedupeKey: string = crypto.randomUUID()) => ({
  kind: 'event' as const,
  userId,
  dedupeKey,
  type: 'coach.update',
  data: { title: 'Welcome to Cadence', body: 'Connect your data to get started.', link: '/settings' },
});

async function runBatch(bodies: unknown[]) {
  const batch = createMessageBatch(
    'cadence-notify',
    bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

describe('notify queue consumer', () => {
  it('writes an in-app notification row and acks', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const result = await runBatch([message(user.id)]);
    expect(result.explicitAcks).toEqual(['m0']);
    const rows = await h.db.select().from(notifications).where(eq(notifications.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'coach.update', title: 'Welcome to Cadence', link: '/settings' });
  });

  it('is idempotent: a redelivered message writes nothing new', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    const m = message(user.id, 'welcome:once');
    await runBatch([m]);
    const again = await runBatch([m, m]);
    expect(again.explicitAcks).toEqual(['m0', 'm1']);
    expect(await h.db.select().from(notifications).where(eq(notifications.userId, user.id))).toHaveLength(1);
  });

  it('acks and logs a malformed message instead of retrying it forever', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await runBatch([{ kind: 'event', userId: 'nope' }]);
    expect(result.explicitAcks).toEqual(['m0']);
    expect(result.retryMessages).toEqual([]);
    expect(errors.mock.calls.flat().join()).toContain('dropped invalid message');
  });

  it('retries when the write fails (unknown user violates the foreign key)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const result = await runBatch([message(crypto.randomUUID())]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['m0']);
  });

  it('delivers through the real queue binding end to end', async () => {
    const h = Harness.init();
    const { user } = await h.signup();
    await env.NOTIFY_QUEUE.send(message(user.id));
    await vi.waitFor(async () => expect(await h.db.select().from(notifications).where(eq(notifications.userId, user.id))).toHaveLength(1), {
      timeout: 30_000,
      interval: 100,
    });
  });
});

describe('/api/v1/notifications', () => {
  it('lists only your notifications and marks them read', async () => {
    const h = Harness.init();
    const alice = await h.signup();
    const bob = await h.signup();
    await runBatch([message(alice.user.id), message(bob.user.id)]);
    const list = await h.json<{ notifications: { id: string; readAt: string | null }[]; unread: number }>('/api/v1/notifications', {
      cookie: alice.cookie,
    });
    expect(list.status).toBe(200);
    expect(list.body.notifications).toHaveLength(1);
    expect(list.body.unread).toBe(1);
    const id = list.body.notifications[0]!.id;
    const read = await h.json<{ readAt: string | null }>(`/api/v1/notifications/${id}/read`, { method: 'POST', cookie: alice.cookie });
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
  });

  it("404s another user's notification", async () => {
    const h = Harness.init();
    const alice = await h.signup();
    const bob = await h.signup();
    await runBatch([message(bob.user.id)]);
    const bobs = await h.json<{ notifications: { id: string }[] }>('/api/v1/notifications', { cookie: bob.cookie });
    const res = await h.json(`/api/v1/notifications/${bobs.body.notifications[0]!.id}/read`, { method: 'POST', cookie: alice.cookie });
    expect(res.status).toBe(404);
    expectErrorShape(res.body, 'NOT_FOUND');
  });

  it('needs a session and a valid id', async () => {
    const h = Harness.init();
    expect((await h.call('/api/v1/notifications')).status).toBe(401);
    const { cookie } = await h.signup();
    expect((await h.call('/api/v1/notifications/123/read', { method: 'POST', cookie })).status).toBe(400);
  });

  it('the daily workout reminder through the preferences API: off at 07:00 by default, set in part, refused out of range', async () => {
    const h = Harness.init();
    const { cookie } = await h.signup();
    const get = await h.json<{ reminder: unknown }>('/api/v1/notifications/preferences', { cookie });
    expect(get.body.reminder).toEqual({ on: false, minute: 420 });
    const on = await h.json<{ reminder: unknown }>('/api/v1/notifications/preferences', {
      method: 'PUT',
      cookie,
      body: { reminder: { on: true } },
    });
    expect(on.status).toBe(200);
    expect(on.body.reminder).toEqual({ on: true, minute: 420 });
    for (const reminder of [{ minute: 1440 }, { minute: -1 }, { on: 'yes' }, { at: '07:00' }]) {
      const bad = await h.json('/api/v1/notifications/preferences', { method: 'PUT', cookie, body: { reminder } });
      expect(bad.status, JSON.stringify(reminder)).toBe(400);
      expectErrorShape(bad.body, 'VALIDATION');
    }
    expect((await h.json<{ reminder: unknown }>('/api/v1/notifications/preferences', { cookie })).body.reminder).toEqual({
      on: true,
      minute: 420,
    });
  });
});
