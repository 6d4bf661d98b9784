// In-memory Stripe: checkout sessions, payment intents, charges, refunds, invoices and events,
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
}

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

  constructor(config: Partial<StripeConfig> = {}) {
    this.config = { webhookUrl: null, webhookSecret: 'whsec_sandbox_dev_only', ...config };
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
  createEvent(type: string, object: Record<string, unknown>, previous?: Record<string, unknown>): StripeObject {
    const event: StripeObject = {
      id: newId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: now(),
      data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    this.events.unshift(event);
    this.objects.set(event.id, event);
    if (this.events.length > 1000) this.events.pop();
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
  }

  snapshot() {
    return {
      config: { webhookUrl: this.config.webhookUrl },
      sessions: [...this.objects.values()]
        .filter((o) => o.object === 'checkout.session')
        .map((s) => ({ id: s.id, status: s.status, payment_status: s.payment_status, amount_total: s.amount_total, currency: s.currency })),
      events: this.events.slice(0, 100).map((e) => ({ id: e.id, type: e.type, created: e.created })),
      recentDeliveries: this.recentDeliveries.slice(0, 50),
    };
  }
}
