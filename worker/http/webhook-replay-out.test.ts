// Every webhook route of the outbound providers (Stripe, Twilio) has a replay case here, by construction: a
// route added under /webhooks/stripe or /webhooks/twilio without one fails the first test. Each case delivers
// its provider's events duplicated, concurrently and out of order, and checks the state is what one in-order
// delivery leaves, with money and counts exact. (Strava, Garmin and Polar have their own file.)
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { clientPackages, moneyEvents } from '../db/schema';
import { coachWorld as smsWorld, eventually, postWebhook, sandbox as twilio } from '../features/coach-os/sms/sms-testing';
import { coachWorld as payingWorld, deliver, processed, stripeControl, type Delivery } from '../features/stripe-inbox/stripe.testing';
import { Harness } from '../testing/harness';
import type { ClientPackages } from '../testing/scenarios';
import { ALL } from './route-table.testing';

const OUTBOUND = /^\/webhooks\/(stripe|twilio)(\/|$)/;

const inDays = (d: number, hourUtc = 17) => {
  const t = new Date(Date.now() + d * 86_400_000);
  t.setUTCHours(hourUtc, 0, 0, 0);
  return t;
};
const shuffled = <T>(xs: T[]) => [...xs].sort(() => Math.random() - 0.5);

const CASES: Record<string, () => Promise<void>> = {
  /** A package bought through Checkout: Stripe's three events, reversed, each three times at once, then a redelivery. */
  'POST /webhooks/stripe': async () => {
    const h = Harness.init();
    const w = await payingWorld(h, { priceCents: 32_000, currency: 'usd', sessions: 5 });
    const link = (
      await w.api<{ checkoutSessionId: string }>(`/clients/${w.client.id}/checkout-links`, { body: { packageTypeId: w.type.id } })
    ).body;
    const paid = await stripeControl<{ deliveries: Delivery[] }>(`checkout/${link.checkoutSessionId}/pay`, { deliver: false });
    const events = [...paid.deliveries].reverse();
    const statuses = await Promise.all(shuffled(events.flatMap((d) => [d, d, d])).map((d) => deliver(h, d).then((r) => r.status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const completed = paid.deliveries.find((d) => d.type === 'checkout.session.completed')!;
    expect(await processed(h, completed.eventId)).toBe('processed');
    const replay = (await stripeControl<{ deliveries: Delivery[] }>(`events/${completed.eventId}/replay`, { deliver: false }))
      .deliveries[0]!;
    expect((await deliver(h, replay)).status).toBe(200);

    const pkgs = (await w.api<ClientPackages>(`/clients/${w.client.id}/packages`)).body.packages;
    expect(pkgs).toHaveLength(1);
    expect(pkgs[0]).toMatchObject({ sessionsTotal: 5, sessionsRemaining: 5, status: 'active' });
    expect(await h.db.select().from(clientPackages).where(eq(clientPackages.source, link.checkoutSessionId))).toHaveLength(1);
    const money = await h.db.select().from(moneyEvents).where(eq(moneyEvents.orgId, w.org.id));
    expect(money.map((m) => [m.kind, m.amountCents])).toEqual([['income', 32_000]]);
  },

  /** A client's "Y" delivered four times at once and once more later: one stored reply, one booking confirmed. */
  'POST /webhooks/twilio/sms': async () => {
    const h = Harness.init();
    const w = await smsWorld(h);
    const ana = await w.addClient('Ana Again');
    const first = await w.book(ana.id, inDays(3));
    const second = await w.book(ana.id, inDays(6));
    await eventually(
      () => w.messages(ana.id),
      (m) => m.filter((x) => x.kind === 'confirmation' && x.status === 'sent').length === 2,
    );
    const y = await twilio.inbound(ana.phone, 'Y');
    const burst = await Promise.all(Array.from({ length: 4 }, () => postWebhook(h, y.params, y.signature)));
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect((await postWebhook(h, y.params, y.signature)).status).toBe(200);

    const status = async (id: string) =>
      ((await h.db.execute(sql`select status from bookings where id = ${id}`)).rows[0] as { status: string }).status;
    // Without once-only, the replays would have confirmed the second booking too.
    expect([await status(first.id), await status(second.id)]).toEqual(['confirmed', 'scheduled']);
    const stored = await h.db.execute(sql`select count(*)::int as n from sms_messages where provider_sid = ${y.params.MessageSid!}`);
    expect((stored.rows[0] as { n: number }).n).toBe(1);
    expect((await w.messages(ana.id)).filter((m) => m.direction === 'inbound')).toHaveLength(1);
  },
};

describe('outbound providers’ webhooks replayed', () => {
  const routes = ALL.filter((e) => OUTBOUND.test(e.path)).map((e) => e.key);

  it('every Stripe and Twilio webhook route has a replay case here', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.filter((r) => !(r in CASES))).toEqual([]);
  });

  for (const key of Object.keys(CASES)) {
    it(`${key}: duplicates, concurrency and disorder leave the state of one delivery in order`, async () => {
      expect(routes).toContain(key);
      await CASES[key]!();
    });
  }
});
