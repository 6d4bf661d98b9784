// Polar AccessLink sandbox, mounted at /polar: Polar Flow's consent page (/polar/flow/…), the token
// endpoint (/polar/remote/…), AccessLink v3 (/polar/accesslink/v3/…), the control API
// (/polar/_control/…) and a dashboard (/polar/). See ../README.md, "Polar AccessLink".
import { BodyTooLarge, escapeHtml as e, page, providerHandler } from '../http.ts';
import type { SandboxModule } from '../http.ts';
import { json } from '../strava/common.ts';
import { API_BASE, handleApi } from './api.ts';
import { handleControl } from './control.ts';
import { handleOAuth } from './oauth.ts';
import { PolarState, configFrom } from './state.ts';
import type { PolarOptions } from './state.ts';

export type { PolarConfig, PolarOptions } from './state.ts';

/** What Node-side callers (tests, `npm run dev`) get on `sandbox.polar`. */
export interface PolarHandle {
  state: () => ReturnType<PolarState['snapshot']>;
  configure: (patch: PolarOptions) => void;
  reset: () => void;
}

export interface PolarSandbox extends SandboxModule, PolarHandle {}

const table = (head: string[], rows: (string | number | boolean)[][]) =>
  rows.length
    ? `<div class="scroll"><table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${e(String(c))}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`
    : '<p class="empty">None yet.</p>';

function dashboard(s: PolarState, nav: { href: string; label: string }[]): string {
  const snap = s.snapshot();
  const webhook = snap.webhook
    ? `Webhook ${e(snap.webhook.id)} → ${e(snap.webhook.url)} (${e(snap.webhook.events.join(', '))}; ${snap.webhook.active ? 'active' : 'inactive'})`
    : `No webhook (POST ${API_BASE}/webhooks with the client's Basic credentials).`;
  const body = `<style>.scroll{overflow-x:auto;margin-bottom:1rem}table{border-collapse:collapse}td,th{border:1px solid var(--line);padding:.2rem .6rem;text-align:left;white-space:nowrap}</style>
<p class="meta">Now ${e(snap.now)} · client_id ${e(s.config.clientId)} · ${snap.registeredUsers} registered ${snap.registeredUsers === 1 ? 'user' : 'users'} ·
${snap.calls.total} AccessLink calls (${snap.calls.rateLimited} answered 429, ${snap.calls.unauthorized} answered 401) · <a href="/polar/_control/state">state JSON</a></p>
<h2>Users</h2>${table(
    ['Id', 'Registered', 'Consents', 'Exercises', 'Listed to the client', 'Live tokens'],
    snap.users.map((u) => [u.id, u.registered, u.consents, u.exercises, u.visible, u.activeTokens]),
  )}
<h2>Webhook</h2><p class="meta">${webhook}</p>${table(
    ['At', 'Event', 'User', 'Exercise', 'Status', 'ms', 'Signed'],
    snap.deliveries.map((d) => [d.at.slice(11, 19), d.event, d.userId ?? '', d.entityId ?? '', d.status ?? d.error ?? '-', d.ms, d.signed]),
  )}`;
  return page('Cadence provider sandbox — Polar AccessLink', nav, body);
}

const routeShape = (path: string) =>
  path
    .replace(/\/exercises\/[^/]+/, '/exercises/{id}')
    .replace(/\/webhooks\/(?!activate|deactivate)[^/]+/, '/webhooks/{id}')
    .replace(/\/\d+(?=\/|$)/g, '/{id}');

export function createPolarSandbox(opts: {
  options?: PolarOptions;
  log?: (line: string) => void;
  nav: () => { href: string; label: string }[];
}): PolarSandbox {
  const state = new PolarState(configFrom(opts.options));
  const log = opts.log ?? (() => {});
  return {
    prefix: 'polar',
    title: 'Polar',
    home: '/polar/',
    state: () => state.snapshot(),
    configure: (patch) => state.configure(patch),
    reset: () => state.reset(),
    handle: providerHandler({
      prefix: 'polar',
      dashboard: () => dashboard(state, opts.nav()),
      handlers: [(...r) => handleOAuth(state, ...r), (...r) => handleApi(state, ...r), (...r) => handleControl(state, ...r)],
      log,
      shape: routeShape,
      // Successful AccessLink reads are not logged.
      quiet: (path) => path.startsWith(API_BASE),
      badBody: (res, err) => {
        if (!(err instanceof BodyTooLarge)) return false;
        json(res, 413, { error: 'body too large' });
        return true;
      },
    }),
  };
}
