// What happens to a subscription as time passes (only a test clock moves time): the trial-ending
// notice, the trial's end (charge the card, or cancel/pause without one), renewals, retries of a
// failed renewal, and cancellation at the period's end. Each step sends the events Stripe sends,
// with the subscription's `previous_attributes`.
import { paymentMethodFor } from './customers.ts';
import { attemptPayment, createInvoice, finalizeInvoice, voidInvoice } from './invoices.ts';
import type { LineInput } from './invoices.ts';
import { before, emit, present } from './objects.ts';
import type { StripeObject, StripeState } from './state.ts';
import { DAY, addInterval } from './time.ts';

export type Item = StripeObject & { price: StripeObject; quantity: number; current_period_start: number; current_period_end: number };

export const itemOf = (sub: StripeObject): Item => (sub.items as { data: Item[] }).data[0]!;

export const periodOf = (sub: StripeObject) => {
  const i = itemOf(sub);
  return { start: i.current_period_start, end: i.current_period_end };
};

export function setPeriod(sub: StripeObject, start: number, end: number): void {
  Object.assign(itemOf(sub), { current_period_start: start, current_period_end: end });
}

/** The end of the period that starts at `start` for this price, on the billing anchor's day of the month. */
export function periodEnd(anchor: number, price: StripeObject, start: number): number {
  const r = price.recurring as { interval: string; interval_count: number };
  return addInterval(start, r.interval, r.interval_count, anchor);
}

const dollars = (cents: number, currency: string) => `${currency === 'usd' ? '$' : ''}${(cents / 100).toFixed(2)}`;

/** Stripe's line description, e.g. "1 × Cadence Pro (at $12.00 / month)". */
export function describe(state: StripeState, price: StripeObject, quantity: number): string {
  const name = String(state.get(String(price.product))?.name ?? 'Subscription');
  const r = price.recurring as { interval: string };
  return `${quantity} × ${name} (at ${dollars(price.unit_amount as number, String(price.currency))} / ${r.interval})`;
}

/** A full-period line for the subscription's current price. */
export function periodLine(state: StripeState, sub: StripeObject, start: number, end: number): LineInput {
  const item = itemOf(sub);
  return {
    amount: (item.price.unit_amount as number) * item.quantity,
    description: describe(state, item.price, item.quantity),
    price: item.price,
    quantity: item.quantity,
    period: { start, end },
    proration: false,
    subscription: sub,
  };
}

/**
 * Runs `fn`, then sends what changed: customer.subscription.deleted when it ended, else
 * customer.subscription.updated with the previous values (plus .paused / .resumed).
 */
export function change(state: StripeState, sub: StripeObject, at: number, fn: () => void): void {
  const old = present(sub);
  fn();
  const now = present(sub);
  const changed = Object.keys(now).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(now[k]));
  if (!changed.length) return;
  if (sub.status === 'canceled' && old.status !== 'canceled') {
    emit(state, 'customer.subscription.deleted', sub, at);
    return;
  }
  emit(state, 'customer.subscription.updated', sub, at, before(old, changed));
  if (sub.status === 'paused' && old.status !== 'paused') emit(state, 'customer.subscription.paused', sub, at);
  if (old.status === 'paused' && sub.status !== 'paused') emit(state, 'customer.subscription.resumed', sub, at);
}

/** Ends the subscription now; an earlier at-period-end request keeps its `canceled_at`. */
export function endSubscription(state: StripeState, sub: StripeObject, at: number, reason: string | null): void {
  Object.assign(sub, {
    status: 'canceled',
    canceled_at: (sub.canceled_at as number | null) ?? at,
    ended_at: at,
    cancellation_details: {
      ...(sub.cancellation_details as object),
      reason: reason ?? (sub.cancellation_details as { reason: unknown }).reason,
    },
  });
  // Stripe stops collecting the subscription's open invoices once it ends.
  const inv = state.get(String(sub.latest_invoice), 'invoice');
  if (inv?.status === 'open') inv.next_payment_attempt = null;
}

