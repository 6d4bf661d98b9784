import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import { parseEnv } from '../../../env';
import { handleQueue } from '../../../jobs/queues';
import { jittered } from '../../../lib/backoff';
import type { MessageResult } from '../../../jobs/types';
import type { PushMessage, PushResult, PushSender, PushTarget } from '../../../providers/push/push';
import { Harness } from '../../../testing/harness';
import { emailsTo } from '../../../testing/outbox';
import { athleteIn, gateOf, inboxOf, loadWarning, outboxOf, planCreated } from '../notifications.testing';
import type { NotifyEvent } from '../notifications.schema';
import { notifyConsumer } from '../notify.consumer';
import { browserKeys, pushRowsOf, pushServicesAt, ScriptedPush, subscriptionsOf } from '../push/push.testing';

// Engine times sit a day ahead of the wall clock: the worker's own due sweep never finds these rows due.
const T0 = new Date('2027-03-09T10:00:00Z');
const coach = { title: 'Your coach wrote', body: 'Easy spin tomorrow.', link: '/coach' };

/** A push service that answers by endpoint: scripted results for some devices, a thrown error for others, 201 for the rest. */
class ByEndpointPush implements PushSender {
  readonly publicKey = new ScriptedPush().publicKey;
  readonly sent: { target: PushTarget; message: PushMessage }[] = [];
  readonly answers = new Map<string, PushResult[]>();
  readonly throws = new Set<string>();
  async send(target: PushTarget, message: PushMessage): Promise<PushResult> {
    if (this.throws.has(target.endpoint)) throw new Error('socket hang up');
    this.sent.push({ target, message });
    return this.answers.get(target.endpoint)?.shift() ?? { outcome: 'sent' };
  }
}

type Services = ReturnType<typeof pushServicesAt>;

async function devices(s: Services, userId: string, n: number): Promise<string[]> {
  const endpoints: string[] = [];
  for (let i = 0; i < n; i++) {
    const endpoint = `https://push.example.com/send/${crypto.randomUUID()}`;
    await s.pushSubscriptions.subscribe(userId, { installId: crypto.randomUUID(), endpoint, keys: await browserKeys() });
    endpoints.push(endpoint);
  }
  return endpoints;
}

const event = (userId: string, type: NotifyEvent['type'], dedupeKey: string, data: Record<string, unknown>): NotifyEvent => ({
  kind: 'event',
  userId,
  type,
  dedupeKey,
  data,
});

/** A queue batch through the consumer's batch path, as handleQueue hands it over. */
const batch = (s: Services, bodies: unknown[], attempts = 1): Promise<MessageResult[]> =>
  notifyConsumer.handleBatch!(
    bodies.map((body, i) => ({ body, id: `m${i}`, attempts })),
    s,
  );

/** What a user's fan-out left, without ids and keys that differ between users. */
async function trace(h: Harness, userId: string) {
  const rows = await outboxOf(h, userId);
  return {
    inbox: (await inboxOf(h, userId)).map((n) => [n.kind, n.title]).sort(),
    outbox: rows
      .map((r) => [
        r.channel,
        r.kind,
        r.type,
        r.status,
        r.reason,
        r.dueAt.toISOString(),
        r.items.map((i) => i.data.value ?? i.type).join(','),
      ])
      .sort(),
    gate: (await gateOf(h, userId)).length,
  };
}

