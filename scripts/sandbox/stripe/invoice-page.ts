// The hosted invoice page (an invoice's hosted_invoice_url): number, status, lines and amounts, and
// for an open invoice a Pay form with the two test cards — how a customer settles a past-due
// renewal from the link in Stripe's email.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, page, readBody, redirect, sendHtml } from '../http.ts';
import { attachCard, testCard } from './customers.ts';
import { publish } from './deliveries.ts';
import { payInvoiceNow } from './invoice-routes.ts';
import { money } from './page.ts';
import type { StripeObject, StripeState } from './state.ts';
import { isoDate, nowFor } from './time.ts';

const e = (v: unknown) => escapeHtml(String(v ?? ''));

function render(inv: StripeObject, flash: string | null): string {
  const cur = String(inv.currency);
  const lines = ((inv.lines as { data?: { description: string; amount: number; period: { start: number; end: number } }[] }).data ?? [])
    .map(
      (l) =>
        `<tr><td>${e(l.description)}</td><td>${e(isoDate(l.period.start))} – ${e(isoDate(l.period.end))}</td><td>${e(money(l.amount, cur))}</td></tr>`,
    )
    .join('');
  const pay =
    inv.status === 'open'
      ? `<form method="post" action="/stripe/invoice/${e(inv.id)}/pay"><fieldset><legend>Pay with a test card</legend>
<label><input type="radio" name="card" value="4242 4242 4242 4242" checked> 4242 4242 4242 4242 (succeeds)</label>
<label><input type="radio" name="card" value="4000 0000 0000 0341"> 4000 0000 0000 0341 (declined)</label>
</fieldset><button type="submit">Pay ${e(money(inv.amount_remaining as number, cur))}</button></form>`
      : '';
  return `${flash ? `<p role="status"><strong>${e(flash)}</strong></p>` : ''}
<article aria-labelledby="inv-title"><h2 id="inv-title">Invoice ${e(inv.number ?? inv.id)}</h2>
<dl><dt>Status</dt><dd>${e(inv.status)}</dd><dt>Amount due</dt><dd>${e(money(inv.amount_due as number, cur))}</dd><dt>Amount paid</dt><dd>${e(money(inv.amount_paid as number, cur))}</dd></dl>
<table><thead><tr><th scope="col">Description</th><th scope="col">Period</th><th scope="col">Amount</th></tr></thead><tbody>${lines}</tbody></table>
${pay}</article>`;
}

export async function handleInvoicePage(
  state: StripeState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  nav: { href: string; label: string }[],
  log: (l: string) => void,
): Promise<boolean> {
  const m = /^\/stripe\/invoice\/([^/]+)(\/pay)?$/.exec(url.pathname);
  if (!m) return false;
  const inv = state.get(decodeURIComponent(m[1]!), 'invoice');
  if (!inv) {
    sendHtml(
      res,
      404,
      page('Invoice not found', nav, '<p class="empty">No such invoice (the sandbox forgets objects when it restarts).</p>'),
    );
    return true;
  }
  if (req.method === 'POST' && m[2]) {
    const card = testCard(new URLSearchParams(await readBody(req, 10_000)).get('card') ?? '');
    let done = 'invalid';
    if (card && inv.status === 'open') {
      const { value, events } = state.collect(() => {
        // The card typed on the page pays this invoice; it is attached to the customer as Stripe does.
        inv.default_payment_method = attachCard(state, card, String(inv.customer), nowFor(state, String(inv.customer))).id;
        return payInvoiceNow(state, inv);
      });
      done = value;
      await publish(state, events, log, true);
    }
    redirect(res, `/stripe/invoice/${encodeURIComponent(inv.id)}?done=${done}`);
    return true;
  }
  if (req.method !== 'GET' || m[2]) return false;
  const done = url.searchParams.get('done');
  const flash = done === 'paid' ? 'Payment received. Thank you!' : done === 'failed' ? 'Your card was declined.' : null;
  sendHtml(res, 200, page(`Invoice ${String(inv.number ?? inv.id)}`, nav, render(inv, flash)));
  return true;
}
