// /v1/invoices: list (customer, subscription, status), retrieve, lines, pay now (a declined card
// answers 402 `card_error`, as Stripe's does) and void. Invoices made through the control API
// (`_control/events`) are stored as given and served the same way.
import { applyResult, change } from './billing-cycle.ts';
import { attemptPayment, voidInvoice } from './invoices.ts';
import { expand, listFilter, listOf, newestFirst, present } from './objects.ts';
import { StripeParamError, missing } from './params.ts';
import type { Route } from './routes.ts';
import type { StripeObject, StripeState } from './state.ts';
import { nowFor } from './time.ts';

export function invoiceById(state: StripeState, id: string): StripeObject {
  const inv = state.get(id, 'invoice');
  if (!inv) throw missing('invoice', id, 'invoice');
  return inv;
}

/** The subscription an invoice bills, if any (new API: parent.subscription_details.subscription). */
export function subscriptionOf(state: StripeState, inv: StripeObject): StripeObject | undefined {
  const id = (inv.parent as { subscription_details?: { subscription?: unknown } } | null | undefined)?.subscription_details?.subscription;
  return typeof id === 'string' ? state.get(id, 'subscription') : undefined;
}

/** Pays an open invoice now; the subscription follows (past_due/unpaid → active). */
export function payInvoiceNow(state: StripeState, inv: StripeObject): 'paid' | 'failed' {
  if (inv.status !== 'open')
    throw new StripeParamError(`Invoice is ${String(inv.status)}: only open invoices can be paid.`, 'invoice', 'invoice_not_open');
  const at = nowFor(state, String(inv.customer));
  const sub = subscriptionOf(state, inv);
  let result: 'paid' | 'failed' = 'failed';
  const attempt = () => {
    // An attempt made by hand does not move the retry schedule forward.
    const next = inv.next_payment_attempt;
    result = attemptPayment(state, inv, at);
    if (result === 'failed') inv.next_payment_attempt = next;
  };
  if (sub && sub.latest_invoice === inv.id)
    change(state, sub, at, () => {
      attempt();
      if (result === 'paid') applyResult(state, sub, inv, result, at);
    });
  else attempt();
  return result;
}

export const invoiceRoutes: Route[] = [
  {
    method: 'GET',
    path: /^\/invoices$/,
    run: ({ state, p, expand: ex }) => {
      const customer = listFilter(p, 'customer');
      const sub = listFilter(p, 'subscription');
      const status = listFilter(p, 'status');
      const invoices = newestFirst(
        state,
        'invoice',
        (i) =>
          (!customer || i.customer === customer) &&
          (!sub ||
            (i.parent as { subscription_details?: { subscription?: unknown } } | null)?.subscription_details?.subscription === sub) &&
          (!status || i.status === status),
      );
      return expand(state, listOf(invoices, p, '/v1/invoices'), ex);
    },
  },
  {
    method: 'GET',
    path: /^\/invoices\/([^/]+)$/,
    run: ({ state, id, expand: ex }) => expand(state, present(invoiceById(state, id)), ex),
  },
  {
    method: 'GET',
    path: /^\/invoices\/([^/]+)\/lines$/,
    run: ({ state, id, p }) => {
      const lines = ((invoiceById(state, id).lines as { data?: StripeObject[] } | undefined)?.data ?? []) as StripeObject[];
      return listOf(lines, p, `/v1/invoices/${id}/lines`, (l) => structuredClone(l));
    },
  },
  {
    method: 'POST',
    path: /^\/invoices\/([^/]+)\/pay$/,
    run: ({ state, id, expand: ex }) => {
      const inv = invoiceById(state, id);
      if (payInvoiceNow(state, inv) === 'failed')
        throw new StripeParamError('Your card was declined.', 'payment_method', 'card_declined', 402, 'card_error');
      return expand(state, present(inv), ex);
    },
  },
  {
    method: 'POST',
    path: /^\/invoices\/([^/]+)\/void$/,
    run: ({ state, id }) => {
      const inv = invoiceById(state, id);
      if (inv.status !== 'open') throw new StripeParamError('Only open invoices can be voided.', 'invoice', 'invoice_not_open');
      voidInvoice(state, inv, nowFor(state, String(inv.customer)));
      return present(inv);
    },
  },
];
