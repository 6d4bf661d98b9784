// The Stripe sandbox's Billing half, driven through the official SDK exactly as the app's membership
// code will call it (fetch client, sandbox host/port, the /stripe path in front): catalog by lookup
// key, subscription checkout, trials, test clocks, failed renewals and retries, cancellation, the
// customer portal with proration, and signed events fetched from the delivery queue.
import { env } from 'cloudflare:test';
import Stripe from 'stripe';
import { describe, expect, inject, it } from 'vitest';
import { queuedDeliveries, sandboxStripe, stripeControl, type Delivery, type Json } from './stripe.testing';

const DAY = 86_400;
const secret = (env as { STRIPE_WEBHOOK_SECRET?: string }).STRIPE_WEBHOOK_SECRET ?? 'whsec_sandbox_dev_only';

const stripe = sandboxStripe();
const crypto = Stripe.createSubtleCryptoProvider();

const deliveries = (customer: string) => queuedDeliveries(customer);

/** Every delivery verified as the app's webhook would verify it. */
async function verified(ds: Pick<Delivery, 'payload' | 'signature'>[]): Promise<Stripe.Event[]> {
  return Promise.all(ds.map((d) => stripe.webhooks.constructEventAsync(d.payload, d.signature, secret, undefined, crypto)));
}

/** Event types in order, space-separated (easy to compare with Stripe's documented sequences). */
const types = (events: { type: string }[]) => events.map((e) => e.type).join(' ');
const INVOICE_PAID = 'invoice.created invoice.finalized invoice.paid invoice.payment_succeeded';

async function catalog() {
  const prices = await stripe.prices.list({ lookup_keys: ['cadence_pro_month', 'cadence_elite_month', 'cadence_pro_year'] });
  const by = (k: string) => prices.data.find((p) => p.lookup_key === k)!;
  return { pro: by('cadence_pro_month'), elite: by('cadence_elite_month'), proYear: by('cadence_pro_year') };
}

/** A customer created the way the app creates one, then put on a fresh test clock by the control API. */
async function clockedCustomer(extra: Stripe.CustomerCreateParams = {}) {
  const now = Math.floor(Date.now() / 1000);
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: now, name: 'billing test' });
  const customer = await stripe.customers.create({ email: `athlete-${now}@example.com`, metadata: { userId: 'u_test' }, ...extra });
  await stripeControl(`customers/${customer.id}/test-clock`, { testClock: clock.id });
  return { clock, customer, t0: now };
}

/** Advances and waits for the clock to be ready, as with real Stripe. */
async function advance(clockId: string, to: number) {
  const answer = await stripe.testHelpers.testClocks.advance(clockId, { frozen_time: to });
  expect(answer.status).toBe('advancing');
  const clock = await stripe.testHelpers.testClocks.retrieve(clockId);
  expect(clock).toMatchObject({ status: 'ready', frozen_time: to });
}

