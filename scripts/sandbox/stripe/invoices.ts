// Invoices as Stripe Billing makes them: draft → finalized (number, hosted page) → a charge attempt
// that pays it or fails (with the next retry time). The customer's credit balance (negative
// `balance`, e.g. from a downgrade's proration credit) is applied first. Subscription links live
// under `parent.subscription_details`, as in API versions since 2025-03-31.
import { paymentMethodFor } from './customers.ts';
import { emit } from './objects.ts';
import { newId } from './state.ts';
import type { StripeObject, StripeState } from './state.ts';
import { DAY } from './time.ts';

export interface LineInput {
  amount: number;
  description: string;
  price: StripeObject;
  quantity: number;
  period: { start: number; end: number };
  proration: boolean;
  subscription: StripeObject;
}

function line(inv: string, l: LineInput): Record<string, unknown> {
  const item = (l.subscription.items as { data: { id: string }[] }).data[0]!;
  return {
    id: newId('il'),
    object: 'line_item',
    amount: l.amount,
    currency: l.price.currency,
    description: l.description,
    discount_amounts: [],
    discountable: !l.proration,
    discounts: [],
    invoice: inv,
    livemode: false,
    metadata: {},
    parent: {
      invoice_item_details: null,
      subscription_item_details: {
        invoice_item: l.proration ? newId('ii') : null,
        proration: l.proration,
        proration_details: { credited_items: null },
        subscription: l.subscription.id,
        subscription_item: item.id,
      },
      type: 'subscription_item_details',
    },
    period: l.period,
    pretax_credit_amounts: [],
    pricing: {
      price_details: { price: l.price.id, product: l.price.product },
      type: 'price_details',
      unit_amount_decimal: String(l.price.unit_amount),
    },
    quantity: l.quantity,
    quantity_decimal: String(l.quantity),
    subscription: l.subscription.id,
    subtotal: l.amount,
    taxes: [],
  };
}

/** A draft invoice for a subscription (invoice.created). `period` is the invoice's look-back period, as Stripe sets it. */
export function createInvoice(
  state: StripeState,
  o: { sub: StripeObject; lines: LineInput[]; at: number; reason: string; period?: { start: number; end: number } },
): StripeObject {
  const customer = state.get(String(o.sub.customer), 'customer')!;
  const id = newId('in');
  const lines = o.lines.map((l) => line(id, l));
  const total = o.lines.reduce((s, l) => s + l.amount, 0);
  const inv = state.put({
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Cadence (sandbox)',
    account_tax_ids: null,
    amount_due: total,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: total,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: o.reason,
    collection_method: 'charge_automatically',
    created: o.at,
    currency: o.sub.currency,
    custom_fields: null,
    customer: customer.id,
    customer_account: null,
    customer_address: null,
    customer_email: customer.email,
    customer_name: customer.name,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: 'none',
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: lines, has_more: false, total_count: lines.length, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: {
      quote_details: null,
      subscription_details: { metadata: { ...(o.sub.metadata as object) }, subscription: o.sub.id },
      type: 'subscription_details',
    },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: o.period?.end ?? o.at,
    period_start: o.period?.start ?? o.at,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: customer.balance,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: o.sub.test_clock ?? null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: o.at,
  });
  emit(state, 'invoice.created', inv, o.at);
  return inv;
}

/** Finalizes: a number, the hosted page, the customer's balance applied (invoice.finalized). */
export function finalizeInvoice(state: StripeState, inv: StripeObject, at: number): void {
  const customer = state.get(String(inv.customer), 'customer')!;
  const balance = customer.balance as number;
  const net = (inv.total as number) + balance;
  const seq = customer.next_invoice_sequence as number;
  customer.next_invoice_sequence = seq + 1;
  customer.balance = Math.min(0, net);
  Object.assign(inv, {
    starting_balance: balance,
    ending_balance: Math.min(0, net),
    amount_due: Math.max(0, net),
    amount_remaining: Math.max(0, net),
    number: `${customer.invoice_prefix}-${String(seq).padStart(4, '0')}`,
    hosted_invoice_url: `${state.baseUrl}/stripe/invoice/${inv.id}`,
    effective_at: at,
    status: 'open',
    status_transitions: { ...(inv.status_transitions as object), finalized_at: at },
  });
  emit(state, 'invoice.finalized', inv, at);
}

