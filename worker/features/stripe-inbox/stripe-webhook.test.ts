import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clientPackages, moneyEvents, stripeEvents } from '../../db/schema';
import type { Body } from '../../testing/bodies';
import { Harness, expectErrorShape } from '../../testing/harness';
import type { CheckoutLink as CheckoutLinkSchema } from '../coach-os/payments/payments.schema';
import { MAX_ATTEMPTS } from './stripe-inbox.service';
import { coachWorld, deliver, processed, runStripeMessage, storedEvent, stripeControl, stripeEvent, type Delivery } from './stripe.testing';

type CheckoutLink = Body<typeof CheckoutLinkSchema>;

const moneyFor = (h: Harness, orgId: string) =>
  h.db.select().from(moneyEvents).where(eq(moneyEvents.orgId, orgId)).orderBy(moneyEvents.occurredAt, moneyEvents.id);
const invoice = (org: { id: string }, client: { id: string }, extra: Record<string, unknown> = {}) => ({
  id: `in_test_${crypto.randomUUID().slice(0, 12)}`,
  object: 'invoice',
  amount_paid: 12_000,
  currency: 'usd',
  status: 'paid',
  metadata: { orgId: org.id, clientId: client.id },
  ...extra,
});

describe('POST /webhooks/stripe: signatures', () => {
  it('refuses a missing, wrong or stale signature with 400 in the error shape and stores nothing', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const good = await stripeEvent('invoice.paid', invoice(w.org, w.client));
    const wrongSecret = (
      await stripeControl<{ deliveries: Delivery[] }>(`events/${good.eventId}/replay`, { deliver: false, secret: 'whsec_not_ours' })
    ).deliveries[0]!;
    const stale = (
      await stripeControl<{ deliveries: Delivery[] }>(`events/${good.eventId}/replay`, {
        deliver: false,
        timestamp: Math.floor(Date.now() / 1000) - 301,
      })
    ).deliveries[0]!;

    const missing = await h.json('/webhooks/stripe', { body: good.payload, headers: { 'content-type': 'application/json' } });
    expect(missing.status).toBe(400);
    expectErrorShape(missing.body, 'SIGNATURE_INVALID');
    for (const bad of [
      wrongSecret,
      stale,
      { payload: good.payload.replace('12000', '99999'), signature: good.signature },
      { payload: good.payload, signature: 'garbage' },
    ]) {
      const r = await deliver(h, bad);
      expect(r.status).toBe(400);
      expectErrorShape(r.body, 'SIGNATURE_INVALID');
    }
    expect(await storedEvent(h, good.eventId)).toBeUndefined();
    expect(await moneyFor(h, w.org.id)).toHaveLength(0);
    // The genuine delivery is accepted.
    expect((await deliver(h, good)).status).toBe(200);
  });

  it('refuses a signature timestamped beyond 300 s either way (4,000 s ahead, 301 s ahead or behind) and stores nothing; accepts one inside the window', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const good = await stripeEvent('invoice.paid', invoice(w.org, w.client));
    const at = async (offsetSeconds: number) =>
      (
        await stripeControl<{ deliveries: Delivery[] }>(`events/${good.eventId}/replay`, {
          deliver: false,
          timestamp: Math.floor(Date.now() / 1000) + offsetSeconds,
        })
      ).deliveries[0]!;
    for (const offset of [4_000, 301, -301, -4_000]) {
      const r = await deliver(h, await at(offset));
      expect(r.status, `offset ${offset}`).toBe(400);
      expectErrorShape(r.body, 'SIGNATURE_INVALID');
    }
    // An honest-looking t= in front of a signature made 4,000 s ahead: the SDK checks the last t=, so must we.
    const ahead = await at(4_000);
    expect((await deliver(h, { payload: ahead.payload, signature: `t=${Math.floor(Date.now() / 1000)},${ahead.signature}` })).status).toBe(
      400,
    );
    expect(await storedEvent(h, good.eventId)).toBeUndefined();
    // Clocks drift: a little either way is fine.
    expect((await deliver(h, await at(240))).status).toBe(200);
    expect((await deliver(h, await at(-240))).body).toEqual({ received: true, duplicate: true });
  });
});

describe('Stripe events: once only', () => {
  it('the same invoice.paid twice, then five at once: one stored event, one income', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const d = await stripeEvent('invoice.paid', invoice(w.org, w.client));
    const first = await deliver(h, d);
    expect(first.body).toEqual({ received: true, duplicate: false });
    expect((await deliver(h, d)).body).toEqual({ received: true, duplicate: true });
    const burst = await Promise.all(Array.from({ length: 5 }, () => deliver(h, d)));
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await processed(h, d.eventId)).toBe('processed');
    const rows = await h.db.select({ n: sql<number>`count(*)::int` }).from(stripeEvents).where(eq(stripeEvents.stripeEventId, d.eventId));
    expect(rows[0]!.n).toBe(1);
    const money = await moneyFor(h, w.org.id);
    expect(money).toHaveLength(1);
    expect(money[0]).toMatchObject({ kind: 'income', amountCents: 12_000, currency: 'usd', source: 'stripe', clientId: w.client.id });
  });

  it('two different events for one invoice, delivered at the same moment, still count it once', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const inv = invoice(w.org, w.client);
    const [a, b] = [await stripeEvent('invoice.paid', inv), await stripeEvent('invoice.paid', inv)];
    expect(a.eventId).not.toBe(b.eventId);
    await Promise.all([deliver(h, a), deliver(h, b), deliver(h, a), deliver(h, b)]);
    expect(new Set([await processed(h, a.eventId), await processed(h, b.eventId)])).toEqual(new Set(['processed', 'duplicate']));
    expect(await moneyFor(h, w.org.id)).toHaveLength(1);
  });
});

