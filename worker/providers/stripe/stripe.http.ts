import Stripe from 'stripe';
import type { CheckoutRequest, CheckoutSession, Payments, StripeEventEnvelope } from './stripe';
import { PaymentsError, WEBHOOK_TOLERANCE_SECONDS, WebhookSignatureError } from './stripe';

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  /** API base, e.g. https://api.stripe.com/ (the sandbox's /stripe/ locally). */
  apiUrl: string;
}

/** One try's deadline at Stripe (its API answers in well under a second when well). */
export const STRIPE_TRY_MS = 6_000;

/** The official SDK on Workers: fetch for HTTP, host/port/protocol from the base URL. */
export function stripeSdk(config: Pick<StripeConfig, 'secretKey' | 'apiUrl'>): Stripe {
  const base = new URL(config.apiUrl);
  const protocol = base.protocol === 'http:' ? 'http' : 'https';
  // The SDK builds paths from /v1/…; a base with a path (the sandbox's /stripe/) is put in front.
  const prefix = base.pathname.replace(/\/$/, '');
  return new Stripe(config.secretKey, {
    httpClient: withErrorBodies(prefix ? withPathPrefix(Stripe.createFetchHttpClient(), prefix) : Stripe.createFetchHttpClient()),
    host: base.hostname,
    port: base.port || (protocol === 'http' ? 80 : 443),
    protocol,
    // Creates carry an idempotency key, so a retried create never makes a second object. Every call here is
    // someone waiting on a click: two tries of 6 s (the SDK's jittered pause between) end a hang in ~13 s with a
    // 503 + Retry-After, where three of 10 s kept a checkout (two calls) waiting past 30 s in the soak.
    maxNetworkRetries: 1,
    timeout: STRIPE_TRY_MS,
  });
}

/** Coach payments (Checkout in payment mode) and the platform's webhook signature check; SubtleCrypto for signatures. */
export class StripePayments implements Payments {
  private readonly stripe: Stripe;
  private readonly crypto = Stripe.createSubtleCryptoProvider();

  constructor(private readonly config: StripeConfig) {
    this.stripe = stripeSdk(config);
  }

  async createCheckoutSession(req: CheckoutRequest): Promise<CheckoutSession> {
    try {
      const session = await this.stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [
            { quantity: 1, price_data: { currency: req.currency, unit_amount: req.amountCents, product_data: { name: req.productName } } },
          ],
          client_reference_id: req.clientReferenceId,
          metadata: req.metadata,
          payment_intent_data: { metadata: req.metadata },
          success_url: req.successUrl,
          cancel_url: req.cancelUrl,
          ...(req.customerEmail ? { customer_email: req.customerEmail } : {}),
        },
        { idempotencyKey: req.idempotencyKey },
      );
      return present(aSession(session), req.productName);
    } catch (err) {
      throw asPaymentsError(err);
    }
  }

  async retrieveCheckoutSession(id: string): Promise<CheckoutSession> {
    try {
      const session = aSession(await this.stripe.checkout.sessions.retrieve(id, { expand: ['line_items'] }));
      return present(session, session.line_items?.data[0]?.description ?? null);
    } catch (err) {
      throw asPaymentsError(err);
    }
  }

  async verifyWebhook(rawBody: string, signature: string): Promise<StripeEventEnvelope> {
    let event: unknown;
    try {
      event = await this.stripe.webhooks.constructEventAsync(
        rawBody,
        signature,
        this.config.webhookSecret,
        WEBHOOK_TOLERANCE_SECONDS,
        this.crypto,
      );
    } catch (err) {
      throw new WebhookSignatureError(err instanceof Error ? err.message.slice(0, 120) : 'invalid signature');
    }
    // The SDK only refuses old timestamps; a signature dated far ahead would stay replayable for that long.
    // Every t= is checked: the SDK signs with the last one, so a first, honest-looking one proves nothing.
    const now = Math.floor(Date.now() / 1000);
    const stamps = signature
      .split(',')
      .map((kv) => kv.trim().split('='))
      .filter(([k]) => k === 't')
      .map(([, v]) => Number(v));
    if (!stamps.length || stamps.some((t) => !Number.isFinite(t) || t - now > WEBHOOK_TOLERANCE_SECONDS))
      throw new WebhookSignatureError('Timestamp outside the tolerance zone');
    return event as StripeEventEnvelope;
  }
}

type HttpClient = ReturnType<typeof Stripe.createFetchHttpClient>;

/**
 * The SDK reads a failure from the body's `error`, not the status: a 5xx or 429 with any other JSON (a proxy's, an
 * outage page's) resolved as if it were the object asked for. Such an answer gets Stripe's error shape here, so it
 * throws (and is retried) like any Stripe API error.
 */
function withErrorBodies(inner: HttpClient): HttpClient {
  return Object.assign(Object.create(inner) as HttpClient, {
    makeRequest: async (...args: Parameters<HttpClient['makeRequest']>) => {
      const res = await inner.makeRequest(...args);
      const status = res.getStatusCode();
      if (status < 400) return res;
      return Object.assign(Object.create(res) as typeof res, {
        toJSON: async () => {
          const body: unknown = await res.toJSON().catch(() => null);
          if (body && typeof body === 'object' && 'error' in body) return body;
          return { error: { type: 'api_error', message: `Stripe answered ${status}` } };
        },
      });
    },
  });
}

/** The SDK's own fetch client, with every request path served under `prefix`. */
function withPathPrefix(inner: HttpClient, prefix: string): HttpClient {
  return Object.assign(Object.create(inner) as HttpClient, {
    makeRequest: (...[host, port, path, ...rest]: Parameters<HttpClient['makeRequest']>) =>
      inner.makeRequest(host, port, `${prefix}${path}`, ...rest),
  });
}

/**
 * The SDK resolves any answer without Stripe's `error` body, even a 5xx or 429 (a proxy's or an outage page's JSON):
 * anything that is not a session is Stripe failing, never a link without an id or an expiry.
 */
function aSession(s: Stripe.Response<Stripe.Checkout.Session>): Stripe.Checkout.Session {
  const status = s?.lastResponse?.statusCode;
  if (s?.object === 'checkout.session' && typeof s.id === 'string' && !(status && status >= 400)) return s;
  throw new PaymentsError(`stripe answered ${status ?? 'without a session'}`, 'api_error', status);
}

function present(s: Stripe.Checkout.Session, productName: string | null): CheckoutSession {
  return {
    id: s.id,
    url: s.url ?? '',
    expiresAt: new Date(s.expires_at * 1000),
    status: (s.status ?? 'open') as CheckoutSession['status'],
    paymentStatus: s.payment_status as CheckoutSession['paymentStatus'],
    amountTotal: s.amount_total,
    currency: s.currency,
    productName,
  };
}

export function asPaymentsError(err: unknown): PaymentsError {
  if (err instanceof Stripe.errors.StripeError)
    return new PaymentsError(`stripe ${err.type}${err.code ? ` ${err.code}` : ''}`, err.type, err.statusCode);
  return new PaymentsError(err instanceof Error ? err.name : 'stripe request failed', 'api_connection_error', undefined);
}
