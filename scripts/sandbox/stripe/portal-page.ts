// The portal's markup: the customer's subscriptions (plan, status, next date) with their actions,
// the other catalog prices with a link to a preview of the switch (credit for unused time, charge
// for the new plan, net), the card on file with the two test cards, the invoices, and the way back.
// Plain forms and tables with labels and headers, so it works with a keyboard and a screen reader.
import { escapeHtml } from '../http.ts';
import { itemOf } from './billing-cycle.ts';
import { money } from './page.ts';
import { previewPlanChange } from './proration.ts';
import type { StripeObject, StripeState } from './state.ts';
import { isoDate, nowFor } from './time.ts';

const e = (v: unknown) => escapeHtml(String(v ?? ''));
const ENDED = new Set(['canceled', 'incomplete_expired']);

/** "Cadence Pro, monthly — $12.00" */
export function planLabel(state: StripeState, price: StripeObject): string {
  const r = price.recurring as { interval: string; interval_count: number };
  const every = r.interval_count === 1 ? `${r.interval}ly`.replace('dayly', 'daily') : `every ${r.interval_count} ${r.interval}s`;
  return `${String(state.get(String(price.product))?.name ?? price.id)}, ${every} — ${money(price.unit_amount as number, String(price.currency))}`;
}

function nextDate(sub: StripeObject): string {
  const end = itemOf(sub).current_period_end;
  if (sub.status === 'trialing')
    return `Trial ends on ${isoDate(sub.trial_end as number)}${sub.cancel_at_period_end ? ' (then cancels)' : ''}`;
  if (sub.cancel_at_period_end || sub.cancel_at) return `Cancels on ${isoDate((sub.cancel_at as number | null) ?? end)}`;
  if (sub.status === 'paused') return 'Paused: no payments are taken';
  return `Renews on ${isoDate(end)}`;
}

function subscriptionArticle(state: StripeState, home: string, sub: StripeObject): string {
  const item = itemOf(sub);
  const base = `${home}/subscriptions/${encodeURIComponent(sub.id)}`;
  const button = (action: string, label: string) =>
    `<form method="post" action="${e(`${base}/${action}`)}"><button type="submit">${e(label)}</button></form>`;
  const actions = ENDED.has(String(sub.status))
    ? ''
    : [
        sub.cancel_at_period_end ? button('renew', "Don't cancel") : button('cancel', 'Cancel at period end'),
        button('cancel-now', 'Cancel now'),
      ].join('');
  const others = state
    .all('price')
    .filter((p) => p.active && p.recurring && p.lookup_key && p.id !== item.price.id)
    .map((p) => `<li><a href="${e(`${base}/change?price=${encodeURIComponent(p.id)}`)}">Switch to ${e(planLabel(state, p))}</a></li>`)
    .join('');
  const switching = ENDED.has(String(sub.status))
    ? ''
    : `<h3>Switch plan</h3><ul>${others || '<li class="empty">No other plans</li>'}</ul>`;
  return `<article aria-labelledby="${e(sub.id)}-title"><h2 id="${e(sub.id)}-title">${e(planLabel(state, item.price))}</h2>
<dl><dt>Status</dt><dd>${e(sub.status)}</dd><dt>Next</dt><dd>${e(ENDED.has(String(sub.status)) ? `Ended on ${isoDate(sub.ended_at as number)}` : nextDate(sub))}</dd></dl>
${actions}${switching}</article>`;
}

export function renderPortal(state: StripeState, home: string, session: StripeObject, customer: StripeObject): string {
  const subs = state
    .all('subscription')
    .filter((s) => s.customer === customer.id)
    .reverse();
  const live = subs.filter((s) => !ENDED.has(String(s.status)));
  const shown = live.length ? live : subs.slice(0, 1);
  const pmId = (customer.invoice_settings as { default_payment_method: string | null }).default_payment_method;
  const card = pmId ? (state.get(pmId)?.card as { brand: string; last4: string } | undefined) : undefined;
  const invoices = state
    .all('invoice')
    .filter((i) => i.customer === customer.id)
    .reverse()
    .map(
      (i) =>
        `<tr><td>${e(i.number ?? i.id)}</td><td>${e(isoDate(i.created as number))}</td><td>${e(money(i.total as number, String(i.currency)))}</td><td>${e(i.status)}</td><td>${i.hosted_invoice_url ? `<a href="${e(i.hosted_invoice_url)}">View</a>` : ''}</td></tr>`,
    )
    .join('');
  const back = session.return_url ? `<p><a href="${e(session.return_url)}">Return to Cadence</a></p>` : '';
  return `<p class="meta">Sandbox customer portal for ${e(customer.email ?? customer.id)} · test mode, no real money moves.</p>${back}
${shown.map((s) => subscriptionArticle(state, home, s)).join('') || '<p class="empty">No subscription yet.</p>'}
<article aria-labelledby="card-title"><h2 id="card-title">Payment method</h2>
<p>${card ? `${e(card.brand)} ending in ${e(card.last4)}` : 'No card on file'}</p>
<form method="post" action="${e(`${home}/card`)}"><fieldset><legend>New card (test cards)</legend>
<label><input type="radio" name="card" value="4242 4242 4242 4242" checked> 4242 4242 4242 4242 (payments succeed)</label>
<label><input type="radio" name="card" value="4000 0000 0000 0341"> 4000 0000 0000 0341 (attaches; payments fail)</label>
</fieldset><button type="submit">Update card</button></form></article>
<article aria-labelledby="invoices-title"><h2 id="invoices-title">Invoices</h2>
<table><thead><tr><th scope="col">Number</th><th scope="col">Date</th><th scope="col">Amount</th><th scope="col">Status</th><th scope="col">Invoice</th></tr></thead>
<tbody>${invoices || '<tr><td colspan="5" class="empty">None yet</td></tr>'}</tbody></table></article>${back}`;
}

/** The switch's figures before the customer confirms it, as the config's proration behaviour will bill them. */
export function renderChangePreview(state: StripeState, home: string, sub: StripeObject, price: StripeObject): string {
  const behavior = state.config.portalProrationBehavior;
  const at = nowFor(state, String(sub.customer));
  const pv = previewPlanChange(state, sub, price, at, behavior);
  const cur = String(price.currency);
  const when =
    sub.status === 'trialing'
      ? 'Nothing is charged during the trial.'
      : pv.resetsPeriod || behavior === 'always_invoice'
        ? 'Charged today (a credit is kept for your next invoices).'
        : 'Added to your next invoice.';
  const row = (label: string, cents: number) => `<tr><th scope="row">${e(label)}</th><td>${e(money(cents, cur))}</td></tr>`;
  return `<article aria-labelledby="preview-title"><h2 id="preview-title">Switch to ${e(planLabel(state, price))}</h2>
<p>From ${e(planLabel(state, itemOf(sub).price))}. ${e(Math.round(pv.fraction * 100))}% of the current period remains${pv.resetsPeriod ? '; the new billing period starts today' : ''}.</p>
<table><tbody>${row('Credit for unused time', pv.credit)}${row(pv.resetsPeriod ? 'Charge for the new plan (full period)' : 'Charge for the new plan (remaining time)', pv.charge)}${row('Net', pv.net)}</tbody></table>
<p>${e(when)} Next period ends on ${e(isoDate(pv.periodEnd))}.</p>
<form method="post" action="${e(`${home}/subscriptions/${encodeURIComponent(sub.id)}/change`)}"><input type="hidden" name="price" value="${e(price.id)}"><button type="submit">Confirm switch</button></form>
<p><a href="${e(home)}">Back to the portal</a></p></article>`;
}