/** The subscription's status after a charge attempt on its invoice. */
export function applyResult(state: StripeState, sub: StripeObject, inv: StripeObject, result: 'paid' | 'failed', at: number): void {
  if (sub.status === 'canceled') return;
  if (result === 'paid') {
    sub.status = 'active';
    return;
  }
  if (sub.status === 'incomplete') return;
  if (inv.next_payment_attempt !== null) sub.status = 'past_due';
  else if (state.config.afterRetries === 'canceled') endSubscription(state, sub, at, 'payment_failed');
  else sub.status = 'unpaid';
}

/** A new period and its invoice, charged at once (an `unpaid` subscription's invoices stay drafts, as on Stripe). */
export function renew(state: StripeState, sub: StripeObject, at: number): void {
  change(state, sub, at, () => {
    const prev = periodOf(sub);
    const next = periodEnd(sub.billing_cycle_anchor as number, itemOf(sub).price, at);
    setPeriod(sub, at, next);
    const pending = (sub._pending_lines as LineInput[] | undefined) ?? [];
    sub._pending_lines = [];
    const inv = createInvoice(state, {
      sub,
      lines: [...pending, periodLine(state, sub, at, next)],
      at,
      reason: 'subscription_cycle',
      period: prev,
    });
    sub.latest_invoice = inv.id;
    if (sub.status === 'unpaid') return;
    if (sub.status === 'trialing') sub.status = 'active';
    finalizeInvoice(state, inv, at);
    applyResult(state, sub, inv, attemptPayment(state, inv, at), at);
  });
}

/** The trial is over: bill the card; without one, cancel, pause, or invoice (and fail) as the trial settings say. */
export function endTrial(state: StripeState, sub: StripeObject, at: number): void {
  const behavior = (sub.trial_settings as { end_behavior: { missing_payment_method: string } }).end_behavior.missing_payment_method;
  if (!paymentMethodFor(state, sub) && behavior !== 'create_invoice') {
    change(state, sub, at, () => {
      if (behavior === 'cancel') endSubscription(state, sub, at, null);
      else sub.status = 'paused';
    });
    return;
  }
  renew(state, sub, at);
}

/** A scheduled retry of the latest invoice (past_due subscriptions). */
export function retry(state: StripeState, sub: StripeObject, at: number): void {
  const inv = state.get(String(sub.latest_invoice), 'invoice')!;
  change(state, sub, at, () => applyResult(state, sub, inv, attemptPayment(state, inv, at), at));
}

/** The next thing due for a subscription, if any: when, and what to run then. */
export function nextDue(state: StripeState, sub: StripeObject): { at: number; run: () => void } | null {
  const status = sub.status as string;
  if (status === 'trialing') {
    const end = sub.trial_end as number;
    if (!sub._trial_will_end_sent)
      return {
        at: Math.max(end - 3 * DAY, sub.trial_start as number),
        run: () => {
          sub._trial_will_end_sent = true;
          emit(state, 'customer.subscription.trial_will_end', sub, Math.max(end - 3 * DAY, sub.trial_start as number));
        },
      };
    if (sub.cancel_at_period_end) return { at: end, run: () => change(state, sub, end, () => endSubscription(state, sub, end, null)) };
    return { at: end, run: () => endTrial(state, sub, end) };
  }
  if (status === 'active' || status === 'past_due' || status === 'unpaid') {
    const end = periodOf(sub).end;
    const inv = state.get(String(sub.latest_invoice), 'invoice');
    const retryAt = inv?.status === 'open' ? (inv.next_payment_attempt as number | null) : null;
    if (status === 'past_due' && retryAt !== null && retryAt < end) return { at: retryAt, run: () => retry(state, sub, retryAt) };
    const cancelAt = sub.cancel_at as number | null;
    if (cancelAt !== null && cancelAt <= end)
      return { at: cancelAt, run: () => change(state, sub, cancelAt, () => endSubscription(state, sub, cancelAt, null)) };
    return { at: end, run: () => renew(state, sub, end) };
  }
  if (status === 'incomplete') {
    // Stripe gives the first payment 23 hours; then the subscription expires and its invoice is voided.
    const at = (sub.created as number) + 23 * 3600;
    return {
      at,
      run: () =>
        change(state, sub, at, () => {
          sub.status = 'incomplete_expired';
          sub.ended_at = at;
          const inv = state.get(String(sub.latest_invoice), 'invoice');
          if (inv) voidInvoice(state, inv, at);
        }),
    };
  }
  return null;
}
