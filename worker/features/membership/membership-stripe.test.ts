// Memberships end to end through the Stripe sandbox: the app's own checkout, trial and sync routes, the
// sandbox's hosted checkout and test clocks, and every event posted to the real webhook in whatever
// order and multiplicity Stripe might use. The mirror must always end as Stripe says.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { billingCustomers, subscriptionMirror, users } from '../../db/schema';
import { localParts } from '../../lib/dates';
import { formatDay } from '../../lib/format';
import { inbox, inboxOfType, watchFanOut } from '../notifications/triggers.testing';
import type { Delivery } from '../stripe-inbox/stripe.testing';
import { deliver, processed, queuedDeliveries, sandboxStripe, stripeControl, stripeEvent } from '../stripe-inbox/stripe.testing';
import type { ErrorBody } from '../../testing/bodies';
import { Harness } from '../../testing/harness';
import type { Json } from '../../testing/scenarios';

const stripe = sandboxStripe();
const DAY = 86_400;

type Athlete = Awaited<ReturnType<Harness['signup']>>;

const membership = async (h: Harness, a: Athlete) => (await h.json<Json>('/api/v1/membership', { cookie: a.cookie })).body;

/** Posts deliveries to the webhook (all at once when `together`), then waits for each to be processed. */
async function post(h: Harness, ds: Delivery[], together = false): Promise<string[]> {
  const answers = together ? await Promise.all(ds.map((d) => deliver(h, d))) : [];
  if (!together) for (const d of ds) answers.push(await deliver(h, d));
  for (const a of answers) expect(a.status).toBe(200);
  return Promise.all([...new Set(ds.map((d) => d.eventId))].map((id) => processed(h, id)));
}

/** The athlete's Stripe customer, as the app made it. */
async function customerOf(h: Harness, a: Athlete): Promise<string> {
  const [row] = await h.db.select().from(billingCustomers).where(eq(billingCustomers.ownerId, a.user.id));
  expect(row).toBeDefined();
  return row!.stripeCustomerId;
}

/** Upgrade through the app's checkout route, on a fresh test clock, and pay on the sandbox's page. */
async function paidPro(h: Harness, opts: { tier?: 'pro' | 'elite' } = {}) {
  const a = await h.signup();
  const checkout = await h.json<{ url: string }>('/api/v1/membership/checkout', {
    body: { tier: opts.tier ?? 'pro', interval: 'month' },
    cookie: a.cookie,
  });
  expect(checkout.status).toBe(200);
  const sessionId = new URL(checkout.body.url).pathname.split('/').pop()!;
  const customer = await customerOf(h, a);
  const now = Math.floor(Date.now() / 1000);
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: now });
  await stripeControl(`customers/${customer}/test-clock`, { testClock: clock.id });
  const paid = await stripeControl<{ deliveries: Delivery[]; subscriptionId: string }>(`checkout/${sessionId}/pay`, { deliver: false });
  return { a, customer, sessionId, clock, t0: now, subscriptionId: paid.subscriptionId, events: paid.deliveries };
}

async function advance(clockId: string, to: number) {
  await stripe.testHelpers.testClocks.advance(clockId, { frozen_time: to });
  expect((await stripe.testHelpers.testClocks.retrieve(clockId)).status).toBe('ready');
}

/** The mirror must say what Stripe says about every subscription of the customer. */
async function expectMirrorMatchesStripe(h: Harness, customer: string) {
  const subs = await stripe.subscriptions.list({ customer, status: 'all', expand: ['data.items.data.price'] });
  const mirror = await h.db.select().from(subscriptionMirror).where(eq(subscriptionMirror.stripeCustomerId, customer));
  expect(mirror.map((m) => [m.stripeSubscriptionId, m.status, m.priceLookupKey, m.cancelAtPeriodEnd]).sort()).toEqual(
    subs.data
      .map((s) => [
        s.id,
        s.status,
        (s.items.data[0]?.price as { lookup_key: string | null } | undefined)?.lookup_key ?? null,
        s.cancel_at_period_end,
      ])
      .sort(),
  );
}

