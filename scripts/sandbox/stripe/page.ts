// The hosted Checkout page a client lands on from the app's link. Payment mode: the line item, the
// amount, a test card, Pay and Cancel. Subscription mode: the plan, its price and interval, the
// trial, and a choice of the two test cards (4242 pays; 0341 attaches and fails later). Paying
// completes the session, delivers the signed events to the app's webhook URL (and queues them for
// GET _control/deliveries), then redirects to the session's success_url, as Stripe does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PAGE_CSP, escapeHtml, page, readBody, redirect, sendHtml } from '../http.ts';
import { publish } from './deliveries.ts';
import { paySession } from './payments.ts';
import type { StripeObject, StripeState } from './state.ts';
import { cardOptional, paySubscriptionSession } from './subscription-checkout.ts';
import type { SubscriptionTerms } from './subscription-checkout.ts';

export const money = (cents: number, currency: string) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;
  }
};

/** The pay/cancel forms redirect to the app: form-action must allow its origin. */
const cspFor = (...urls: (string | null)[]) =>
  PAGE_CSP.replace(
    "form-action 'self'",
    `form-action 'self' ${[...new Set(urls.filter((u): u is string => Boolean(u)).map((u) => new URL(u).origin))].join(' ')}`,
  );

const successUrl = (s: StripeObject) => String(s.success_url).replace('{CHECKOUT_SESSION_ID}', s.id);

function subscriptionForm(s: StripeObject, error: string | null): string {
  const item = (s._line_items as { description: string; quantity: number; amount_total: number; price: StripeObject }[])[0]!;
  const terms = s._subscription as SubscriptionTerms;
  const r = item.price.recurring as { interval: string };
  const price = `${money(item.amount_total, String(s.currency))} per ${r.interval}`;
  const id = escapeHtml(s.id);
  const noCard = cardOptional(s)
    ? '<label><input type="radio" name="card" value="none"> No card for now (the trial ends as the app chose)</label>'
    : '';
  return `<article aria-labelledby="plan-title"><h2 id="plan-title">Subscribe to ${escapeHtml(item.description)}</h2>
<p><strong>${escapeHtml(price)}</strong>${item.quantity > 1 ? ` · quantity ${item.quantity}` : ''}</p>
${terms.trialDays ? `<p>${terms.trialDays}-day free trial · ${escapeHtml(money(0, String(s.currency)))} due today</p>` : `<p>${escapeHtml(money(s.amount_total as number, String(s.currency)))} due today</p>`}
${error ? `<p role="alert"><strong>${escapeHtml(error)}</strong></p>` : ''}
<p class="meta">Sandbox checkout ${id} · test mode, no real money moves.</p>
<form method="post" action="/stripe/checkout/${id}/pay"><fieldset><legend>Card (test cards)</legend>
<label><input type="radio" name="card" value="4242 4242 4242 4242" checked> 4242 4242 4242 4242 (payments succeed)</label>
<label><input type="radio" name="card" value="4000 0000 0000 0341"> 4000 0000 0000 0341 (attaches; payments fail)</label>
${noCard}</fieldset><button type="submit">${terms.trialDays ? 'Start trial' : 'Subscribe'}</button></form>
${s.cancel_url ? `<form method="post" action="/stripe/checkout/${id}/cancel"><button type="submit">Cancel</button></form>` : ''}</article>`;
}

function paymentForm(s: StripeObject, item: { description: string; quantity: number }, total: string): string {
  return `<article><h2>${escapeHtml(item.description)}</h2>
<p>Quantity ${item.quantity} · <strong>${escapeHtml(total)}</strong></p>
<p class="meta">Sandbox checkout ${escapeHtml(s.id)} · test mode, no real money moves.</p>
<form method="post" action="/stripe/checkout/${escapeHtml(s.id)}/pay">
  <label>Card number <input name="card" value="4242 4242 4242 4242" readonly autocomplete="off"></label>
  <button type="submit">Pay ${escapeHtml(total)}</button>
</form>
<form method="post" action="/stripe/checkout/${escapeHtml(s.id)}/cancel"><button type="submit">Cancel</button></form></article>`;
}

function render(res: ServerResponse, s: StripeObject, nav: { href: string; label: string }[], error: string | null = null): void {
  const item = (s._line_items as { description: string; quantity: number }[])[0]!;
  const total = money(s.amount_total as number, String(s.currency));
  const body =
    s.status !== 'open'
      ? `<article><h2>${escapeHtml(item.description)}</h2><p>This checkout is ${escapeHtml(String(s.status))} (${escapeHtml(String(s.payment_status))}).</p>
<p><a href="${escapeHtml(successUrl(s))}">Back to the merchant</a></p></article>`
      : s.mode === 'subscription'
        ? subscriptionForm(s, error)
        : paymentForm(s, item, total);
  sendHtml(
    res,
    error ? 402 : 200,
    page(s.mode === 'subscription' ? 'Subscribe' : `Pay ${total}`, nav, body),
    cspFor(String(s.success_url), s.cancel_url as string | null),
  );
}

export async function handleCheckoutPage(
  state: StripeState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  nav: { href: string; label: string }[],
  log: (l: string) => void,
): Promise<boolean> {
  const m = /^\/stripe\/checkout\/([^/]+)(?:\/(pay|cancel))?$/.exec(url.pathname);
  if (!m) return false;
  const s = state.get(decodeURIComponent(m[1]!), 'checkout.session');
  if (!s) {
    sendHtml(
      res,
      404,
      page(
        'Checkout not found',
        nav,
        '<p class="empty">This checkout link does not exist (the sandbox forgets sessions when it restarts).</p>',
      ),
    );
    return true;
  }
  const action = m[2];
  if (req.method === 'POST' && action === 'cancel') {
    redirect(res, String(s.cancel_url ?? successUrl(s)));
    return true;
  }
  if (req.method === 'POST' && action === 'pay') {
    const form = new URLSearchParams(await readBody(req, 10_000));
    if (s.status === 'open' && s.mode === 'subscription') {
      try {
        const { events } = state.collect(() => paySubscriptionSession(state, s, form.get('card') ?? undefined));
        await publish(state, events, log, true);
      } catch (err) {
        // A declined card keeps the customer on the page, as Checkout does.
        if (!(err instanceof Error && 'param' in err)) throw err;
        render(res, s, nav, err.message);
        return true;
      }
    } else if (s.status === 'open') await publish(state, paySession(state, s.id), log, true);
    redirect(res, successUrl(s));
    return true;
  }
  if (req.method !== 'GET' || action) return false;
  render(res, s, nav);
  return true;
}
