// Subscription objects: how one starts (a trial with a $0 invoice, or a first invoice charged at
// once), and the cancellations a customer asks for. Time-driven steps are in billing-cycle.ts,
// plan changes in proration.ts, the /v1 routes in subscription-routes.ts.
import { applyResult, change, endSubscription, periodLine, periodOf } from './billing-cycle.ts';
import { planOf } from './catalog.ts';
import { attemptPayment, createInvoice, finalizeInvoice } from './invoices.ts';
import { emit, present } from './objects.ts';
import { newId } from './state.ts';
import type { StripeObject, StripeState } from './state.ts';
import { addInterval } from './time.ts';

export type MissingPaymentMethod = 'cancel' | 'pause' | 'create_invoice';

export interface NewSubscription {
  customer: StripeObject;
  price: StripeObject;
  quantity: number;
  /** Unix seconds the trial ends, or null for none. */
  trialEnd: number | null;
  missingPaymentMethod: MissingPaymentMethod;
  metadata: Record<string, string>;
  defaultPaymentMethod: string | null;
  cancelAtPeriodEnd: boolean;
  at: number;
}

/** An item of the subscription: the price (with its legacy `plan`) and its current period. */
export function makeItem(sub: string, price: StripeObject, quantity: number, at: number, start: number, end: number): StripeObject {
  return {
    id: newId('si'),
    object: 'subscription_item',
    billing_thresholds: null,
    created: at,
    current_period_end: end,
    current_period_start: start,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: planOf(price),
    price: present(price),
    quantity,
    subscription: sub,
    tax_rates: [],
  };
}

export function makeSubscription(state: StripeState, o: NewSubscription): StripeObject {
  const id = newId('sub');
  const r = o.price.recurring as { interval: string; interval_count: number };
  // A trial's period is the trial; the billing cycle is anchored on the trial's end, as on Stripe.
  const anchor = o.trialEnd ?? o.at;
  const end = o.trialEnd ?? addInterval(o.at, r.interval, r.interval_count);
  const item = makeItem(id, o.price, o.quantity, o.at, o.at, end);
  return state.put({
    id,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: anchor,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: o.cancelAtPeriodEnd ? end : null,
    cancel_at_period_end: o.cancelAtPeriodEnd,
    canceled_at: o.cancelAtPeriodEnd ? o.at : null,
    cancellation_details: { comment: null, feedback: null, reason: o.cancelAtPeriodEnd ? 'cancellation_requested' : null },
    collection_method: 'charge_automatically',
    created: o.at,
    currency: o.price.currency,
    customer: o.customer.id,
    customer_account: null,
    days_until_due: null,
    default_payment_method: o.defaultPaymentMethod,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
    items: { object: 'list', data: [item], has_more: false, total_count: 1, url: `/v1/subscription_items?subscription=${id}` },
    latest_invoice: null,
    livemode: false,
    metadata: o.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: o.at,
    status: o.trialEnd ? 'trialing' : 'incomplete',
    test_clock: o.customer.test_clock ?? null,
    transfer_data: null,
    trial_end: o.trialEnd,
    trial_settings: { end_behavior: { missing_payment_method: o.missingPaymentMethod } },
    trial_start: o.trialEnd ? o.at : null,
  });
}

/**
 * customer.subscription.created, then the first invoice: $0 and paid for a trial; otherwise charged
 * now (→ active, customer.subscription.updated) or left `incomplete` when the charge fails or
 * `payment_behavior=default_incomplete` (Stripe's order, which webhook consumers must survive).
 */
export function startSubscription(state: StripeState, sub: StripeObject, paymentBehavior = 'allow_incomplete'): StripeObject {
  const at = sub.created as number;
  const trial = sub.status === 'trialing';
  const created = emit(state, 'customer.subscription.created', sub, at);
  const { start, end } = periodOf(sub);
  const line = periodLine(state, sub, start, end);
  const inv = createInvoice(state, {
    sub,
    lines: [trial ? { ...line, amount: 0, description: `Trial period for ${String(state.get(String(line.price.product))?.name)}` } : line],
    at,
    reason: 'subscription_create',
  });
  sub.latest_invoice = inv.id;
  (created.data as { object: Record<string, unknown> }).object.latest_invoice = inv.id;
  finalizeInvoice(state, inv, at);
  if (trial) attemptPayment(state, inv, at);
  else if (paymentBehavior !== 'default_incomplete')
    change(state, sub, at, () => applyResult(state, sub, inv, attemptPayment(state, inv, at), at));
  return inv;
}

/** DELETE /v1/subscriptions/{id}, or "Cancel now" in the portal. */
export function cancelNow(state: StripeState, sub: StripeObject, at: number): void {
  if (sub.status === 'canceled' || sub.status === 'incomplete_expired') return;
  change(state, sub, at, () => endSubscription(state, sub, at, 'cancellation_requested'));
}

/** cancel_at_period_end true (cancel_at = the period's end) or false (undo). */
export function setCancelAtPeriodEnd(state: StripeState, sub: StripeObject, flag: boolean, at: number): void {
  change(state, sub, at, () => {
    Object.assign(sub, {
      cancel_at_period_end: flag,
      cancel_at: flag ? periodOf(sub).end : null,
      canceled_at: flag ? at : null,
      cancellation_details: { comment: null, feedback: null, reason: flag ? 'cancellation_requested' : null },
    });
  });
}

export const subscriptionsOf = (state: StripeState, customer: string) =>
  state
    .all('subscription')
    .filter((s) => s.customer === customer)
    .reverse();