describe('memberships through Stripe', () => {
  it('checkout events delivered reversed and twice at once still end in Pro, and the mirror is what Stripe says', async () => {
    const h = Harness.init();
    const { a, customer, events } = await paidPro(h);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['customer.subscription.created', 'checkout.session.completed']));
    expect((await membership(h, a)).tier).toBe('free'); // nothing synced yet
    const reversed = [...events].reverse();
    const outcomes = await post(h, [...reversed, ...reversed], true);
    expect(outcomes.every((o) => o === 'processed' || o === 'ignored')).toBe(true);
    expect(await membership(h, a)).toMatchObject({
      tier: 'pro',
      source: 'subscription',
      subscription: { status: 'active', access: 'active', interval: 'month' },
    });
    await expectMirrorMatchesStripe(h, customer);
    // A replay (Stripe's redelivery of one event) changes nothing.
    const replay = await stripeControl<{ deliveries: Delivery[] }>(`events/${events[0]!.eventId}/replay`, { deliver: false });
    expect((await deliver(h, replay.deliveries[0]!)).status).toBe(200);
    expect((await membership(h, a)).tier).toBe('pro');
  });

  it('the success page syncs at once without any webhook, and only for the payer’s own session', async () => {
    const h = Harness.init();
    const { a, sessionId } = await paidPro(h);
    const other = await h.signup();
    expect((await h.json<ErrorBody>('/api/v1/membership/sync', { body: { sessionId }, cookie: other.cookie })).status).toBe(404);
    const synced = await h.json<Json>('/api/v1/membership/sync', { body: { sessionId }, cookie: a.cookie });
    expect(synced.status).toBe(200);
    expect(synced.body.tier).toBe('pro');
    // A second checkout while subscribed is refused: plan changes go through the portal.
    const again = await h.json<ErrorBody>('/api/v1/membership/checkout', { body: { tier: 'elite', interval: 'year' }, cookie: a.cookie });
    expect(again.status).toBe(409);
    const portal = await h.json<{ url: string }>('/api/v1/membership/portal', { method: 'POST', cookie: a.cookie });
    expect(portal.status).toBe(200);
    expect(portal.body.url).toContain('/portal/');
  });

  it('renewal → failed payments → past_due keeps Pro with a grace date → unpaid after the retries → Free', async () => {
    const h = Harness.init();
    const { a, customer, clock, t0, events } = await paidPro(h);
    await post(h, events);
    await advance(clock.id, t0 + 32 * DAY); // renews, paid
    await post(h, await queuedDeliveries(customer));
    expect(await membership(h, a)).toMatchObject({ tier: 'pro', pastDue: null });
    const invoices = await h.json<{ invoices: Json[] }>('/api/v1/membership/invoices', { cookie: a.cookie });
    expect(invoices.body.invoices.filter((i) => i.status === 'paid').length).toBeGreaterThanOrEqual(2);

    await stripeControl(`customers/${customer}/fail-payments`, { count: 10 });
    await advance(clock.id, t0 + 63 * DAY); // the next renewal fails
    const failing = await queuedDeliveries(customer);
    expect(failing.map((d) => d.type)).toContain('invoice.payment_failed');
    await post(h, failing);
    const pastDue = await membership(h, a);
    expect(pastDue).toMatchObject({ tier: 'pro', subscription: { status: 'past_due', access: 'past_due' } });
    expect(pastDue.pastDue.graceEndsAt).toBeTruthy();

    await advance(clock.id, t0 + 72 * DAY); // retries at +3, +5, +7 days fail: unpaid
    await post(h, await queuedDeliveries(customer));
    expect(await membership(h, a)).toMatchObject({ tier: 'free', subscription: null });
    await expectMirrorMatchesStripe(h, customer);
  });

  it('cancel at period end keeps Pro until then; a plan change to Elite applies on its event', async () => {
    const h = Harness.init();
    const { a, customer, clock, t0, subscriptionId, events } = await paidPro(h);
    await post(h, events);
    const sub = await stripe.subscriptions.retrieve(subscriptionId);
    const elite = (await stripe.prices.list({ lookup_keys: ['cadence_elite_month'] })).data[0]!;
    await stripe.subscriptions.update(subscriptionId, {
      items: [{ id: sub.items.data[0]!.id, price: elite.id }],
      proration_behavior: 'create_prorations',
    });
    await post(h, await queuedDeliveries(customer, '&type=customer.subscription.'));
    expect((await membership(h, a)).tier).toBe('elite');

    await stripe.subscriptions.update(subscriptionId, { cancel_at_period_end: true });
    await post(h, await queuedDeliveries(customer));
    expect(await membership(h, a)).toMatchObject({ tier: 'elite', subscription: { access: 'canceling', cancelAtPeriodEnd: true } });
    await advance(clock.id, t0 + 40 * DAY);
    const ended = await queuedDeliveries(customer);
    expect(ended.map((d) => d.type)).toContain('customer.subscription.deleted');
    await post(h, ended);
    expect((await membership(h, a)).tier).toBe('free');
    await expectMirrorMatchesStripe(h, customer);
  });

  it('the 7-day Pro trial needs no card, is offered once, and ends to Free without one', async () => {
    const h = Harness.init();
    const a = await h.signup();
    const trial = await h.json<Json>('/api/v1/membership/trial', { method: 'POST', cookie: a.cookie });
    expect(trial.status).toBe(200);
    expect(trial.body).toMatchObject({
      tier: 'pro',
      trialAvailable: false,
      subscription: { status: 'trialing', access: 'trialing', hasPaymentMethod: false },
    });
    const again = await h.json<ErrorBody>('/api/v1/membership/trial', { method: 'POST', cookie: a.cookie });
    expect(again.status).toBe(409);
    const customer = await customerOf(h, a);
    const now = Math.floor(Date.now() / 1000);
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: now });
    await stripeControl(`customers/${customer}/test-clock`, { testClock: clock.id });
    await queuedDeliveries(customer); // the trial's creation events: already synced by the route
    await advance(clock.id, now + 5 * DAY);
    const warned = await queuedDeliveries(customer);
    expect(warned.map((d) => d.type)).toContain('customer.subscription.trial_will_end');
    await post(h, warned);
    expect((await membership(h, a)).tier).toBe('pro');
    await advance(clock.id, now + 8 * DAY);
    await post(h, await queuedDeliveries(customer));
    expect(await membership(h, a)).toMatchObject({ tier: 'free', trialAvailable: false });
  });

  it('a stale or forged signature on a membership event is refused with 400 and changes nothing', async () => {
    const h = Harness.init();
    const { a, customer, subscriptionId } = await paidPro(h);
    await stripe.subscriptions.update(subscriptionId, { metadata: { touched: 'yes' } });
    const stale = await queuedDeliveries(customer, `&keep=1&timestamp=${Math.floor(Date.now() / 1000) - 3600}`);
    const forged = await queuedDeliveries(customer, '&secret=whsec_not_ours');
    for (const d of [...stale, ...forged]) expect((await deliver(h, d)).status).toBe(400);
    expect((await membership(h, a)).tier).toBe('free');
  });

  it('operators see figures, recent events with outcomes and an org’s plan, and resync — with billing.manage only', async () => {
    const h = Harness.init();
    const { a, customer, events } = await paidPro(h);
    await post(h, events);
    const ops = await h.userWithRole('admin', ['billing.manage']);
    const plain = await h.userWithRole('admin');
    for (const path of ['/api/v1/admin/billing/figures', '/api/v1/admin/billing/events'])
      expect((await h.json(path, { cookie: plain.cookie })).status).toBe(403);
    const figures = await h.json<Json>('/api/v1/admin/billing/figures', { cookie: ops.cookie });
    expect(figures.status).toBe(200);
    expect(figures.body.subscribers.pro).toBeGreaterThanOrEqual(1);
    expect(figures.body.mrrCents).toBeGreaterThanOrEqual(1200);
    const recent = await h.json<{ events: Json[] }>('/api/v1/admin/billing/events', { cookie: ops.cookie });
    const mine = recent.body.events.filter((e) => events.some((d) => d.eventId === e.stripeEventId));
    expect(mine.length).toBe(new Set(events.map((e) => e.eventId)).size);
    expect(mine.every((e) => e.processedAt && e.outcome)).toBe(true);
    const resync = await h.json<Json>(`/api/v1/admin/users/${a.user.id}/membership/resync`, { method: 'POST', cookie: ops.cookie });
    expect(resync.status).toBe(200);
    expect(resync.body.tier).toBe('pro');
    expect((await h.auditFor('user', a.user.id)).map((x) => x.action)).toContain('membership.resynced');
    await expectMirrorMatchesStripe(h, customer);
    const noOrg = await h.json(`/api/v1/admin/orgs/${crypto.randomUUID()}/membership/resync`, { method: 'POST', cookie: ops.cookie });
    expect(noOrg.status).toBe(404);
  });
});