describe('Stripe sandbox: Billing through the SDK', () => {
  it('seeds the membership catalog, found by lookup_keys, with products expanded', async () => {
    const all = await stripe.prices.list({
      lookup_keys: [
        'cadence_pro_month',
        'cadence_pro_year',
        'cadence_elite_month',
        'cadence_elite_year',
        'cadence_team_month',
        'cadence_team_year',
      ],
      active: true,
      expand: ['data.product'],
      limit: 100,
    });
    const got = Object.fromEntries(
      all.data.map((p) => [
        p.lookup_key,
        [p.unit_amount, p.currency, p.recurring?.interval, (p.product as Stripe.Product).name, p.metadata.tier],
      ]),
    );
    expect(got).toEqual({
      cadence_pro_month: [1200, 'usd', 'month', 'Cadence Pro', 'pro'],
      cadence_pro_year: [12000, 'usd', 'year', 'Cadence Pro', 'pro'],
      cadence_elite_month: [2400, 'usd', 'month', 'Cadence Elite', 'elite'],
      cadence_elite_year: [24000, 'usd', 'year', 'Cadence Elite', 'elite'],
      cadence_team_month: [4900, 'usd', 'month', 'Cadence Team', 'team'],
      cadence_team_year: [49000, 'usd', 'year', 'Cadence Team', 'team'],
    });
    expect(all).toMatchObject({ object: 'list', has_more: false, url: '/v1/prices' });
    const product = all.data[0]!.product as Stripe.Product;
    expect(await stripe.products.retrieve(product.id)).toMatchObject({ object: 'product', metadata: { tier: product.metadata.tier } });
    await expect(stripe.prices.retrieve('price_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('subscription checkout paid on the hosted page: active, first invoice paid, signed events in Stripe’s order', async () => {
    const { pro } = await catalog();
    const customer = await stripe.customers.create({ email: 'checkout@example.com', metadata: { userId: 'u_1' } });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      line_items: [{ price: pro.id, quantity: 1 }],
      subscription_data: { metadata: { userId: 'u_1', tier: 'pro' } },
      metadata: { userId: 'u_1' },
      client_reference_id: 'u_1',
      success_url: 'http://cadence.test/billing/done?session={CHECKOUT_SESSION_ID}',
      cancel_url: 'http://cadence.test/billing',
    });
    expect(session).toMatchObject({ mode: 'subscription', status: 'open', amount_total: 1200, subscription: null });
    const pageHtml = await (await fetch(session.url!)).text();
    expect(pageHtml).toContain('Cadence Pro');
    expect(pageHtml).toContain('4000 0000 0000 0341');

    const paid = await fetch(`${session.url}/pay`, {
      method: 'POST',
      body: new URLSearchParams({ card: '4242 4242 4242 4242' }),
      redirect: 'manual',
    });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://cadence.test/billing/done?session=${session.id}`);

    const done = await stripe.checkout.sessions.retrieve(session.id);
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', mode: 'subscription', customer: customer.id });
    const subs = await stripe.subscriptions.list({
      customer: customer.id,
      status: 'all',
      expand: ['data.items.data.price', 'data.default_payment_method'],
    });
    const sub = subs.data[0]!;
    expect(sub.id).toBe(done.subscription);
    expect(sub).toMatchObject({
      status: 'active',
      customer: customer.id,
      metadata: { userId: 'u_1', tier: 'pro' },
      cancel_at_period_end: false,
    });
    expect(sub.items.data[0]!.price.lookup_key).toBe('cadence_pro_month');
    expect((sub.default_payment_method as Stripe.PaymentMethod).card?.last4).toBe('4242');
    const invoices = await stripe.invoices.list({ customer: customer.id });
    expect(invoices.data).toHaveLength(1);
    expect(invoices.data[0]).toMatchObject({
      status: 'paid',
      amount_paid: 1200,
      billing_reason: 'subscription_create',
      parent: { subscription_details: { subscription: sub.id } },
    });

    const events = await verified(await deliveries(customer.id));
    expect(types(events)).toBe(
      `customer.created payment_method.attached customer.updated customer.subscription.created ${INVOICE_PAID} customer.subscription.updated checkout.session.completed`,
    );
    const completed = events.at(-1)!.data.object as Stripe.Checkout.Session;
    expect(completed).toMatchObject({ subscription: sub.id, mode: 'subscription', customer: customer.id, client_reference_id: 'u_1' });
    // Created as incomplete, then updated to active: the order webhook consumers must survive.
    const created = events.find((e) => e.type === 'customer.subscription.created')!;
    const updated = events.find((e) => e.type === 'customer.subscription.updated')!;
    expect((created.data.object as Stripe.Subscription).status).toBe('incomplete');
    expect(updated.data).toMatchObject({ object: { status: 'active' }, previous_attributes: { status: 'incomplete' } });
    expect(await deliveries(customer.id)).toEqual([]);

    // Redelivery, duplicated and reversed, still verifies.
    const again = await stripeControl<{ deliveries: Delivery[] }>('redeliver', {
      eventIds: [created.id, updated.id],
      duplicate: true,
      order: 'reverse',
      deliver: false,
    });
    expect(types(await verified(again.deliveries))).toBe(
      'customer.subscription.updated customer.subscription.created customer.subscription.updated customer.subscription.created',
    );
  });

  it('a trial without a card is canceled when the clock passes its end', async () => {
    const { pro } = await catalog();
    const { clock, customer, t0 } = await clockedCustomer();
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: pro.id }],
      trial_period_days: 14,
      trial_settings: { end_behavior: { missing_payment_method: 'cancel' } },
      metadata: { userId: 'u_test' },
    });
    expect(sub).toMatchObject({
      status: 'trialing',
      default_payment_method: null,
      trial_start: t0,
      trial_end: t0 + 14 * DAY,
      test_clock: clock.id,
    });
    expect(sub.items.data[0]!.current_period_end).toBe(t0 + 14 * DAY);

    await advance(clock.id, t0 + 12 * DAY);
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('trialing');
    await advance(clock.id, t0 + 15 * DAY);
    const ended = await stripe.subscriptions.retrieve(sub.id);
    expect(ended).toMatchObject({ status: 'canceled', ended_at: t0 + 14 * DAY, canceled_at: t0 + 14 * DAY });
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toEqual([]);

    const events = await verified(await deliveries(customer.id));
    expect(types(events)).toBe(
      `customer.created customer.subscription.created ${INVOICE_PAID} customer.subscription.trial_will_end customer.subscription.deleted`,
    );
    expect(events.find((e) => e.type === 'customer.subscription.trial_will_end')!.created).toBe(t0 + 11 * DAY);
  });

  it('a trial started at checkout with a card becomes active and is charged at its end; a 0341 card goes past_due', async () => {
    const { elite } = await catalog();
    for (const [card, status, paid] of [
      ['4242 4242 4242 4242', 'active', 2400],
      ['4000 0000 0000 0341', 'past_due', 0],
    ] as const) {
      const { clock, customer, t0 } = await clockedCustomer();
      const session = await stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: customer.id,
        line_items: [{ price: elite.id }],
        subscription_data: { trial_period_days: 7 },
        success_url: 'http://cadence.test/billing/done',
        cancel_url: 'http://cadence.test/billing',
      });
      expect(session.amount_total).toBe(0);
      const pay = await stripeControl<Json>(`checkout/${session.id}/pay`, { card, deliver: false });
      expect(types(await verified(pay.deliveries))).toContain('checkout.session.completed');
      const sub = await stripe.subscriptions.retrieve(pay.subscriptionId);
      expect(sub.status).toBe('trialing');

      await advance(clock.id, t0 + 8 * DAY);
      const after = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
      expect(after.status).toBe(status);
      expect(after.items.data[0]).toMatchObject({ current_period_start: t0 + 7 * DAY });
      expect(after.items.data[0]!.current_period_end).toBeGreaterThan(t0 + 34 * DAY);
      expect(after.latest_invoice).toMatchObject({ billing_reason: 'subscription_cycle', amount_paid: paid, amount_due: 2400 });
      const events = types(await verified(await deliveries(customer.id)));
      expect(events).toContain(status === 'active' ? 'invoice.paid' : 'invoice.payment_failed');
    }
  });

  it('failing renewals: past_due, retried at +3, +5 and +7 days, then unpaid', async () => {
    const { pro } = await catalog();
    const { clock, customer, t0 } = await clockedCustomer({
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro.id }] });
    expect(sub.status).toBe('active');
    const end = sub.items.data[0]!.current_period_end;
    await stripeControl(`customers/${customer.id}/fail-payments`, { count: 4 });
    await deliveries(customer.id);

    await advance(clock.id, end + 3600);
    let now = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    let inv = now.latest_invoice as Stripe.Invoice;
    expect(now.status).toBe('past_due');
    expect(inv).toMatchObject({
      status: 'open',
      attempt_count: 1,
      next_payment_attempt: end + 3 * DAY,
      billing_reason: 'subscription_cycle',
    });
    expect(now.items.data[0]!.current_period_start).toBe(end);

    for (const [day, attempts] of [
      [3, 2],
      [5, 3],
    ] as const) {
      await advance(clock.id, end + day * DAY + 60);
      now = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
      inv = now.latest_invoice as Stripe.Invoice;
      expect([now.status, inv.attempt_count]).toEqual(['past_due', attempts]);
    }
    await advance(clock.id, end + 7 * DAY + 60);
    now = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    inv = now.latest_invoice as Stripe.Invoice;
    expect(now.status).toBe('unpaid');
    expect(inv).toMatchObject({ status: 'open', attempt_count: 4, next_payment_attempt: null });

    const events = await verified(await deliveries(customer.id));
    expect(events.filter((e) => e.type === 'invoice.payment_failed')).toHaveLength(4);
    const statuses = events
      .filter((e) => e.type === 'customer.subscription.updated' && 'status' in (e.data.previous_attributes ?? {}))
      .map((e) => [(e.data.previous_attributes as Json).status, (e.data.object as Stripe.Subscription).status]);
    expect(statuses).toEqual([
      ['active', 'past_due'],
      ['past_due', 'unpaid'],
    ]);
    expect(events.every((e) => e.created >= t0)).toBe(true);
  });

  it('cancel_at_period_end, undone and set again, cancels when the period ends', async () => {
    const { pro } = await catalog();
    const { clock, customer } = await clockedCustomer({
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro.id }] });
    const end = sub.items.data[0]!.current_period_end;
    expect(await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true })).toMatchObject({
      cancel_at_period_end: true,
      cancel_at: end,
    });
    expect(await stripe.subscriptions.update(sub.id, { cancel_at_period_end: false })).toMatchObject({
      cancel_at_period_end: false,
      cancel_at: null,
    });
    await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    await deliveries(customer.id);

    await advance(clock.id, end + DAY);
    expect(await stripe.subscriptions.retrieve(sub.id)).toMatchObject({ status: 'canceled', ended_at: end });
    expect(types(await verified(await deliveries(customer.id)))).toBe('customer.subscription.deleted');
    expect((await stripe.invoices.list({ customer: customer.id })).data).toHaveLength(1);
  });

  it('customer portal: shows the plan, previews the proration and switches plans with an invoice for the net', async () => {
    const { pro, elite } = await catalog();
    const { clock, customer, t0 } = await clockedCustomer({
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: pro.id }] });
    const { current_period_start: start, current_period_end: end } = sub.items.data[0]!;
    await advance(clock.id, t0 + 10 * DAY);
    await deliveries(customer.id);

    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'http://cadence.test/account' });
    expect(portal).toMatchObject({ object: 'billing_portal.session', customer: customer.id, return_url: 'http://cadence.test/account' });
    const home = await (await fetch(portal.url)).text();
    expect(home).toContain('Cadence Pro');
    expect(home).toContain('active');
    expect(home).toContain('href="http://cadence.test/account"');

    const fraction = (end - (t0 + 10 * DAY)) / (end - start);
    const credit = -Math.round(1200 * fraction);
    const charge = Math.round(2400 * fraction);
    const usd = (c: number) => `${c < 0 ? '-' : ''}$${(Math.abs(c) / 100).toFixed(2)}`;
    const preview = await (await fetch(`${portal.url}/subscriptions/${sub.id}/change?price=${elite.id}`)).text();
    for (const figure of [credit, charge, credit + charge]) expect(preview).toContain(usd(figure));

    const switched = await fetch(`${portal.url}/subscriptions/${sub.id}/change`, {
      method: 'POST',
      body: new URLSearchParams({ price: elite.id }),
      redirect: 'manual',
    });
    expect(switched.status).toBe(303);
    const now = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(now.items.data[0]!.price.id).toBe(elite.id);
    expect(now.items.data[0]!.current_period_end).toBe(end);
    const inv = now.latest_invoice as Stripe.Invoice;
    expect(inv).toMatchObject({ billing_reason: 'subscription_update', status: 'paid', amount_paid: credit + charge });
    expect(inv.lines.data.map((l) => l.amount)).toEqual([credit, charge]);

    const events = await verified(await deliveries(customer.id));
    expect(types(events)).toBe(`${INVOICE_PAID} customer.subscription.updated`);
    const prev = events.at(-1)!.data.previous_attributes as { items: Stripe.ApiList<Stripe.SubscriptionItem> };
    expect(prev.items.data[0]!.price.id).toBe(pro.id);

    // Cancel at period end from the portal, then undo it.
    await fetch(`${portal.url}/subscriptions/${sub.id}/cancel`, { method: 'POST', redirect: 'manual' });
    expect((await stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(true);
    await fetch(`${portal.url}/subscriptions/${sub.id}/renew`, { method: 'POST', redirect: 'manual' });
    expect((await stripe.subscriptions.retrieve(sub.id)).cancel_at_period_end).toBe(false);
    expect(types(await deliveries(customer.id))).toBe('customer.subscription.updated customer.subscription.updated');
  });
});