describe('Out of order and unknown', () => {
  it('a refund that cannot be placed yet is retried with backoff, and placed once its payment is in', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { priceCents: 20_000 });
    const link = (await w.api<CheckoutLink>(`/clients/${w.client.id}/checkout-links`, { body: { packageTypeId: w.type.id } })).body;
    const paid = await stripeControl<{ deliveries: Delivery[]; chargeId: string; paymentIntentId: string }>(
      `checkout/${link.checkoutSessionId}/pay`,
      { deliver: false },
    );
    // A charge without our metadata (e.g. refunded from the dashboard of an older integration).
    const bare = await stripeEvent('charge.refunded', {
      id: `ch_bare_${crypto.randomUUID().slice(0, 8)}`,
      object: 'charge',
      amount: 20_000,
      amount_refunded: 5_000,
      currency: 'usd',
      payment_intent: paid.paymentIntentId,
      metadata: {},
    });
    await deliver(h, bare);
    const row = (await storedEvent(h, bare.eventId))!;
    const first = await runStripeMessage(row.id, 1);
    expect(first.explicitAcks).toHaveLength(0);
    expect(first.retryMessages).toHaveLength(1);
    expect((await storedEvent(h, bare.eventId))!.processedAt).toBeNull();

    await deliver(h, paid.deliveries[2]!);
    expect(await processed(h, paid.deliveries[2]!.eventId)).toBe('processed');
    const second = await runStripeMessage(row.id, 2);
    expect(second.retryMessages).toHaveLength(0);
    expect(await processed(h, bare.eventId)).toBe('processed');
    const refund = (await moneyFor(h, w.org.id)).find((m) => m.kind === 'refund');
    expect(refund).toMatchObject({ amountCents: 5_000, clientId: w.client.id, packageTypeId: w.type.id });
  });

  it('gives up on a never-placeable event after the last attempt, marked unresolved', async () => {
    const h = Harness.init();
    const bare = await stripeEvent('charge.refunded', {
      id: `ch_lost_${crypto.randomUUID().slice(0, 8)}`,
      object: 'charge',
      amount: 900,
      amount_refunded: 900,
      currency: 'usd',
      payment_intent: 'pi_nobody_knows',
      metadata: {},
    });
    await deliver(h, bare);
    const row = (await storedEvent(h, bare.eventId))!;
    const last = await runStripeMessage(row.id, MAX_ATTEMPTS);
    expect(last.retryMessages).toHaveLength(0);
    expect(await processed(h, bare.eventId)).toBe('unresolved');
  });

  it('acknowledges events for unknown orgs (unresolved) and types nobody handles (ignored)', async () => {
    const h = Harness.init();
    const w = await coachWorld(h);
    const ghost = await stripeEvent('checkout.session.completed', {
      id: `cs_test_${crypto.randomUUID().replace(/-/g, '')}`,
      object: 'checkout.session',
      mode: 'payment',
      payment_status: 'paid',
      amount_total: 5000,
      currency: 'usd',
      metadata: { orgId: crypto.randomUUID(), clientId: w.client.id, packageTypeId: w.type.id },
    });
    const other = await stripeEvent('customer.created', { object: 'customer', email: null });
    for (const d of [ghost, other]) expect((await deliver(h, d)).status).toBe(200);
    expect(await processed(h, ghost.eventId)).toBe('unresolved');
    expect(await processed(h, other.eventId)).toBe('ignored');
    expect(
      await h.db
        .select()
        .from(clientPackages)
        .where(and(eq(clientPackages.clientId, w.client.id))),
    ).toHaveLength(0);
  });

  it('the 5-minute sweep re-queues an event whose queue message was lost', async () => {
    const { createExecutionContext, createScheduledController, env, waitOnExecutionContext } = await import('cloudflare:test');
    const worker = (await import('../../index')).default;
    const h = Harness.init();
    const w = await coachWorld(h);
    const d = await stripeEvent('invoice.paid', invoice(w.org, w.client, { amount_paid: 4_200 }));
    // Stored (as the webhook would) but never queued, 20 minutes ago.
    const event = JSON.parse(d.payload);
    await h.db.insert(stripeEvents).values({
      stripeEventId: event.id,
      type: event.type,
      created: new Date(event.created * 1000),
      payload: event,
      receivedAt: new Date(Date.now() - 20 * 60_000),
    });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: new Date(), cron: '*/5 * * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await processed(h, d.eventId)).toBe('processed');
    expect((await moneyFor(h, w.org.id)).map((m) => m.amountCents)).toEqual([4_200]);
  });

  it('drops a message of an unknown kind instead of retrying it', async () => {
    const { createExecutionContext, createMessageBatch, env, getQueueResult } = await import('cloudflare:test');
    const worker = (await import('../../index')).default;
    const batch = createMessageBatch('cadence-webhooks', [
      { id: 'odd', timestamp: new Date(), attempts: 1, body: { kind: 'carrier-pigeon', eventId: crypto.randomUUID() } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const r = await getQueueResult(batch, ctx);
    expect(r.explicitAcks).toEqual(['odd']);
  });
});
