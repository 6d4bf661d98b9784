// The money flows the app relies on: a Checkout Session (payment mode) that a customer pays, the
// payment intent and charge that payment creates, and refunds against the charge.
// (Subscription-mode sessions: subscription-checkout.ts.)
import type { FormValue } from './form.ts';
import { present } from './objects.ts';
import { StripeParamError, int, isObj, metadata, str, url } from './params.ts';
import { newId, now } from './state.ts';
import type { StripeObject, StripeState } from './state.ts';

export { StripeParamError } from './params.ts';

export function createCheckoutSession(state: StripeState, p: Record<string, FormValue>, base: string): StripeObject {
  const mode = str(p.mode, 'mode', true);
  if (mode !== 'payment') throw new StripeParamError('The sandbox supports mode=payment and mode=subscription only.', 'mode');
  const items = p.line_items;
  if (!Array.isArray(items) || items.length !== 1)
    throw new StripeParamError(
      'line_items must hold exactly one item in the sandbox.',
      'line_items',
      items === undefined ? 'parameter_missing' : 'parameter_invalid',
    );
  const item = items[0];
  if (!isObj(item) || !isObj(item.price_data))
    throw new StripeParamError(
      'line_items[0][price_data] is required (the sandbox has no catalog).',
      'line_items[0][price_data]',
      'parameter_missing',
    );
  const pd = item.price_data;
  const currency = str(pd.currency, 'line_items[0][price_data][currency]', true)!.toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw new StripeParamError(`Invalid currency: ${currency}`, 'line_items[0][price_data][currency]');
  const unitAmount = int(pd.unit_amount, 'line_items[0][price_data][unit_amount]');
  if (unitAmount < 50)
    throw new StripeParamError('Amount must be at least 50 minor units.', 'line_items[0][price_data][unit_amount]', 'amount_too_small');
  if (!isObj(pd.product_data))
    throw new StripeParamError(
      'Missing required param: line_items[0][price_data][product_data].',
      'line_items[0][price_data][product_data]',
      'parameter_missing',
    );
  const name = str(pd.product_data.name, 'line_items[0][price_data][product_data][name]', true)!;
  const quantity = int(item.quantity ?? '1', 'line_items[0][quantity]');
  if (quantity < 1) throw new StripeParamError('Quantity must be at least 1.', 'line_items[0][quantity]');
  const pid = isObj(p.payment_intent_data) ? p.payment_intent_data : {};
  const created = now();
  const total = unitAmount * quantity;
  const id = `cs_test_${newId('x').slice(2)}${newId('x').slice(2)}`;
  return state.put({
    id,
    object: 'checkout.session',
    amount_subtotal: total,
    amount_total: total,
    cancel_url: url(p.cancel_url, 'cancel_url'),
    client_reference_id: str(p.client_reference_id, 'client_reference_id') ?? null,
    created,
    currency,
    customer: null,
    customer_details: null,
    customer_email: str(p.customer_email, 'customer_email') ?? null,
    expires_at: created + 24 * 3600,
    invoice: null,
    livemode: false,
    metadata: metadata(p.metadata, 'metadata'),
    mode,
    payment_intent: null,
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    status: 'open',
    subscription: null,
    success_url: url(p.success_url, 'success_url'),
    url: `${base}/stripe/checkout/${id}`,
    // Kept beside the session (as Stripe keeps line items); served only with expand[]=line_items.
    _line_items: [
      {
        id: newId('li'),
        object: 'item',
        amount_subtotal: total,
        amount_total: total,
        currency,
        description: name,
        quantity,
        price: { id: newId('price'), object: 'price', currency, unit_amount: unitAmount, product: newId('prod'), type: 'one_time' },
      },
    ],
    _pi_metadata: metadata(pid.metadata, 'payment_intent_data[metadata]'),
  });
}

/** What the API returns: internal fields dropped, line items only when expanded. */
export function publicSession(s: StripeObject, expand: string[] = []): StripeObject {
  const rest = present(s);
  return expand.includes('line_items')
    ? {
        ...rest,
        line_items: {
          object: 'list',
          data: structuredClone(s._line_items),
          has_more: false,
          url: `/v1/checkout/sessions/${s.id}/line_items`,
        },
      }
    : rest;
}

/** The customer paid: a succeeded payment intent and charge, the session complete, and Stripe's events in Stripe's order. */
export function paySession(state: StripeState, id: string): StripeObject[] {
  const s = state.get(id, 'checkout.session');
  if (!s) throw new StripeParamError(`No such checkout.session: '${id}'`, 'session', 'resource_missing');
  if (s.status !== 'open')
    throw new StripeParamError(`This Checkout Session is ${String(s.status)}.`, 'session', 'checkout_session_not_open');
  const created = now();
  const amount = s.amount_total as number;
  const md = s._pi_metadata as Record<string, string>;
  const piId = newId('pi');
  const charge = state.put({
    id: newId('ch'),
    object: 'charge',
    amount,
    amount_captured: amount,
    amount_refunded: 0,
    captured: true,
    created,
    currency: s.currency,
    livemode: false,
    metadata: { ...md },
    paid: true,
    payment_intent: piId,
    refunded: false,
    status: 'succeeded',
    balance_transaction: newId('txn'),
    payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242' } },
  });
  const pi = state.put({
    id: piId,
    object: 'payment_intent',
    amount,
    amount_received: amount,
    created,
    currency: s.currency,
    latest_charge: charge.id,
    livemode: false,
    metadata: { ...md },
    status: 'succeeded',
  });
  Object.assign(s, {
    status: 'complete',
    payment_status: 'paid',
    payment_intent: pi.id,
    customer_details: { email: s.customer_email, name: null },
  });
  return [
    state.createEvent('charge.succeeded', charge),
    state.createEvent('payment_intent.succeeded', pi),
    state.createEvent('checkout.session.completed', publicSession(s)),
  ];
}

/** Refunds `amount` (default: what is left) of a charge; the charge.refunded event carries the updated charge. */
export function refundCharge(state: StripeState, chargeId: string, amount?: number): StripeObject[] {
  const ch = state.get(chargeId, 'charge');
  if (!ch) throw new StripeParamError(`No such charge: '${chargeId}'`, 'charge', 'resource_missing');
  const left = (ch.amount as number) - (ch.amount_refunded as number);
  const value = amount ?? left;
  if (!Number.isInteger(value) || value <= 0 || value > left)
    throw new StripeParamError(`Refund amount must be 1..${left}.`, 'amount', 'amount_too_large');
  const refund = state.put({
    id: newId('re'),
    object: 'refund',
    amount: value,
    charge: ch.id,
    created: now(),
    currency: ch.currency,
    metadata: {},
    payment_intent: ch.payment_intent,
    status: 'succeeded',
  });
  const previous = { amount_refunded: ch.amount_refunded, refunded: ch.refunded };
  Object.assign(ch, {
    amount_refunded: (ch.amount_refunded as number) + value,
    refunded: (ch.amount_refunded as number) + value === ch.amount,
  });
  return [state.createEvent('refund.created', refund), state.createEvent('charge.refunded', ch, previous)];
}
