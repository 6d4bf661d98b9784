// Coach payments through the real Stripe inbox: a paid checkout link becomes a package and an income,
// and refunds arriving in any order (or racing) add up to exactly what Stripe refunded.
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { clientPackages, moneyEvents } from '../../../../db/schema';
import type { Body } from '../../../../testing/bodies';
import { Harness } from '../../../../testing/harness';
import type { ClientPackages } from '../../../../testing/scenarios';
import { coachWorld, deliver, processed, stripeControl, stripeEvent, type Delivery } from '../../../stripe-inbox/stripe.testing';
import type { CheckoutLink as CheckoutLinkSchema, MoneyEvent } from '../payments.schema';

type CheckoutLink = Body<typeof CheckoutLinkSchema>;

const moneyFor = (h: Harness, orgId: string) =>
  h.db.select().from(moneyEvents).where(eq(moneyEvents.orgId, orgId)).orderBy(moneyEvents.occurredAt, moneyEvents.id);

describe('Checkout end to end', () => {
  it('link through the SDK → sandbox pays → signed webhook → queue → package and income; a replay adds nothing', async () => {
    const h = Harness.init();
    const logged = [vi.spyOn(console, 'log'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
    const w = await coachWorld(h, { priceCents: 45_000, currency: 'eur', sessions: 8 });
    expect(
      (await w.api(`/clients/${w.client.id}`, { method: 'PATCH', body: { email: 'pat.payer@example.test', phone: '+14155550199' } }))
        .status,
    ).toBe(200);
    const link = await w.api<CheckoutLink>(`/clients/${w.client.id}/checkout-links`, { body: { packageTypeId: w.type.id } });
    expect(link.status).toBe(201);
    expect(link.body.checkoutSessionId).toMatch(/^cs_test_/);
    expect(link.body.url).toMatch(new RegExp(`/stripe/checkout/${link.body.checkoutSessionId}$`));
    expect(Date.parse(link.body.expiresAt)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    const page = await fetch(link.body.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Pay €450.00');
    expect((await h.auditFor('client', w.client.id)).map((a) => a.action)).toContain('checkout_link.created');

    const paid = await stripeControl<{ deliveries: Delivery[]; chargeId: string }>(`checkout/${link.body.checkoutSessionId}/pay`, {
      deliver: false,
    });
    expect(paid.deliveries.map((d) => d.type)).toEqual(['charge.succeeded', 'payment_intent.succeeded', 'checkout.session.completed']);
    for (const d of paid.deliveries) expect((await deliver(h, d)).status).toBe(200);
    const completed = paid.deliveries[2]!;
    expect(await processed(h, completed.eventId)).toBe('processed');
    expect(await processed(h, paid.deliveries[0]!.eventId)).toBe('ignored');

    const pkgs = (await w.api<ClientPackages>(`/clients/${w.client.id}/packages`)).body.packages;
    expect(pkgs).toHaveLength(1);
    expect(pkgs[0]).toMatchObject({ name: '10 × 60', sessionsTotal: 8, sessionsRemaining: 8, status: 'active' });
    const payments = (await w.api<{ payments: Body<typeof MoneyEvent>[] }>(`/clients/${w.client.id}/payments`)).body.payments;
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      kind: 'income',
      amountCents: 45_000,
      currency: 'eur',
      source: 'stripe',
      packageTypeId: w.type.id,
      deletable: false,
    });

    // Stripe redelivers the same event, and sends another event for the same session: nothing new.
    const replay = (await stripeControl<{ deliveries: Delivery[] }>(`events/${completed.eventId}/replay`, { deliver: false }))
      .deliveries[0]!;
    expect((await deliver(h, replay)).body.duplicate).toBe(true);
    const again = await stripeEvent('checkout.session.async_payment_succeeded', JSON.parse(completed.payload).data.object);
    await deliver(h, again);
    expect(await processed(h, again.eventId)).toBe('duplicate');
    expect(await h.db.select().from(clientPackages).where(eq(clientPackages.source, link.body.checkoutSessionId))).toHaveLength(1);
    expect(await moneyFor(h, w.org.id)).toHaveLength(1);
    // Logs carry ids only: never the client's name, email, phone, or the signature.
    const lines = logged.flatMap((spy) => spy.mock.calls.map((c) => c.join(' '))).join('\n');
    expect(lines).toContain(completed.eventId);
    for (const secret of ['pat.payer@example.test', '+14155550199', 'Pat Payer', completed.signature]) expect(lines).not.toContain(secret);
  });
});

describe('Refunds out of order', () => {
  it('a refund before its payment, then a full refund: each part counted once, a stale total adds nothing', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { priceCents: 30_000 });
    const link = (await w.api<CheckoutLink>(`/clients/${w.client.id}/checkout-links`, { body: { packageTypeId: w.type.id } })).body;
    const paid = await stripeControl<{ deliveries: Delivery[]; chargeId: string }>(`checkout/${link.checkoutSessionId}/pay`, {
      deliver: false,
    });
    const partial = (
      await stripeControl<{ deliveries: Delivery[] }>(`charges/${paid.chargeId}/refund`, { amount: 10_000, deliver: false })
    ).deliveries.find((d) => d.type === 'charge.refunded')!;
    const full = (await stripeControl<{ deliveries: Delivery[] }>(`charges/${paid.chargeId}/refund`, { deliver: false })).deliveries.find(
      (d) => d.type === 'charge.refunded',
    )!;

    // The partial refund arrives first: the charge's metadata places it.
    await deliver(h, partial);
    expect(await processed(h, partial.eventId)).toBe('processed');
    await deliver(h, paid.deliveries[2]!);
    expect(await processed(h, paid.deliveries[2]!.eventId)).toBe('processed');
    await deliver(h, full);
    expect(await processed(h, full.eventId)).toBe('processed');
    // An older delivery of the partial refund (a new event id with the old total) changes nothing.
    const stale = await stripeEvent('charge.refunded', JSON.parse(partial.payload).data.object);
    await deliver(h, stale);
    expect(await processed(h, stale.eventId)).toBe('duplicate');

    const money = await moneyFor(h, w.org.id);
    expect(money.filter((m) => m.kind === 'income').map((m) => m.amountCents)).toEqual([30_000]);
    expect(
      money
        .filter((m) => m.kind === 'refund')
        .map((m) => m.amountCents)
        .sort(),
    ).toEqual([10_000, 20_000]);
    expect(money.every((m) => m.clientId === w.client.id)).toBe(true);
  });

  it('a partial and a full refund racing each other (and their duplicates) add up to exactly the refunded total', async () => {
    const h = Harness.init();
    const w = await coachWorld(h, { priceCents: 30_000 });
    const link = (await w.api<CheckoutLink>(`/clients/${w.client.id}/checkout-links`, { body: { packageTypeId: w.type.id } })).body;
    const paid = await stripeControl<{ deliveries: Delivery[]; chargeId: string }>(`checkout/${link.checkoutSessionId}/pay`, {
      deliver: false,
    });
    await deliver(h, paid.deliveries[2]!);
    const refunded = async (amount?: number) =>
      (await stripeControl<{ deliveries: Delivery[] }>(`charges/${paid.chargeId}/refund`, { amount, deliver: false })).deliveries.find(
        (d) => d.type === 'charge.refunded',
      )!;
    const partial = await refunded(10_000);
    const rest = await refunded();
    await Promise.all([deliver(h, rest), deliver(h, partial), deliver(h, rest), deliver(h, partial)]);
    await processed(h, partial.eventId);
    await processed(h, rest.eventId);
    const refunds = (await moneyFor(h, w.org.id)).filter((m) => m.kind === 'refund');
    expect(refunds.reduce((a, m) => a + m.amountCents, 0)).toBe(30_000);
  });
});