describe('the notify consumer fans a queue batch out set-based', () => {
  it('leaves the same rows as one trigger after another: bursts, digests, daily summaries, do-not-disturb, billing', async () => {
    const h = Harness.init();
    const push = new ScriptedPush();
    const s = pushServicesAt(h, T0, push);
    const nights = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: 22 * 60, end: 7 * 60 }));
    const scenario = async () => {
      const alerts = await athleteIn(h, 'UTC', { emailMode: 'alerts' });
      const daily = await athleteIn(h, 'Asia/Tokyo', { emailMode: 'daily', sendMinute: 18 * 60 + 30 });
      // 05:00 in New York: inside the night window.
      const quiet = await athleteIn(h, 'America/New_York', { emailMode: 'daily', dnd: nights });
      await devices(s, alerts.user.id, 1);
      const bill = { tierName: 'Pro', amountMinor: 1200, currency: 'eur', graceEndsOn: '2027-03-16', invoiceId: 'in_1' };
      const events = [
        event(alerts.user.id, 'load.warning', `lw1:${alerts.user.id}`, loadWarning(1)),
        event(alerts.user.id, 'load.warning', `lw2:${alerts.user.id}`, loadWarning(2)),
        event(alerts.user.id, 'load.warning', `lw3:${alerts.user.id}`, loadWarning(3)),
        event(daily.user.id, 'plan.created', `pc1:${daily.user.id}`, planCreated()),
        event(daily.user.id, 'plan.created', `pc2:${daily.user.id}`, planCreated()),
        event(quiet.user.id, 'load.warning', `lwq:${quiet.user.id}`, loadWarning(4)),
        event(quiet.user.id, 'billing.payment_failed', `pf:${quiet.user.id}`, bill),
      ];
      return { users: [alerts, daily, quiet], events };
    };

    const one = await scenario();
    for (const e of one.events) await s.notifications.handleEvent(e);
    const many = await scenario();
    expect(await batch(s, many.events)).toEqual(many.events.map(() => ({ ok: true })));

    for (const [i, u] of one.users.entries()) {
      const a = await trace(h, u.user.id);
      const b = await trace(h, many.users[i]!.user.id);
      // Plan names and dates are random per call: compare the shape, the statuses, the times and the alert values.
      expect(b).toEqual(a);
    }
    // The alert went now, the burst's rest in one digest half an hour later, billing through the night.
    const alerts = await outboxOf(h, many.users[0]!.user.id);
    expect(alerts.filter((r) => r.channel === 'email').map((r) => [r.kind, r.status, r.items.length])).toEqual([
      ['single', 'sent', 1],
      ['digest', 'scheduled', 2],
    ]);
    expect(await emailsTo(many.users[0]!.email)).toHaveLength(1);
    expect(await emailsTo(many.users[2]!.email)).toHaveLength(1);
  });

  it('a batch with duplicates, several users and devices: each trigger once, every device pushed in the invocation', async () => {
    const h = Harness.init();
    const push = new ByEndpointPush();
    const s = pushServicesAt(h, T0, push);
    const [a, b, c] = [
      await athleteIn(h, 'UTC', { emailMode: 'off' }),
      await athleteIn(h, 'UTC', { emailMode: 'off' }),
      await athleteIn(h, 'UTC', { emailMode: 'off' }),
    ];
    await devices(s, a.user.id, 3);
    await devices(s, b.user.id, 1);
    // c has no device: in-app only.
    const seen = event(b.user.id, 'coach.update', `seen:${b.user.id}`, coach);
    expect(await batch(s, [seen])).toEqual([{ ok: true }]);
    push.sent.length = 0;

    const bodies = [
      event(a.user.id, 'coach.update', `u1:${a.user.id}`, coach),
      event(a.user.id, 'coach.update', `u1:${a.user.id}`, coach),
      event(b.user.id, 'plan.created', `p1:${b.user.id}`, planCreated()),
      seen,
      event(c.user.id, 'plan.created', `p1:${c.user.id}`, planCreated()),
      { kind: 'event', userId: 'not-a-uuid' },
    ];
    const results = await batch(s, bodies);
    expect(results.slice(0, 5)).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: true }, { ok: true }]);
    // The malformed message is dropped alone (acked as poison), not retried.
    expect(results[5]).toMatchObject({ ok: false, error: { name: 'PoisonMessageError' } });

    expect(push.sent).toHaveLength(4);
    expect(s.queued).toHaveLength(0);
    expect((await pushRowsOf(h, a.user.id)).map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
      ['sent', 1],
    ]);
    expect((await pushRowsOf(h, b.user.id)).map((r) => r.status)).toEqual(['sent', 'sent']);
    expect((await inboxOf(h, a.user.id)).map((n) => n.kind)).toEqual(['coach.update']);
    expect((await inboxOf(h, b.user.id)).map((n) => n.kind).sort()).toEqual(['coach.update', 'plan.created']);
    expect((await inboxOf(h, c.user.id)).map((n) => n.kind)).toEqual(['plan.created']);
    expect(await pushRowsOf(h, c.user.id)).toEqual([]);
    expect((await subscriptionsOf(h, a.user.id)).every((sub) => sub.lastSuccessAt !== null)).toBe(true);
  });

  it('one failing subscription fails nobody else: gone is pruned with no retry, 429 waits for Retry-After, 503 backs off', async () => {
    const h = Harness.init();
    const push = new ByEndpointPush();
    const s = pushServicesAt(h, T0, push);
    const users = [];
    for (let i = 0; i < 5; i++) users.push(await athleteIn(h, 'UTC', { emailMode: 'off' }));
    const endpoints = [];
    for (const u of users) endpoints.push((await devices(s, u.user.id, 1))[0]!);
    push.answers.set(endpoints[0]!, [{ outcome: 'gone', status: 410 }]);
    push.answers.set(endpoints[1]!, [{ outcome: 'rate_limited', retryAfterMs: 120_000 }]);
    push.answers.set(endpoints[2]!, [{ outcome: 'error', status: 503 }]);
    const bodies = users.map((u, i) => event(u.user.id, 'coach.update', `f${i}:${u.user.id}`, coach));
    expect(await batch(s, bodies)).toEqual(bodies.map(() => ({ ok: true })));

    const [gone, limited, down, ok1, ok2] = await Promise.all(users.map((u) => pushRowsOf(h, u.user.id)));
    expect(gone![0]).toMatchObject({ status: 'failed', reason: 'subscription_gone', attempts: 1 });
    expect(await subscriptionsOf(h, users[0]!.user.id)).toEqual([]);
    expect(limited![0]).toMatchObject({ status: 'scheduled', lastError: 'push service answered 429' });
    expect(limited![0]!.dueAt.toISOString()).toBe('2027-03-09T10:02:00.000Z');
    expect(down![0]).toMatchObject({ status: 'scheduled', lastError: 'push service answered 503' });
    // 30 s, stretched by the row's own jitter (never shorter).
    expect(down![0]!.dueAt.getTime()).toBe(new Date('2027-03-09T10:00:00Z').getTime() + jittered(30_000, down![0]!.id));
    expect((await subscriptionsOf(h, users[2]!.user.id))[0]).toMatchObject({ lastErrorCode: '503' });
    expect([ok1![0]!.status, ok2![0]!.status]).toEqual(['sent', 'sent']);

    // The due sweep hands the two waiting rows back as `deliver` messages; one batch sends both, the gone one never again.
    s.clock.set(new Date('2027-03-09T10:02:00Z'));
    const sent = push.sent.length;
    const results = await batch(s, [
      { kind: 'deliver', deliveryId: limited![0]!.id },
      { kind: 'deliver', deliveryId: down![0]!.id },
      { kind: 'deliver', deliveryId: gone![0]!.id },
    ]);
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(push.sent.length - sent).toBe(2);
    expect((await pushRowsOf(h, users[1]!.user.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await pushRowsOf(h, users[2]!.user.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a message whose own push throws is retried alone; its retry writes and sends nothing twice', async () => {
    const h = Harness.init();
    const push = new ByEndpointPush();
    const s = pushServicesAt(h, T0, push);
    const a = await athleteIn(h, 'UTC', { emailMode: 'off' });
    const b = await athleteIn(h, 'UTC', { emailMode: 'off' });
    const [broken] = await devices(s, a.user.id, 1);
    await devices(s, b.user.id, 1);
    push.throws.add(broken!);
    const bodies = [event(a.user.id, 'coach.update', `t:${a.user.id}`, coach), event(b.user.id, 'coach.update', `t:${b.user.id}`, coach)];
    const results = await batch(s, bodies);
    expect(results[0]).toMatchObject({ ok: false, error: { message: 'socket hang up' } });
    expect(results[1]).toEqual({ ok: true });
    expect(push.sent).toHaveLength(1);
    // The thrown send left its row claimed: the stuck sweep puts it back, not the retried trigger.
    expect((await pushRowsOf(h, a.user.id))[0]).toMatchObject({ status: 'sending', attempts: 1 });

    push.throws.clear();
    expect(await batch(s, [bodies[0]], 2)).toEqual([{ ok: true }]);
    expect(push.sent).toHaveLength(1);
    expect(await inboxOf(h, a.user.id)).toHaveLength(1);
    expect(await pushRowsOf(h, a.user.id)).toHaveLength(1);
    expect(await gateOf(h, a.user.id)).toHaveLength(1);
  });
});

describe('the queue handler with a batch consumer', () => {
  it('acks, drops and retries each message of one batch on its own (the urgent lane’s queue, the same consumer)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const h = Harness.init();
    const { user } = await h.signup();
    const ok = event(user.id, 'coach.update', `q:${user.id}`, coach);
    const messages = createMessageBatch(
      'cadence-notify-urgent',
      [ok, { kind: 'nonsense' }, event(crypto.randomUUID(), 'coach.update', 'q:nobody', coach), ok].map((body, i) => ({
        id: `m${i}`,
        timestamp: new Date(),
        attempts: 1,
        body,
      })),
    );
    const ctx = createExecutionContext();
    await handleQueue(messages, parseEnv(env), ctx);
    const result = await getQueueResult(messages, ctx);
    // m1 is malformed (dropped, acked); m2 names no user (retried); m3 repeats m0 (a duplicate, acked).
    expect(result.explicitAcks.sort()).toEqual(['m0', 'm1', 'm3']);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['m2']);
    expect((await inboxOf(h, user.id)).map((n) => n.kind)).toEqual(['coach.update']);
  });
});

