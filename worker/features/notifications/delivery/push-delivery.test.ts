import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { athleteIn, loadWarning, outboxOf } from '../notifications.testing';
import { browserKeys, pushRowsOf, pushServicesAt, ScriptedPush, subscriptionsOf } from '../push/push.testing';

// Engine times sit a day ahead of the wall clock: the worker's own due sweep never finds these rows due.
const T0 = new Date('2027-01-12T10:00:00Z');
const proposal = () => ({ conversationId: crypto.randomUUID(), proposalId: crypto.randomUUID(), summary: 'Move the long run to Sunday.' });

async function subscribed(s: ReturnType<typeof pushServicesAt>, userId: string, devices = 1) {
  for (let i = 0; i < devices; i++) {
    await s.pushSubscriptions.subscribe(userId, {
      installId: crypto.randomUUID(),
      endpoint: `https://push.example.com/send/${crypto.randomUUID()}`,
      keys: await browserKeys(),
    });
  }
}
const deliverQueued = async (s: ReturnType<typeof pushServicesAt>) => {
  const out = [];
  for (const m of s.queued.splice(0)) out.push(await s.notifications.deliver((m as { deliveryId: string }).deliveryId));
  return out;
};

describe('push delivery', () => {
  it('one row per device through the queue, with TTL, urgency, topic and a small payload; none without a device or with push off', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'UTC', { emailMode: 'off' });
    const push = new ScriptedPush();
    const s = pushServicesAt(h, T0, push);
    await subscribed(s, a.user.id, 2);
    const r = await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'coach.proposal',
      dedupeKey: `p:${a.user.id}`,
      data: proposal(),
    });
    expect(r).toMatchObject({ duplicate: false, email: 'none' });
    expect(s.queued).toHaveLength(2);
    expect(await deliverQueued(s)).toEqual(['sent', 'sent']);
    expect(push.sent).toHaveLength(2);
    const msg = push.sent[0]!.message;
    expect(msg).toMatchObject({ ttl: 3 * 24 * 3600, urgency: 'high', topic: 'coach-proposal' });
    expect(JSON.parse(msg.payload)).toMatchObject({ type: 'coach.proposal', title: 'Your AI coach proposed a plan change' });
    expect(JSON.parse(msg.payload).link).toMatch(/^\/ai-coach\//);
    expect((await pushRowsOf(h, a.user.id)).map((row) => row.status)).toEqual(['sent', 'sent']);
    expect((await subscriptionsOf(h, a.user.id)).every((sub) => sub.lastSuccessAt !== null)).toBe(true);

    // A redelivered trigger pushes nothing twice.
    await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'coach.proposal',
      dedupeKey: `p:${a.user.id}`,
      data: proposal(),
    });
    expect(s.queued).toHaveLength(0);

    // Analysis is low urgency; with the category's push off nothing is planned at all.
    await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'load.warning',
      dedupeKey: `lw:${a.user.id}`,
      data: loadWarning(),
    });
    await deliverQueued(s);
    expect(push.sent.at(-1)?.message).toMatchObject({ urgency: 'normal', topic: 'load-warning', ttl: 86_400 });
    await s.notifications.preferences.update(a.user.id, { push: { load: false } });
    await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'load.warning',
      dedupeKey: `lw2:${a.user.id}`,
      data: loadWarning(2),
    });
    expect(s.queued).toHaveLength(0);
    expect((await s.notifications.preferences.get(a.user.id)).push).toMatchObject({ load: false, coach: true });
  });

  it('one device: its push goes out in the invocation of its trigger, never behind a fan-out on the queue', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'UTC', { emailMode: 'off' });
    const push = new ScriptedPush();
    const s = pushServicesAt(h, T0, push);
    await subscribed(s, a.user.id);
    const r = await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'coach.proposal',
      dedupeKey: `one:${a.user.id}`,
      data: proposal(),
    });
    expect(r).toMatchObject({ duplicate: false, pushed: 'sent' });
    expect(s.queued).toHaveLength(0);
    expect(push.sent).toHaveLength(1);
    expect(push.sent[0]!.message).toMatchObject({ urgency: 'high', topic: 'coach-proposal' });
    expect((await pushRowsOf(h, a.user.id)).map((row) => [row.status, row.attempts])).toEqual([['sent', 1]]);
    // Redelivered: nothing twice; the due sweep finds nothing left.
    await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'coach.proposal',
      dedupeKey: `one:${a.user.id}`,
      data: proposal(),
    });
    expect(await s.notifications.sweepDue(s.clock.now())).toBe(0);
    expect(push.sent).toHaveLength(1);
  });

  it('404 and 410 delete the subscription and are never retried; 400/401/403 fail without retry', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'UTC', { emailMode: 'off' });
    const push = new ScriptedPush();
    const s = pushServicesAt(h, T0, push);
    await subscribed(s, a.user.id, 3);
    push.script.push({ outcome: 'gone', status: 410 }, { outcome: 'gone', status: 404 }, { outcome: 'rejected', status: 403 });
    await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'coach.proposal',
      dedupeKey: `g:${a.user.id}`,
      data: proposal(),
    });
    expect((await deliverQueued(s)).sort()).toEqual(['failed', 'gone', 'gone']);
    const left = await subscriptionsOf(h, a.user.id);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ lastErrorCode: '403' });
    // Nothing is waiting to retry: every row failed, for its reason.
    expect((await pushRowsOf(h, a.user.id)).map((row) => [row.status, row.reason]).sort()).toEqual([
      ['failed', 'subscription_gone'],
      ['failed', 'subscription_gone'],
      ['failed', 'vapid_rejected'],
    ]);
    s.clock.set(new Date(T0.getTime() + 3600_000));
    await s.notifications.sweepDue(s.clock.now());
    expect(s.queued).toHaveLength(0);
    expect(push.sent).toHaveLength(3);
  });

  it('429 waits for Retry-After, then sends', async () => {
    const h = Harness.init();
    const a = await athleteIn(h, 'UTC', { emailMode: 'off' });
    const push = new ScriptedPush();
    const s = pushServicesAt(h, T0, push);
    await subscribed(s, a.user.id);
    push.script.push({ outcome: 'rate_limited', retryAfterMs: 120_000 });
    const r = await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'coach.proposal',
      dedupeKey: `r:${a.user.id}`,
      data: proposal(),
    });
    // One device: tried in the trigger's own invocation.
    expect(r).toMatchObject({ pushed: 'retry' });
    expect(s.queued).toHaveLength(0);
    const [row] = await pushRowsOf(h, a.user.id);
    expect(row).toMatchObject({ status: 'scheduled', dueAt: new Date(T0.getTime() + 120_000) });
    // Not before the service said.
    s.clock.set(new Date(T0.getTime() + 119_000));
    expect(await s.notifications.sweepDue(s.clock.now())).toBe(0);
    s.clock.set(new Date(T0.getTime() + 120_000));
    expect(await s.notifications.sweepDue(s.clock.now())).toBe(1);
    expect(await deliverQueued(s)).toEqual(['sent']);
    expect(push.sent).toHaveLength(2);
  });

  it('do-not-disturb defers a push like an email; a payment problem goes through it', async () => {
    const h = Harness.init();
    // 22:00–07:00 every night in UTC; 23:00 now.
    const dnd = [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: 22 * 60, end: 7 * 60 }));
    const a = await athleteIn(h, 'UTC', { emailMode: 'alerts', dnd });
    const push = new ScriptedPush();
    const night = new Date('2027-01-12T23:00:00Z');
    const s = pushServicesAt(h, night, push);
    await subscribed(s, a.user.id);
    await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'coach.proposal',
      dedupeKey: `d:${a.user.id}`,
      data: proposal(),
    });
    expect(s.queued).toHaveLength(0);
    const [row] = await pushRowsOf(h, a.user.id);
    expect(row).toMatchObject({ status: 'scheduled', reason: 'dnd', dueAt: new Date('2027-01-13T07:00:00Z') });
    // The email of the same event waits for the same moment.
    expect((await outboxOf(h, a.user.id)).find((r) => r.channel === 'email')).toMatchObject({
      reason: 'dnd',
      dueAt: new Date('2027-01-13T07:00:00Z'),
    });

    await s.notifications.handleEvent({
      kind: 'event',
      userId: a.user.id,
      type: 'billing.payment_failed',
      dedupeKey: `b:${a.user.id}`,
      data: { tierName: 'Pro', amountMinor: 900, currency: 'eur', graceEndsOn: null, invoiceId: null },
    });
    // Sent at once, in the trigger's own invocation (one device).
    expect(s.queued).toHaveLength(0);
    expect(push.sent.map((p) => p.message.topic)).toEqual(['billing-payment_failed']);

    s.clock.set(new Date('2027-01-13T07:00:00Z'));
    await s.notifications.sweepDue(s.clock.now());
    const outcomes = await deliverQueued(s);
    expect(outcomes.filter((o) => o === 'sent').length).toBeGreaterThanOrEqual(2);
    expect(push.sent.map((p) => p.message.topic)).toEqual(['billing-payment_failed', 'coach-proposal']);
  });
});
