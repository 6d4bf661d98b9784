// /stripe/v1: the parts of Stripe's API the app calls, with Stripe's auth, encoding, idempotency and errors.
// Payments (checkout sessions in payment mode, retrievals) are here; the billing objects come from
// the route tables of their modules. Events a call makes are queued and delivered after the answer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http.ts';
import { catalogRoutes } from './catalog.ts';
import { customerRoutes } from './customers.ts';
import { publish } from './deliveries.ts';
import { FormError, parseStripeForm } from './form.ts';
import { invoiceRoutes } from './invoice-routes.ts';
import { expandOf } from './params.ts';
import { StripeParamError, createCheckoutSession, publicSession } from './payments.ts';
import { portalRoutes } from './portal.ts';
import { dispatch } from './routes.ts';
import type { StripeObject, StripeState } from './state.ts';
import { createSubscriptionSession } from './subscription-checkout.ts';
import { subscriptionRoutes } from './subscription-routes.ts';
import { clockRoutes } from './test-clocks.ts';

const BILLING = [...catalogRoutes, ...customerRoutes, ...subscriptionRoutes, ...invoiceRoutes, ...clockRoutes, ...portalRoutes];
/** Stripe keeps idempotency keys for 24 h; the sandbox keeps the latest ones (the SDK keys every POST). */
const IDEMPOTENCY_LIMIT = 5000;

/** Stripe's error shape: `{ error: { type, code, message, param } }`. */
export function stripeError(res: ServerResponse, status: number, type: string, message: string, code?: string, param?: string): void {
  sendJson(res, status, {
    error: {
      type,
      ...(code ? { code } : {}),
      ...(code === 'card_declined' ? { decline_code: 'generic_decline' } : {}),
      message,
      ...(param ? { param } : {}),
      doc_url: code ? `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}` : undefined,
    },
  });
}

const RETRIEVABLE: Record<string, string> = {
  payment_intents: 'payment_intent',
  charges: 'charge',
  refunds: 'refund',
  events: 'event',
};

export async function handleApi(
  state: StripeState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  log: (l: string) => void = () => {},
): Promise<boolean> {
  if (!url.pathname.startsWith('/stripe/v1/')) return false;
  const key = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (!key) {
    stripeError(
      res,
      401,
      'invalid_request_error',
      'You did not provide an API key. Provide it in the Authorization header as a bearer token.',
    );
    return true;
  }
  if (!key.startsWith('sk_test_')) {
    stripeError(
      res,
      401,
      'invalid_request_error',
      'Invalid API Key provided: the sandbox accepts test-mode secret keys (sk_test_…) only.',
      'api_key_invalid',
    );
    return true;
  }
  res.setHeader('request-id', `req_${Math.random().toString(36).slice(2, 16)}`);
  res.setHeader('stripe-version', String(req.headers['stripe-version'] ?? '2026-10-28.endive'));
  const path = url.pathname.slice('/stripe/v1'.length);
  const base = `http://${req.headers.host ?? '127.0.0.1'}`;
  state.baseUrl = base;
  const method = req.method ?? 'GET';
  let events: StripeObject[] = [];
  try {
    const body = method === 'POST' ? await readBody(req) : '';
    const idem = method === 'POST' ? req.headers['idempotency-key'] : undefined;
    const stored = typeof idem === 'string' ? state.idempotency.get(idem) : undefined;
    if (stored) {
      res.setHeader('idempotent-replayed', 'true');
      sendJson(res, stored.status, stored.body);
      return true;
    }
    const p = parseStripeForm(method === 'POST' ? body : url.search.slice(1));
    const expand = expandOf(p);
    let answer: Record<string, unknown> | null = null;
    if (method === 'POST' && path === '/checkout/sessions') {
      const { value, events: made } = state.collect(() =>
        publicSession(
          p.mode === 'subscription' ? createSubscriptionSession(state, p, base) : createCheckoutSession(state, p, base),
          expand,
        ),
      );
      answer = value;
      events = made;
    } else if (method === 'GET' && /^\/checkout\/sessions\/[^/]+$/.test(path)) {
      const id = decodeURIComponent(path.split('/')[3]!);
      const s = state.get(id, 'checkout.session');
      if (!s) throw new StripeParamError(`No such checkout.session: '${id}'`, 'session', 'resource_missing');
      answer = publicSession(s, expand);
    } else {
      const m = /^\/(payment_intents|charges|refunds|events)\/([^/]+)$/.exec(path);
      if (method === 'GET' && m) {
        const kind = RETRIEVABLE[m[1]!]!;
        const o = state.get(decodeURIComponent(m[2]!), kind);
        if (!o) throw new StripeParamError(`No such ${kind}: '${m[2]}'`, 'id', 'resource_missing');
        answer = o;
      } else {
        const routed = dispatch(BILLING, method, path, { state, p, expand, base });
        if (routed) {
          answer = routed.body;
          events = routed.events;
        }
      }
    }
    if (!answer) {
      stripeError(
        res,
        404,
        'invalid_request_error',
        `Unrecognized request URL (${method}: /v1${path}). The sandbox implements only what Cadence calls.`,
      );
      return true;
    }
    if (typeof idem === 'string') {
      state.idempotency.set(idem, { status: 200, body: answer });
      if (state.idempotency.size > IDEMPOTENCY_LIMIT) state.idempotency.delete(state.idempotency.keys().next().value!);
    }
    sendJson(res, 200, answer);
    return true;
  } catch (err) {
    // A declined charge still made its events (invoice.payment_failed): they go out with the 402.
    const made = (err as { events?: unknown } | null)?.events;
    if (Array.isArray(made)) events = made as StripeObject[];
    if (err instanceof StripeParamError) stripeError(res, err.status, err.type, err.message, err.code, err.param || undefined);
    else if (err instanceof FormError) stripeError(res, 400, 'invalid_request_error', err.message, 'parameter_invalid');
    else throw err;
    return true;
  } finally {
    void publish(state, events, log);
  }
}
