// /stripe/v1: the parts of Stripe's API the app calls, with Stripe's auth, encoding, idempotency and errors.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http.ts';
import { FormError, parseStripeForm } from './form.ts';
import { StripeParamError, createCheckoutSession, publicSession } from './payments.ts';
import type { StripeState } from './state.ts';

/** Stripe's error shape: `{ error: { type, code, message, param } }`. */
export function stripeError(res: ServerResponse, status: number, type: string, message: string, code?: string, param?: string): void {
  sendJson(res, status, {
    error: {
      type,
      ...(code ? { code } : {}),
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
  invoices: 'invoice',
};

export async function handleApi(state: StripeState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
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
  try {
    if (req.method === 'POST' && path === '/checkout/sessions') {
      const idem = req.headers['idempotency-key'];
      const body = await readBody(req);
      const stored = typeof idem === 'string' ? state.idempotency.get(idem) : undefined;
      if (stored) {
        res.setHeader('idempotent-replayed', 'true');
        sendJson(res, stored.status, stored.body);
        return true;
      }
      const base = `http://${req.headers.host ?? '127.0.0.1'}`;
      const session = publicSession(createCheckoutSession(state, parseStripeForm(body), base));
      if (typeof idem === 'string') state.idempotency.set(idem, { status: 200, body: session });
      sendJson(res, 200, session);
      return true;
    }
    const expand = Object.values(parseStripeForm(url.search.slice(1)).expand ?? {}).filter((v): v is string => typeof v === 'string');
    let m = /^\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m) {
      const s = state.get(decodeURIComponent(m[1]!), 'checkout.session');
      if (!s) stripeError(res, 404, 'invalid_request_error', `No such checkout.session: '${m[1]}'`, 'resource_missing', 'session');
      else sendJson(res, 200, publicSession(s, expand));
      return true;
    }
    m = /^\/(payment_intents|charges|refunds|events|invoices)\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m) {
      const kind = RETRIEVABLE[m[1]!]!;
      const o = state.get(decodeURIComponent(m[2]!), kind);
      if (!o) stripeError(res, 404, 'invalid_request_error', `No such ${kind}: '${m[2]}'`, 'resource_missing', 'id');
      else sendJson(res, 200, o);
      return true;
    }
    stripeError(
      res,
      404,
      'invalid_request_error',
      `Unrecognized request URL (${req.method}: /v1${path}). The sandbox implements only what Cadence calls.`,
    );
    return true;
  } catch (err) {
    if (err instanceof StripeParamError)
      stripeError(res, err.code === 'resource_missing' ? 404 : 400, 'invalid_request_error', err.message, err.code, err.param);
    else if (err instanceof FormError) stripeError(res, 400, 'invalid_request_error', err.message, 'parameter_invalid');
    else throw err;
    return true;
  }
}
