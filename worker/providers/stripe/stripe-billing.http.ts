import type Stripe from 'stripe';
import type { Billing, InvoiceSummary, SubscriptionSnapshot } from './stripe-billing';
import { asPaymentsError, stripeSdk } from './stripe.http';
import type { StripeConfig } from './stripe.http';

const date = (unix: number | null | undefined) => (unix ? new Date(unix * 1000) : null);

/** Stripe Billing through the official SDK (same client setup as coach payments). */
export class StripeBilling implements Billing {
  private readonly stripe: Stripe;
  /** Price ids by lookup key, per isolate: prices are immutable in Stripe (a new price gets a new id). */
  private readonly priceIds = new Map<string, string>();

  constructor(config: Pick<StripeConfig, 'secretKey' | 'apiUrl'>) {
    this.stripe = stripeSdk(config);
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw asPaymentsError(err);
    }
  }

  private async priceId(lookupKey: string): Promise<string> {
    const known = this.priceIds.get(lookupKey);
    if (known) return known;
    const prices = await this.call(() => this.stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 }));
    const id = prices.data[0]?.id;
    if (!id) throw asPaymentsError(new Error(`no active price for ${lookupKey}`));
    this.priceIds.set(lookupKey, id);
    return id;
  }

  createCustomer(req: Parameters<Billing['createCustomer']>[0]): Promise<string> {
    return this.call(async () => {
      const customer = await this.stripe.customers.create(
        { name: req.name, metadata: req.metadata, ...(req.email ? { email: req.email } : {}) },
        { idempotencyKey: req.idempotencyKey },
      );
      return customer.id;
    });
  }

  listSubscriptions(customerId: string): Promise<SubscriptionSnapshot[]> {
    return this.call(async () => {
      const out: SubscriptionSnapshot[] = [];
      // A customer has a handful of subscriptions at most; the SDK's auto-pagination reads them all.
      for await (const sub of this.stripe.subscriptions.list({
        customer: customerId,
        status: 'all',
        limit: 100,
        expand: ['data.items.data.price', 'data.customer'],
      }))
        out.push(snapshot(sub));
      return out;
    });
  }

  async createSubscriptionCheckout(req: Parameters<Billing['createSubscriptionCheckout']>[0]) {
    const price = await this.priceId(req.lookupKey);
    return this.call(async () => {
      const session = await this.stripe.checkout.sessions.create(
        {
          mode: 'subscription',
          customer: req.customerId,
          line_items: [{ price, quantity: 1 }],
          metadata: req.metadata,
          subscription_data: { metadata: req.metadata },
          success_url: req.successUrl,
          cancel_url: req.cancelUrl,
        },
        { idempotencyKey: req.idempotencyKey },
      );
      return { id: session.id, url: session.url ?? '' };
    });
  }

  checkoutCustomer(sessionId: string): Promise<string | null> {
    return this.call(async () => {
      const session = await this.stripe.checkout.sessions.retrieve(sessionId);
      return typeof session.customer === 'string' ? session.customer : (session.customer?.id ?? null);
    });
  }

  async createCardlessTrial(req: Parameters<Billing['createCardlessTrial']>[0]): Promise<SubscriptionSnapshot> {
    const price = await this.priceId(req.lookupKey);
    return this.call(async () =>
      snapshot(
        await this.stripe.subscriptions.create(
          {
            customer: req.customerId,
            items: [{ price }],
            trial_period_days: req.trialDays,
            trial_settings: { end_behavior: { missing_payment_method: 'cancel' } },
            payment_settings: { save_default_payment_method: 'on_subscription' },
            metadata: req.metadata,
            expand: ['items.data.price'],
          },
          { idempotencyKey: req.idempotencyKey },
        ),
      ),
    );
  }

  createPortalSession(req: { customerId: string; returnUrl: string }): Promise<string> {
    return this.call(
      async () => (await this.stripe.billingPortal.sessions.create({ customer: req.customerId, return_url: req.returnUrl })).url,
    );
  }

  listInvoices(customerId: string, limit: number): Promise<InvoiceSummary[]> {
    return this.call(async () => {
      const list = await this.stripe.invoices.list({ customer: customerId, limit });
      return list.data.map((i) => ({
        id: i.id ?? '',
        number: i.number,
        status: i.status,
        amountDueCents: i.amount_due,
        amountPaidCents: i.amount_paid,
        currency: i.currency,
        created: new Date(i.created * 1000),
        periodStart: date(i.period_start),
        periodEnd: date(i.period_end),
        hostedInvoiceUrl: i.hosted_invoice_url ?? null,
      }));
    });
  }

  cancelSubscriptionNow(subscriptionId: string): Promise<void> {
    return this.call(async () => {
      await this.stripe.subscriptions.cancel(subscriptionId, { invoice_now: false, prorate: false });
    });
  }

  anonymiseCustomer(customerId: string): Promise<void> {
    return this.call(async () => {
      // Empty strings unset fields in Stripe's API; `metadata: ''` drops every key.
      await this.stripe.customers.update(customerId, { name: 'Deleted account', email: '', phone: '', description: '', metadata: '' });
    });
  }

  listPrices(lookupKeys: string[]) {
    return this.call(async () => {
      const list = await this.stripe.prices.list({ lookup_keys: lookupKeys, active: true, limit: 100 });
      return list.data.map((p) => ({
        lookupKey: p.lookup_key ?? '',
        unitAmount: p.unit_amount,
        currency: p.currency,
        interval: p.recurring?.interval ?? null,
      }));
    });
  }
}

function snapshot(sub: Stripe.Subscription): SubscriptionSnapshot {
  const item = sub.items.data[0];
  const price = item?.price;
  return {
    id: sub.id,
    customerId: typeof sub.customer === 'string' ? sub.customer : sub.customer.id,
    status: sub.status,
    priceLookupKey: typeof price === 'object' ? (price.lookup_key ?? null) : null,
    // Periods live on the items in current API versions.
    currentPeriodEnd: date(item?.current_period_end),
    trialEnd: date(sub.trial_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    canceledAt: date(sub.canceled_at),
    // A card on the subscription, or the customer's default (what the portal's "update card" sets).
    hasPaymentMethod:
      sub.default_payment_method != null ||
      (typeof sub.customer === 'object' && !sub.customer.deleted && sub.customer.invoice_settings?.default_payment_method != null),
  };
}
