// The customer portal: POST /v1/billing_portal/sessions gives a URL to /stripe/portal/{id}, a plain
// HTML page (portal-page.ts) where the customer switches plan (with the proration shown first),
// cancels at period end or undoes it, cancels now, or changes card. Every action sends the events
// Stripe sends and waits for their delivery before showing the page again.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml, page, readBody, redirect, sendHtml } from '../http.ts';
import { recurringPrice } from './catalog.ts';
import { attachCard, customerById, setDefaultPaymentMethod, testCard } from './customers.ts';
import { publish } from './deliveries.ts';
import { payInvoiceNow } from './invoice-routes.ts';
import { present } from './objects.ts';
import { str, url } from './params.ts';
import { renderChangePreview, renderPortal } from './portal-page.ts';
import { applyPlanChange } from './proration.ts';
import type { Route } from './routes.ts';
import { newId, now } from './state.ts';
import type { StripeObject, StripeState } from './state.ts';
import { cancelNow, setCancelAtPeriodEnd } from './subscriptions.ts';
import { nowFor } from './time.ts';

export const portalRoutes: Route[] = [
  {
    method: 'POST',
    path: /^\/billing_portal\/sessions$/,
    run: ({ state, p, base }) => {
      const customer = customerById(state, str(p.customer, 'customer', true)!);
      const id = newId('bps');
      return present(
        state.put({
          id,
          object: 'billing_portal.session',
          configuration: str(p.configuration, 'configuration') ?? 'bpc_sandbox_default',
          created: now(),
          customer: customer.id,
          customer_account: null,
          flow: null,
          livemode: false,
          locale: null,
          on_behalf_of: null,
          return_url: url(p.return_url, 'return_url', false) || null,
          url: `${base}/stripe/portal/${id}`,
        }),
      );
    },
  },
];

type Nav = { href: string; label: string }[];

const MESSAGES: Record<string, string> = {
  switched: 'Your plan was switched.',
  'switched-unpaid': 'Your plan was switched, but the payment for it failed: update your card.',
  canceling: 'Your plan will be canceled at the end of the billing period.',
  renewed: 'Your plan will renew as usual.',
  canceled: 'Your plan was canceled.',
  card: 'Your card was updated.',
  'card-paid': 'Your card was updated and the open invoice was paid.',
  'card-declined': 'Your card was updated, but the open invoice could not be paid.',
  invalid: 'That action is not available.',
};

/** The customer's subscription named in the path, if it is theirs. */
function ownSubscription(state: StripeState, customer: string, id: string): StripeObject | undefined {
  const sub = state.get(id, 'subscription');
  return sub && sub.customer === customer ? sub : undefined;
}

/** Runs one portal action; answers the flash message key. */
function act(state: StripeState, session: StripeObject, parts: string[], form: URLSearchParams): string {
  const customer = customerById(state, String(session.customer));
  const at = nowFor(state, customer.id);
  if (parts[0] === 'card') {
    const card = testCard(form.get('card') ?? '');
    if (!card) return 'invalid';
    const pm = attachCard(state, card, customer.id, at);
    setDefaultPaymentMethod(state, customer, pm.id, at);
    // A subscription's own default card would win over the customer's: the portal updates both.
    let result = 'card';
    for (const sub of state.all('subscription').filter((s) => s.customer === customer.id && s.status !== 'canceled')) {
      if (sub.default_payment_method) sub.default_payment_method = pm.id;
      const inv = state.get(String(sub.latest_invoice), 'invoice');
      // Stripe retries the open invoice of a past-due subscription once a new card is added.
      if (inv?.status === 'open' && (sub.status === 'past_due' || sub.status === 'unpaid'))
        result = payInvoiceNow(state, inv) === 'paid' ? 'card-paid' : 'card-declined';
    }
    return result;
  }
  const sub = parts[0] === 'subscriptions' ? ownSubscription(state, customer.id, parts[1] ?? '') : undefined;
  if (!sub || sub.status === 'canceled' || sub.status === 'incomplete_expired') return 'invalid';
  switch (parts[2]) {
    case 'cancel':
      setCancelAtPeriodEnd(state, sub, true, at);
      return 'canceling';
    case 'renew':
      setCancelAtPeriodEnd(state, sub, false, at);
      return 'renewed';
    case 'cancel-now':
      cancelNow(state, sub, at);
      return 'canceled';
    case 'change': {
      const price = recurringPrice(state, form.get('price') ?? '', 'price');
      const { invoice } = applyPlanChange(state, sub, price, state.config.portalProrationBehavior, at);
      return invoice && invoice.status !== 'paid' ? 'switched-unpaid' : 'switched';
    }
    default:
      return 'invalid';
  }
}

export async function handlePortalPage(
  state: StripeState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  nav: Nav,
  log: (l: string) => void,
): Promise<boolean> {
  const m = /^\/stripe\/portal\/([^/]+)(?:\/(.+))?$/.exec(url.pathname);
  if (!m) return false;
  const session = state.get(decodeURIComponent(m[1]!), 'billing_portal.session');
  if (!session) {
    sendHtml(
      res,
      404,
      page(
        'Portal not found',
        nav,
        '<p class="empty">This portal link does not exist (the sandbox forgets sessions when it restarts).</p>',
      ),
    );
    return true;
  }
  const home = `/stripe/portal/${encodeURIComponent(session.id)}`;
  const parts = (m[2] ?? '').split('/').filter(Boolean).map(decodeURIComponent);
  if (req.method === 'POST') {
    const form = new URLSearchParams(await readBody(req, 10_000));
    let done = 'invalid';
    try {
      const { value, events } = state.collect(() => act(state, session, parts, form));
      done = value;
      await publish(state, events, log, true);
    } catch (err) {
      if (!(err instanceof Error && 'param' in err)) throw err;
    }
    redirect(res, `${home}?done=${encodeURIComponent(done)}`);
    return true;
  }
  if (req.method !== 'GET') return false;
  const customer = customerById(state, String(session.customer));
  if (parts.length === 3 && parts[0] === 'subscriptions' && parts[2] === 'change') {
    const sub = ownSubscription(state, customer.id, parts[1]!);
    const price = state.get(url.searchParams.get('price') ?? '', 'price');
    if (!sub || !price) {
      redirect(res, `${home}?done=invalid`);
      return true;
    }
    sendHtml(res, 200, page('Confirm your new plan', nav, renderChangePreview(state, home, sub, price)));
    return true;
  }
  if (parts.length) return false;
  const done = url.searchParams.get('done');
  const flash = done && MESSAGES[done] ? `<p role="status"><strong>${escapeHtml(MESSAGES[done])}</strong></p>` : '';
  sendHtml(res, 200, page('Manage your subscription', nav, flash + renderPortal(state, home, session, customer)));
  return true;
}