describe('the urgent lane', () => {
  it('a coach message goes on its own queue and is pushed while a fan-out still waits on the notify queue', async () => {
    const h = Harness.init();
    const push = new ScriptedPush();
    const s = pushServicesAt(h, T0, push);
    const athlete = await athleteIn(h, 'UTC', { emailMode: 'off' });
    await devices(s, athlete.user.id, 1);
    const fanOut = Array.from({ length: 250 }, (_, i) => ({
      userId: athlete.user.id,
      type: 'plan.created' as const,
      dedupeKey: `fan:${i}`,
      data: planCreated(),
    }));
    await s.notifications.notifyMany(fanOut);
    await s.notifications.notify({ userId: athlete.user.id, type: 'coach.update', dedupeKey: 'coach:1', data: coach });
    await s.notifications.notifyMany([
      {
        userId: athlete.user.id,
        type: 'comment.posted',
        dedupeKey: 'comment:1',
        data: { subjectKind: 'workout', subjectTitle: 'Tempo', authorName: 'Sam', excerpt: 'Hold 4:10.', link: '/training' },
      },
    ]);
    expect(s.queued).toHaveLength(250);
    expect((s.urgentQueued as NotifyEvent[]).map((m) => m.type)).toEqual(['coach.update', 'comment.posted']);

    // The urgent lane's consumer takes its batch while all 250 triggers are still queued behind each other.
    expect(await batch(s, s.urgentQueued.splice(0))).toEqual([{ ok: true }, { ok: true }]);
    expect(push.sent.map((p) => JSON.parse(p.message.payload).type)).toEqual(['coach.update', 'comment.posted']);
    expect(push.sent[0]!.message.urgency).toBe('high');
    expect(s.queued).toHaveLength(250);
  });
});
