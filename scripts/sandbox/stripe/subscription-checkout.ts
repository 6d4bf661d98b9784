// Checkout Sessions in `mode=subscription`: one catalog price, an optional trial and metadata for
// the subscription. Paying (the hosted page, or _control/checkout/{id}/pay) attaches the card,
// makes it the customer's default, starts the subscription and completes the session, sending
// Stripe's events in Stripe's order.
import { attachCard, customerById, newCustomer, setDefaultPaymentMethod, testCard } from './customers.ts';
import { emit, present } from './objects.ts';
import { StripeParamError, int, metadata, missing, obj, oneOf, optInt, str, url } from './params.ts';
import type { Params } from './params.ts';
import { recurringPrice } from './catalog.ts';
import { newId, now } from './state.ts';
import type { StripeObject, StripeState } from './state.ts';
import { makeSubscription, startSubscription } from './subscriptions.ts';
import type { MissingPaymentMethod } from './subscriptions.ts';
import { DAY, nowFor } from './time.ts';

export interface SubscriptionTerms {
  price: string;
  quantity: number;
  trialDays: number | null;
  metadata: Record<string, string>;
  missingPaymentMethod: MissingPaymentMethod;
}

export function createSubscriptionSession(state: StripeState, p: Params, base: string): StripeObject {
  const items = p.line_items;
  if (!Array.isArray(items) || items.length !== 1)
    throw new StripeParamError(
      'line_items must hold exactly one item in the sandbox.',
      'line_items',
      items === undefined ? 'parameter_missing' : 'parameter_invalid',
    );
  const item = obj(items[0], 'line_items[0]');
  const price = recurringPrice(state, str(item.price, 'line_items[0][price]', true)!, 'line_items[0][price]');
  const quantity = item.quantity === undefined ? 1 : int(item.quantity, 'line_items[0][quantity]');
  if (quantity < 1) throw new StripeParamError('Quantity must be at least 1.', 'line_items[0][quantity]');
  const customerId = str(p.customer, 'customer');
  const customer = customerId ? customerById(state, customerId) : undefined;
  const sd = obj(p.subscription_data, 'subscription_data');
  const trialDays = optInt(sd.trial_period_days, 'subscription_data[trial_period_days]') ?? null;
  const eb = obj(
    obj(sd.trial_settings, 'subscription_data[trial_settings]').end_behavior,
    'subscription_data[trial_settings][end_behavior]',
  );
  const terms: SubscriptionTerms = {
    price: price.id,
    quantity,
    trialDays: trialDays || null,
    metadata: metadata(sd.metadata, 'subscription_data[metadata]'),
    missingPaymentMethod:
      oneOf(eb.missing_payment_method, 'subscription_data[trial_settings][end_behavior][missing_payment_method]', [
        'cancel',
        'pause',
        'create_invoice',
      ]) ?? 'create_invoice',
  };
  const amount = (price.unit_amount as number) * quantity;
  const dueNow = terms.trialDays ? 0 : amount;
  const created = now();
  const id = `cs_test_${newId('x').slice(2)}${newId('x').slice(2)}`;
  return state.put({
    id,
    object: 'checkout.session',
    amount_subtotal: dueNow,
    amount_total: dueNow,
    cancel_url: url(p.cancel_url, 'cancel_url', false) || null,
    client_reference_id: str(p.client_reference_id, 'client_reference_id') ?? null,
    created,
    currency: price.currency,
    customer: customer?.id ?? null,
    customer_details: null,
    customer_email: str(p.customer_email, 'customer_email') ?? (customer?.email as string | null) ?? null,
    expires_at: created + 24 * 3600,
    invoice: null,
    livemode: false,
    metadata: metadata(p.metadata, 'metadata'),
    mode: 'subscription',
    payment_intent: null,
    payment_method_collection: oneOf(p.payment_method_collection, 'payment_method_collection', ['always', 'if_required']) ?? 'always',
    payment_method_types: ['card'],
    payment_status: 'unpaid',
    status: 'open',
    subscription: null,
    success_url: url(p.success_url, 'success_url'),
    url: `${base}/stripe/checkout/${id}`,
    _line_items: [
      {
        id: newId('li'),
        object: 'item',
        amount_discount: 0,
        amount_subtotal: amount,
        amount_tax: 0,
        amount_total: amount,
        currency: price.currency,
        description: String(state.get(String(price.product))?.name ?? 'Subscription'),
        price: present(price),
        quantity,
      },
    ],
    _pi_metadata: {},
    _subscription: terms,
  });
}

/** Whether this session may start without a card (a trial with payment_method_collection=if_required). */
export const cardOptional = (s: StripeObject) =>
  s.payment_method_collection === 'if_required' && Boolean((s._subscription as SubscriptionTerms).trialDays);

/**
 * The customer pays (or starts the trial). `card`: a test card number or token; `none` only when
 * cardOptional. A declined first charge (0341 without a trial, or fail-payments) answers 402 and
 * leaves the session open, as Checkout keeps the customer on the page.
 */
export function paySubscriptionSession(state: StripeState, s: StripeObject, cardInput = '4242 4242 4242 4242'): StripeObject {
  if (s.status !== 'open')
    throw new StripeParamError(`This Checkout Session is ${String(s.status)}.`, 'session', 'checkout_session_not_open');
  const terms = s._subscription as SubscriptionTerms;
  const card = cardInput === 'none' && cardOptional(s) ? null : testCard(cardInput);
  if (card === null && !(cardInput === 'none' && cardOptional(s)))
    throw new StripeParamError(
      'Use a sandbox test card: 4242 4242 4242 4242 or 4000 0000 0000 0341.',
      'card',
      'incorrect_number',
      402,
      'card_error',
    );
  let customer = s.customer ? state.get(String(s.customer), 'customer') : undefined;
  if (s.customer && !customer) throw missing('customer', String(s.customer), 'customer');
  const forced = customer ? (state.failPayments.get(customer.id) ?? 0) : 0;
  if (!terms.trialDays && (card === '0341' || forced > 0)) {
    if (forced > 0 && customer) state.failPayments.set(customer.id, forced - 1);
    throw new StripeParamError('Your card was declined.', 'card', 'card_declined', 402, 'card_error');
  }
  if (!customer) {
    // No customer given: Checkout creates one from the email typed on the page.
    const at = now();
    customer = newCustomer(state, { created: at, email: s.customer_email == null ? null : String(s.customer_email) });
    emit(state, 'customer.created', customer, at);
  }
  const at = nowFor(state, customer.id);
  const pm = card ? attachCard(state, card, customer.id, at) : null;
  if (pm) setDefaultPaymentMethod(state, customer, pm.id, at);
  const sub = makeSubscription(state, {
    customer,
    price: recurringPrice(state, terms.price, 'line_items[0][price]'),
    quantity: terms.quantity,
    trialEnd: terms.trialDays ? at + terms.trialDays * DAY : null,
    missingPaymentMethod: terms.missingPaymentMethod,
    metadata: terms.metadata,
    defaultPaymentMethod: pm?.id ?? null,
    cancelAtPeriodEnd: false,
    at,
  });
  const inv = startSubscription(state, sub);
  Object.assign(s, {
    status: 'complete',
    payment_status: terms.trialDays ? 'no_payment_required' : 'paid',
    subscription: sub.id,
    invoice: inv.id,
    customer: customer.id,
    customer_details: { email: customer.email ?? s.customer_email ?? null, name: customer.name ?? null },
  });
  emit(state, 'checkout.session.completed', s, at);
  return sub;
}
