// The hosted Checkout page a client lands on from the coach's link: the line item, the amount,
// a test card, Pay and Cancel. Paying completes the session, delivers the signed events to the
// app's webhook URL, then redirects to the session's success_url, as Stripe does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PAGE_CSP, escapeHtml, page, redirect, sendHtml } from '../http.ts';
import { paySession } from './payments.ts';
import type { StripeState } from './state.ts';

const money = (cents: number, currency: string) => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency.toUpperCase()}`;
  }
};

/** The pay/cancel forms redirect to the app: form-action must allow its origin. */
const cspFor = (...urls: string[]) =>
  PAGE_CSP.replace("form-action 'self'", `form-action 'self' ${[...new Set(urls.map((u) => new URL(u).origin))].join(' ')}`);

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
    redirect(res, String(s.cancel_url));
    return true;
  }
  if (req.method === 'POST' && action === 'pay') {
    if (s.status === 'open') {
      const events = paySession(state, s.id);
      await state.deliver(
        events.map((e) => state.sign(e)),
        log,
      );
    }
    redirect(res, String(s.success_url).replace('{CHECKOUT_SESSION_ID}', s.id));
    return true;
  }
  if (req.method !== 'GET' || action) return false;
  const item = (s._line_items as { description: string; quantity: number; amount_total: number }[])[0]!;
  const total = money(s.amount_total as number, String(s.currency));
  const body =
    s.status === 'open'
      ? `<article><h2>${escapeHtml(item.description)}</h2>
<p>Quantity ${item.quantity} · <strong>${escapeHtml(total)}</strong></p>
<p class="meta">Sandbox checkout ${escapeHtml(s.id)} · test mode, no real money moves.</p>
<form method="post" action="/stripe/checkout/${escapeHtml(s.id)}/pay">
  <label>Card number <input name="card" value="4242 4242 4242 4242" readonly autocomplete="off"></label>
  <button type="submit">Pay ${escapeHtml(total)}</button>
</form>
<form method="post" action="/stripe/checkout/${escapeHtml(s.id)}/cancel"><button type="submit">Cancel</button></form></article>`
      : `<article><h2>${escapeHtml(item.description)}</h2><p>This checkout is ${escapeHtml(String(s.status))} (${escapeHtml(String(s.payment_status))}).</p>
<p><a href="${escapeHtml(String(s.success_url).replace('{CHECKOUT_SESSION_ID}', s.id))}">Back to the merchant</a></p></article>`;
  sendHtml(res, 200, page(`Pay ${total}`, nav, body), cspFor(String(s.success_url), String(s.cancel_url)));
  return true;
}
