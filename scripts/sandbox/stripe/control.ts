// /stripe/_control: JSON endpoints for tests and `npm run dev` — pay a checkout, refund a charge,
// create any event, replay one, sign with a chosen timestamp or secret, and either POST the signed
// deliveries to the app or hand them back (tests inside workerd cannot be reached over HTTP).
// Billing's calls (test clocks, failing payments, queued deliveries, redelivery) are in billing-control.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson } from '../http.ts';
import { configureBilling, getDeliveries, handleBillingControl } from './billing-control.ts';
import { StripeParamError, paySession, publicSession, refundCharge } from './payments.ts';
import { newId, now } from './state.ts';
import type { Delivery, SignOptions, StripeObject, StripeState } from './state.ts';
import { signPayload } from './signing.ts';
import { paySubscriptionSession } from './subscription-checkout.ts';

const PREFIX = '/stripe/_control';
const fail = (res: ServerResponse, status: number, error: string) => sendJson(res, status, { error });
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const ID_PREFIX: Record<string, string> = {
  invoice: 'in',
  charge: 'ch',
  payment_intent: 'pi',
  refund: 're',
  'checkout.session': 'cs_test',
  customer: 'cus',
  subscription: 'sub',
};

function signOptions(b: Record<string, unknown>): SignOptions {
  return {
    ...(Number.isInteger(b.timestamp) ? { timestamp: b.timestamp as number } : {}),
    ...(typeof b.secret === 'string' ? { secret: b.secret } : {}),
  };
}

/** `{ type, data: { object } }` → a stored object and its event. */
function eventFrom(state: StripeState, input: unknown): StripeObject {
  const e = input as { type?: unknown; data?: { object?: Record<string, unknown>; previous_attributes?: Record<string, unknown> } };
  if (typeof e?.type !== 'string' || !/^[a-z_.]+$/.test(e.type))
    throw new StripeParamError('type must be an event type such as invoice.paid', 'type');
  const object = { ...(e.data?.object ?? {}) };
  if (typeof object.object !== 'string') object.object = e.type.split('.').slice(0, -1).join('.') || e.type;
  if (typeof object.id !== 'string') object.id = newId(ID_PREFIX[object.object as string] ?? 'obj');
  object.livemode ??= false;
  object.created ??= now();
  state.put(object as StripeObject);
  const event = state.createEvent(e.type, object, e.data?.previous_attributes);
  // Backdating (`created`, unix seconds) lets a test place an event in a past month.
  const created = (input as { created?: unknown }).created;
  if (Number.isInteger(created)) event.created = created as number;
  return event;
}

export async function handleControl(
  state: StripeState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  log: (l: string) => void,
): Promise<boolean> {
  if (!url.pathname.startsWith(`${PREFIX}/`)) return false;
  const path = url.pathname.slice(PREFIX.length);
  if (req.method === 'GET' && path === '/state') {
    sendJson(res, 200, state.snapshot());
    return true;
  }
  if (req.method === 'GET' && path === '/deliveries') {
    getDeliveries(state, url, res);
    return true;
  }
  if (req.method !== 'POST') return false;
  // A cross-site form cannot send JSON: the control API is not reachable from a web page.
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    fail(res, 415, 'content-type must be application/json');
    return true;
  }
  let b: Record<string, unknown>;
  try {
    const raw = await readBody(req);
    b = raw.trim() ? (JSON.parse(raw) as Record<string, unknown>) : {};
    if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new Error();
  } catch {
    fail(res, 400, 'body must be a JSON object');
    return true;
  }
  const finish = async (events: StripeObject[], extra: Record<string, unknown> = {}) => {
    if (b.order === 'reverse') events.reverse();
    const deliveries: Delivery[] = events.map((e) => state.sign(e, signOptions(b)));
    if (b.deliver !== false) await state.deliver(deliveries, log);
    sendJson(res, 200, { ...extra, deliveries });
  };
  try {
    if (path === '/config') {
      if (b.webhookUrl !== undefined) {
        if (b.webhookUrl !== null && (typeof b.webhookUrl !== 'string' || !LOOPBACK.has(new URL(b.webhookUrl).hostname)))
          return (fail(res, 400, 'webhookUrl must be a URL on 127.0.0.1, localhost or [::1]'), true);
        state.config.webhookUrl = b.webhookUrl as string | null;
      }
      if (typeof b.webhookSecret === 'string') state.config.webhookSecret = b.webhookSecret;
      const problem = configureBilling(state, b);
      if (problem) return (fail(res, 400, problem), true);
      sendJson(res, 200, state.snapshot().config);
      return true;
    }
    if (path === '/reset') {
      state.reset();
      sendJson(res, 200, { ok: true });
      return true;
    }
    if (path === '/sign') {
      if (typeof b.payload !== 'string') return (fail(res, 400, 'payload must be a string'), true);
      const o = signOptions(b);
      sendJson(res, 200, { signature: signPayload(b.payload, o.secret ?? state.config.webhookSecret, o.timestamp) });
      return true;
    }
    let m = /^\/checkout\/([^/]+)\/pay$/.exec(path);
    const subscriptionSession = m ? state.get(decodeURIComponent(m[1]!), 'checkout.session') : undefined;
    if (m && subscriptionSession?.mode === 'subscription') {
      const card = typeof b.card === 'string' ? b.card : undefined;
      const { value: sub, events } = state.collect(() => paySubscriptionSession(state, subscriptionSession, card));
      await finish(events, { session: publicSession(subscriptionSession), subscriptionId: sub.id, customerId: sub.customer });
      return true;
    }
    if (m) {
      const events = paySession(state, decodeURIComponent(m[1]!));
      const session = state.get(decodeURIComponent(m[1]!), 'checkout.session')!;
      const charge = state.get(String(state.get(String(session.payment_intent))?.latest_charge));
      await finish(events, { session: publicSession(session), paymentIntentId: session.payment_intent, chargeId: charge?.id ?? null });
      return true;
    }
    m = /^\/charges\/([^/]+)\/refund$/.exec(path);
    if (m) {
      await finish(refundCharge(state, decodeURIComponent(m[1]!), b.amount === undefined ? undefined : Number(b.amount)));
      return true;
    }
    m = /^\/events\/([^/]+)\/replay$/.exec(path);
    if (m) {
      const e = state.get(decodeURIComponent(m[1]!), 'event');
      if (!e) return (fail(res, 404, 'no such event'), true);
      await finish([e]);
      return true;
    }
    if (path === '/events') {
      const inputs = Array.isArray(b.events) ? b.events : [b];
      await finish(inputs.map((i) => eventFrom(state, i)));
      return true;
    }
    return await handleBillingControl(state, path, b, res, finish);
  } catch (err) {
    if (err instanceof StripeParamError) {
      sendJson(res, err.status, { error: err.message, code: err.code });
      return true;
    }
    throw err;
  }
}
