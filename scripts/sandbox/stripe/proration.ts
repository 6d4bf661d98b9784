// Switching a subscription's price, prorated as Stripe does: a credit for the unused part of the
// current period at the old price and a charge for the rest of it at the new one (fraction = time
// left / period length). A new interval (monthly ↔ yearly) restarts the period now and bills the
// whole new period. `proration_behavior`: create_prorations (lines wait for the next invoice),
// always_invoice (invoiced and charged now), none (no proration lines).
import { applyResult, change, describe, itemOf, periodEnd, periodOf, setPeriod } from './billing-cycle.ts';
import { planOf } from './catalog.ts';
import { attemptPayment, createInvoice, finalizeInvoice } from './invoices.ts';
import type { LineInput } from './invoices.ts';
import { present } from './objects.ts';
import type { StripeObject, StripeState } from './state.ts';
import { isoDate } from './time.ts';

export type ProrationBehavior = 'create_prorations' | 'always_invoice' | 'none';

export interface PlanChangePreview {
  /** Share of the current period left, 0..1. */
  fraction: number;
  /** Credit for unused time (≤ 0, cents). */
  credit: number;
  /** Charge for the new price (remaining time, or a whole new period when the interval changes). */
  charge: number;
  net: number;
  /** The interval changes: the period restarts now and is invoiced at once. */
  resetsPeriod: boolean;
  /** When the (new) current period ends. */
  periodEnd: number;
  lines: LineInput[];
}

const sameInterval = (a: StripeObject, b: StripeObject) => {
  const x = a.recurring as { interval: string; interval_count: number };
  const y = b.recurring as { interval: string; interval_count: number };
  return x.interval === y.interval && x.interval_count === y.interval_count;
};

export function previewPlanChange(
  state: StripeState,
  sub: StripeObject,
  price: StripeObject,
  at: number,
  behavior: ProrationBehavior = 'create_prorations',
): PlanChangePreview {
  const item = itemOf(sub);
  const old = item.price;
  const q = item.quantity;
  const { start, end } = periodOf(sub);
  const resetsPeriod = sub.status !== 'trialing' && !sameInterval(old, price);
  const newEnd = resetsPeriod ? periodEnd(at, price, at) : end;
  // Trials are free: switching during one bills nothing until the trial ends.
  if (sub.status === 'trialing') return { fraction: 0, credit: 0, charge: 0, net: 0, resetsPeriod: false, periodEnd: end, lines: [] };
  const fraction = Math.min(1, Math.max(0, (end - at) / Math.max(1, end - start)));
  const prorate = behavior !== 'none';
  const credit = prorate ? -Math.round((old.unit_amount as number) * q * fraction) : 0;
  const charge = resetsPeriod ? (price.unit_amount as number) * q : prorate ? Math.round((price.unit_amount as number) * q * fraction) : 0;
  const name = (p: StripeObject) => String(state.get(String(p.product))?.name ?? 'Subscription');
  const lines: LineInput[] = [];
  if (credit !== 0)
    lines.push({
      amount: credit,
      description: `Unused time on ${q} × ${name(old)} after ${isoDate(at)}`,
      price: old,
      quantity: q,
      period: { start: at, end },
      proration: true,
      subscription: sub,
    });
  if (charge !== 0)
    lines.push({
      amount: charge,
      description: resetsPeriod ? describe(state, price, q) : `Remaining time on ${q} × ${name(price)} after ${isoDate(at)}`,
      price,
      quantity: q,
      period: { start: at, end: newEnd },
      proration: !resetsPeriod,
      subscription: sub,
    });
  return { fraction, credit, charge, net: credit + charge, resetsPeriod, periodEnd: newEnd, lines };
}

/** Applies the switch and bills it per `behavior` (customer.subscription.updated, invoice.* when invoiced). */
export function applyPlanChange(state: StripeState, sub: StripeObject, price: StripeObject, behavior: ProrationBehavior, at: number) {
  const pv = previewPlanChange(state, sub, price, at, behavior);
  let invoice: StripeObject | null = null;
  change(state, sub, at, () => {
    const item = itemOf(sub);
    item.price = present(price);
    item.plan = planOf(price);
    if (pv.resetsPeriod) {
      setPeriod(sub, at, pv.periodEnd);
      sub.billing_cycle_anchor = at;
    }
    if (!pv.lines.length) return;
    if (pv.resetsPeriod || behavior === 'always_invoice') {
      invoice = createInvoice(state, { sub, lines: pv.lines, at, reason: 'subscription_update' });
      sub.latest_invoice = invoice.id;
      finalizeInvoice(state, invoice, at);
      applyResult(state, sub, invoice, attemptPayment(state, invoice, at), at);
    } else {
      sub._pending_lines = [...((sub._pending_lines as LineInput[] | undefined) ?? []), ...pv.lines];
    }
  });
  return { preview: pv, invoice: invoice as StripeObject | null };
}
