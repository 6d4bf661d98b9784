// Stripe sandbox module, mounted at /stripe: API v1 (/stripe/v1/…), the hosted checkout page
// (/stripe/checkout/{id}), customer portal (/stripe/portal/{id}) and invoice page (/stripe/invoice/{id}),
// the control API (/stripe/_control/…) and a dashboard (/stripe/). See ../README.md.
import { BodyTooLarge, escapeHtml, page, sendHtml } from '../http.ts';
import type { SandboxModule } from '../http.ts';
import { handleApi, stripeError } from './api.ts';
import { seedCatalog } from './catalog.ts';
import { handleControl } from './control.ts';
import { takePending } from './deliveries.ts';
import type { PendingFilter } from './deliveries.ts';
import { handleInvoicePage } from './invoice-page.ts';
import { handleCheckoutPage } from './page.ts';
import { handlePortalPage } from './portal.ts';
import { StripeState } from './state.ts';
import type { StripeConfig } from './state.ts';

export type { StripeConfig } from './state.ts';

/** What Node-side callers (the dev stack, tests' global setup) get on `sandbox.stripe`. */
export interface StripeHandle {
  /** Sessions, recent events and webhook deliveries (same as GET /stripe/_control/state). */
  state: () => ReturnType<StripeState['snapshot']>;
  /** Sets the webhook URL the signed events go to, or the signing secret. */
  configure: (patch: Partial<StripeConfig>) => void;
  /** Forgets every object, event and idempotency key, then seeds the catalog again; keeps the config. */
  reset: () => void;
}

/** Ids in paths (cus_…, sub_…, in_…) become {id} in logs: route shapes only. */
const ID_IN_PATH = /\/(cs_test|evt|ch|pi|re|in|cus|sub|si|price|prod|clock|pm|bps|il)_[A-Za-z0-9]+/g;

export interface StripeSandbox extends SandboxModule, StripeHandle {
  /** Signed events queued by /v1 calls and the hosted pages (same as GET /stripe/_control/deliveries). */
  deliveries: (filter?: PendingFilter) => ReturnType<typeof takePending>;
}

export function createStripeSandbox(opts: {
  options?: Partial<StripeConfig>;
  log?: (line: string) => void;
  nav: () => { href: string; label: string }[];
}): StripeSandbox {
  const state = new StripeState(opts.options);
  state.onReset = () => seedCatalog(state);
  seedCatalog(state);
  const log = opts.log ?? (() => {});
  return {
    prefix: 'stripe',
    title: 'Stripe',
    home: '/stripe/',
    state: () => state.snapshot(),
    configure: (patch) => {
      Object.assign(state.config, patch);
      if (patch.catalog) seedCatalog(state);
    },
    reset: () => state.reset(),
    deliveries: (filter = {}) => takePending(state, filter),
    async handle(req, res, url) {
      if (req.method === 'GET' && (url.pathname === '/stripe' || url.pathname === '/stripe/')) {
        const snap = state.snapshot();
        const rows = snap.events.map((e) => `<li><code>${escapeHtml(String(e.id))}</code> ${escapeHtml(String(e.type))}</li>`).join('');
        const subs = snap.subscriptions
          .map((s) => `<li><code>${escapeHtml(s.id)}</code> ${escapeHtml(String(s.status))} · ${escapeHtml(String(s.customer))}</li>`)
          .join('');
        const sessions = snap.sessions
          .map(
            (s) =>
              `<li><a href="/stripe/checkout/${escapeHtml(s.id)}">${escapeHtml(s.id)}</a> ${escapeHtml(String(s.status))} ${escapeHtml(String(s.amount_total))} ${escapeHtml(String(s.currency))}</li>`,
          )
          .join('');
        sendHtml(
          res,
          200,
          page(
            'Stripe sandbox',
            opts.nav(),
            `<p class="meta">Webhooks go to ${escapeHtml(snap.config.webhookUrl ?? '(not configured)')}</p><h2>Checkout sessions</h2><ul>${sessions || '<li class="empty">None yet</li>'}</ul><h2>Subscriptions</h2><ul>${subs || '<li class="empty">None yet</li>'}</ul><h2>Events</h2><ul>${rows || '<li class="empty">None yet</li>'}</ul>`,
          ),
        );
        return true;
      }
      try {
        const handled =
          (await handleApi(state, req, res, url, log)) ||
          (await handleCheckoutPage(state, req, res, url, opts.nav(), log)) ||
          (await handlePortalPage(state, req, res, url, opts.nav(), log)) ||
          (await handleInvoicePage(state, req, res, url, opts.nav(), log)) ||
          (await handleControl(state, req, res, url, log));
        // Method, route shape and status only: keys, metadata and amounts stay out of logs.
        if (handled) log(`stripe ${req.method} ${url.pathname.replace(ID_IN_PATH, '/{id}')} → ${res.statusCode}`);
        return handled;
      } catch (err) {
        if (err instanceof BodyTooLarge) stripeError(res, 413, 'invalid_request_error', 'Request body too large.');
        else throw err;
        return true;
      }
    },
  };
}
