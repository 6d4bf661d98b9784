// In-memory Stripe: checkout sessions, payment intents, charges, refunds, the billing objects
// (products, prices, customers, payment methods, subscriptions, invoices, test clocks) and events,
// shaped like Stripe's objects (ids with their prefixes, `object`, `livemode: false`, `created`).
import { randomBytes } from 'node:crypto';
import { signPayload } from './signing.ts';

export const API_VERSION = '2026-10-28.endive';
export type StripeObject = Record<string, unknown> & { id: string; object: string };

export interface StripeConfig {
  /** Where signed events are POSTed (set by scripts/lib/stack.ts to the app's /webhooks/stripe). */
  webhookUrl: string | null;
  /** The endpoint's signing secret; must equal the worker's STRIPE_WEBHOOK_SECRET. */
  webhookSecret: string;
  /** false: events from /v1 calls and the hosted pages are only queued (GET _control/deliveries), not POSTed. */
  autoDeliver: boolean;
  /** Products and recurring prices seeded at start and after reset (default: Cadence's membership plans). */
  catalog: CatalogEntry[];
  /** Days after a renewal's first failed charge on which Stripe retries it (Smart Retries stand-in). */
  retryDays: number[];
  /** What a subscription becomes when the last retry fails (Stripe's "manage failed payments" setting). */
  afterRetries: 'unpaid' | 'canceled';
  /** How the hosted portal bills a plan switch (a portal configuration's subscription_update.proration_behavior). */
  portalProrationBehavior: 'create_prorations' | 'always_invoice' | 'none';
}

/** One product/price pair of the seeded catalog. */
export interface CatalogEntry {
  lookupKey: string;
  product: string;
  tier: string;
  interval: 'day' | 'week' | 'month' | 'year';
  unitAmount: number;
  currency?: string;
}

const plan = (tier: string, product: string, interval: 'month' | 'year', unitAmount: number): CatalogEntry => ({
  lookupKey: `cadence_${tier}_${interval}`,
  product,
  tier,
  interval,
  unitAmount,
});

export const DEFAULT_CATALOG: CatalogEntry[] = [
  plan('pro', 'Cadence Pro', 'month', 1200),
  plan('pro', 'Cadence Pro', 'year', 12000),
  plan('elite', 'Cadence Elite', 'month', 2400),
  plan('elite', 'Cadence Elite', 'year', 24000),
  plan('team', 'Cadence Team', 'month', 4900),
  plan('team', 'Cadence Team', 'year', 49000),
];

export interface Delivery {
  eventId: string;
  type: string;
  payload: string;
  signature: string;
  /** HTTP status of the POST to the app; absent when not delivered. */
  status?: number;
  error?: string;
}

export interface SignOptions {
  /** Unix seconds to sign with (a stale one tests the tolerance). */
  timestamp?: number;
  /** Sign with another secret (tests a bad signature). */
  secret?: string;
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
export const now = () => Math.floor(Date.now() / 1000);

export class StripeState {
  config: StripeConfig;
  readonly objects = new Map<string, StripeObject>();
  readonly events: StripeObject[] = [];
  readonly idempotency = new Map<string, { status: number; body: unknown }>();
  readonly recentDeliveries: (Omit<Delivery, 'payload' | 'signature'> & { at: string })[] = [];
  /** Events from /v1 calls and pages not yet fetched through GET _control/deliveries (oldest first). */
  readonly pending: { eventId: string; customer: string | null }[] = [];
  /** Customer id → how many of its next charges fail (POST _control/customers/{id}/fail-payments). */
  readonly failPayments = new Map<string, number>();
  /** Webhook POSTs from /v1 calls run one after another, after the answer (as Stripe's do). */
  deliveryChain: Promise<unknown> = Promise.resolve();
  /** Re-seeds the catalog after reset (set by index.ts; catalog.ts depends on this module, not the reverse). */
  onReset: () => void = () => {};
  /** `http://host:port` of the latest request, for hosted page URLs made while a clock advances. */
  baseUrl = 'http://127.0.0.1';
  private collector: StripeObject[] | null = null;