describe('billing notifications through Stripe', () => {
  const ZONE = 'Pacific/Auckland';
  const inZone = async (h: Harness, a: Athlete) => h.db.update(users).set({ timeZone: ZONE }).where(eq(users.id, a.user.id));

  it('a trial about to end is told once, with its end date in the athlete’s zone', async () => {
    const h = Harness.init();
    const a = await h.signup();
    await inZone(h, a);
    const fanOut = watchFanOut();
    expect((await h.json('/api/v1/membership/trial', { method: 'POST', cookie: a.cookie })).status).toBe(200);
    const customer = await customerOf(h, a);
    const now = Math.floor(Date.now() / 1000);
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: now });
    await stripeControl(`customers/${customer}/test-clock`, { testClock: clock.id });
    await queuedDeliveries(customer);
    await advance(clock.id, now + 5 * DAY);
    const warned = (await queuedDeliveries(customer)).filter((d) => d.type === 'customer.subscription.trial_will_end');
    expect(warned).toHaveLength(1);
    await post(h, [warned[0]!, warned[0]!]);

    const [sub] = (await stripe.subscriptions.list({ customer })).data;
    const endsOn = localParts(new Date(sub!.trial_end! * 1000), ZONE).date;
    const [n] = await inboxOfType(h, a.cookie, 'billing.trial_ending');
    expect(n).toMatchObject({
      type: 'billing.trial_ending',
      title: `Your Pro trial ends on ${formatDay(endsOn)}`,
      link: '/settings/membership',
      data: { tierName: 'Pro', endsOn },
    });
    // Another event about the same trial end (Stripe may send one again) is the same reminder: nothing new.
    // (The subscription as Stripe has it: the sandbox stores an event's object as sent.)
    const again = await stripeEvent(
      'customer.subscription.trial_will_end',
      (await stripe.subscriptions.retrieve(sub!.id)) as unknown as Json,
    );
    await post(h, [again]);
    expect(await fanOut.handled(a.user.id, 2)).toEqual({ total: 2, duplicates: 1 });
    expect(await inbox(h, a.cookie, 'billing.trial_ending')).toHaveLength(1);
  });

  it('each failed attempt at an invoice is told once, linking to that invoice, with the grace date in the athlete’s zone', async () => {
    const h = Harness.init();
    const { a, customer, clock, t0, events } = await paidPro(h);
    await inZone(h, a);
    await post(h, events);
    const fanOut = watchFanOut();
    await stripeControl(`customers/${customer}/fail-payments`, { count: 10 });
    await advance(clock.id, t0 + 32 * DAY); // the renewal's charge fails
    const failing = (await queuedDeliveries(customer)).filter((d) => d.type === 'invoice.payment_failed');
    expect(failing).toHaveLength(1);
    await post(h, [failing[0]!, failing[0]!], true);

    const pastDue = await membership(h, a);
    const graceEndsOn = localParts(new Date(pastDue.pastDue.graceEndsAt), ZONE).date;
    const invoice = JSON.parse(failing[0]!.payload).data.object as Json;
    const [n] = await inboxOfType(h, a.cookie, 'billing.payment_failed');
    expect(n).toMatchObject({
      type: 'billing.payment_failed',
      title: 'Your Pro payment failed',
      body: `We could not take 12.00 USD. Update your card before ${formatDay(graceEndsOn)} to keep Pro.`,
      link: `/settings/membership#invoice-${invoice.id}`,
      data: { tierName: 'Pro', amountMinor: 1200, currency: 'usd', graceEndsOn, invoiceId: invoice.id },
    });
    // The same attempt told again in another event changes nothing…
    await post(h, [await stripeEvent('invoice.payment_failed', (await stripe.invoices.retrieve(invoice.id)) as unknown as Json)]);
    expect(await fanOut.handled(a.user.id, 2)).toEqual({ total: 2, duplicates: 1 });
    // …the next attempt is news.
    await advance(clock.id, t0 + 36 * DAY);
    await post(
      h,
      (await queuedDeliveries(customer)).filter((d) => d.type === 'invoice.payment_failed'),
    );
    const told = await inboxOfType(h, a.cookie, 'billing.payment_failed', 2);
    expect(told).toHaveLength(2);
    expect(await fanOut.handled(a.user.id, 3)).toEqual({ total: 3, duplicates: 1 });

    // The link lands on the invoice's row on the membership page.
    const page = await h.call('/settings/membership', { cookie: a.cookie });
    expect(await page.text()).toContain(`id="invoice-${invoice.id}"`);
  });
});