/** Whether a charge to this payment method would go through now (test card, fail-payments counter). */
function chargeSucceeds(state: StripeState, customer: string, pm: StripeObject | undefined): boolean {
  if (!pm) return false;
  const forced = state.failPayments.get(customer) ?? 0;
  if (forced > 0) {
    if (forced === 1) state.failPayments.delete(customer);
    else state.failPayments.set(customer, forced - 1);
    return false;
  }
  return (pm.card as { last4?: string } | undefined)?.last4 !== '0341';
}

/** One charge attempt on an open invoice. Failures schedule the next retry from `config.retryDays`. */
export function attemptPayment(state: StripeState, inv: StripeObject, at: number): 'paid' | 'failed' {
  if (inv.status === 'paid') return 'paid';
  const sub = state.get(
    String((inv.parent as { subscription_details?: { subscription?: string } } | null)?.subscription_details?.subscription),
  );
  const customer = String(inv.customer);
  const due = inv.amount_due as number;
  inv.attempted = true;
  if (due > 0) inv.attempt_count = (inv.attempt_count as number) + 1;
  const pm =
    (inv.default_payment_method ? state.get(String(inv.default_payment_method)) : undefined) ??
    (sub ? paymentMethodFor(state, sub) : undefined);
  if (due > 0 && !chargeSucceeds(state, customer, pm)) {
    const first = (inv._first_failed_at as number | undefined) ?? at;
    inv._first_failed_at = first;
    const retry = state.config.retryDays[(inv.attempt_count as number) - 1];
    inv.next_payment_attempt = retry === undefined ? null : first + retry * DAY;
    const c = state.get(customer, 'customer');
    if (c) c.delinquent = true;
    emit(state, 'invoice.payment_failed', inv, at);
    return 'failed';
  }
  if (due > 0) {
    const piId = newId('pi');
    const charge = state.put({
      id: newId('ch'),
      object: 'charge',
      amount: due,
      amount_captured: due,
      amount_refunded: 0,
      captured: true,
      created: at,
      currency: inv.currency,
      customer,
      livemode: false,
      metadata: {},
      paid: true,
      payment_intent: piId,
      payment_method: pm!.id,
      refunded: false,
      status: 'succeeded',
      balance_transaction: newId('txn'),
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: (pm!.card as { last4: string }).last4 } },
    });
    state.put({
      id: piId,
      object: 'payment_intent',
      amount: due,
      amount_received: due,
      created: at,
      currency: inv.currency,
      customer,
      latest_charge: charge.id,
      livemode: false,
      metadata: {},
      payment_method: pm!.id,
      status: 'succeeded',
    });
  }
  Object.assign(inv, {
    status: 'paid',
    amount_paid: due,
    amount_remaining: 0,
    next_payment_attempt: null,
    status_transitions: { ...(inv.status_transitions as object), paid_at: at },
  });
  const c = state.get(customer, 'customer');
  if (c) c.delinquent = false;
  emit(state, 'invoice.paid', inv, at);
  emit(state, 'invoice.payment_succeeded', inv, at);
  return 'paid';
}

/** Voids an open invoice (an incomplete subscription that expired). */
export function voidInvoice(state: StripeState, inv: StripeObject, at: number): void {
  if (inv.status !== 'open' && inv.status !== 'draft') return;
  Object.assign(inv, {
    status: 'void',
    next_payment_attempt: null,
    amount_remaining: 0,
    status_transitions: { ...(inv.status_transitions as object), voided_at: at },
  });
  emit(state, 'invoice.voided', inv, at);
}