  constructor(config: Partial<StripeConfig> = {}) {
    this.config = {
      webhookUrl: null,
      webhookSecret: 'whsec_sandbox_dev_only',
      autoDeliver: true,
      catalog: DEFAULT_CATALOG,
      retryDays: [3, 5, 7],
      afterRetries: 'unpaid',
      portalProrationBehavior: 'always_invoice',
      ...config,
    };
  }

  /** Runs `fn` (synchronous) and returns the events it created, so a route can queue and deliver them. */
  collect<T>(fn: () => T): { value: T; events: StripeObject[] } {
    const events: StripeObject[] = [];
    const outer = this.collector;
    this.collector = events;
    try {
      return { value: fn(), events };
    } catch (err) {
      // A declined payment still sent its events (invoice.payment_failed) before the 402: keep them.
      if (err instanceof Error) Object.assign(err, { events });
      throw err;
    } finally {
      // A nested collect hands its events to the enclosing one too.
      this.collector = outer;
      outer?.push(...events);
    }
  }

  all(object: string): StripeObject[] {
    return [...this.objects.values()].filter((o) => o.object === object);
  }

  put<T extends StripeObject>(obj: T): T {
    this.objects.set(obj.id, obj);
    return obj;
  }

  get(id: string, object?: string): StripeObject | undefined {
    const o = this.objects.get(id);
    return o && (!object || o.object === object) ? o : undefined;
  }

  /** An event with a snapshot of `object` (later changes to the object do not alter it). */
  createEvent(type: string, object: Record<string, unknown>, previous?: Record<string, unknown>, created = now()): StripeObject {
    const event: StripeObject = {
      id: newId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created,
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    this.events.unshift(event);
    this.objects.set(event.id, event);
    if (this.events.length > 1000) this.events.pop();
    this.collector?.push(event);
    return event;
  }

  sign(event: StripeObject, opts: SignOptions = {}): Delivery {
    const payload = JSON.stringify(event, null, 2);
    return {
      eventId: event.id,
      type: String(event.type),
      payload,
      signature: signPayload(payload, opts.secret ?? this.config.webhookSecret, opts.timestamp),
    };
  }

  /** POSTs each signed delivery to the webhook URL in the given order, one after the other. */
  async deliver(deliveries: Delivery[], log: (line: string) => void): Promise<Delivery[]> {
    const url = this.config.webhookUrl;
    for (const d of deliveries) {
      if (!url) {
        d.error = 'no webhookUrl configured';
        continue;
      }
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'stripe-signature': d.signature,
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          },
          body: d.payload,
          signal: AbortSignal.timeout(10_000),
        });
        await res.body?.cancel();
        d.status = res.status;
      } catch (err) {
        d.error = err instanceof Error ? err.name : 'failed';
      }
      log(`stripe webhook ${d.type} ${d.eventId} → ${d.status ?? d.error}`);
      this.recentDeliveries.unshift({ eventId: d.eventId, type: d.type, status: d.status, error: d.error, at: new Date().toISOString() });
      if (this.recentDeliveries.length > 100) this.recentDeliveries.pop();
    }
    return deliveries;
  }

  reset(): void {
    this.objects.clear();
    this.events.length = 0;
    this.idempotency.clear();
    this.recentDeliveries.length = 0;
    this.pending.length = 0;
    this.failPayments.clear();
    this.onReset();
  }

  snapshot() {
    return {
      config: {
        webhookUrl: this.config.webhookUrl,
        autoDeliver: this.config.autoDeliver,
        retryDays: this.config.retryDays,
        afterRetries: this.config.afterRetries,
        portalProrationBehavior: this.config.portalProrationBehavior,
      },
      sessions: [...this.objects.values()]
        .filter((o) => o.object === 'checkout.session')
        .map((s) => ({ id: s.id, status: s.status, payment_status: s.payment_status, amount_total: s.amount_total, currency: s.currency })),
      events: this.events.slice(0, 100).map((e) => ({ id: e.id, type: e.type, created: e.created })),
      subscriptions: this.all('subscription')
        .slice(-50)
        .reverse()
        .map((s) => ({ id: s.id, status: s.status, customer: s.customer, test_clock: s.test_clock })),
      recentDeliveries: this.recentDeliveries.slice(0, 50),
    };
  }
}
