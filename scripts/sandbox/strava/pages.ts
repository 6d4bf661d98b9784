// The two HTML pages of the Strava sandbox: the OAuth consent page (plain form, no scripts) and a
// dashboard with usage, counters, athletes and webhook deliveries. Everything shown is escaped.
import { escapeHtml as e, page } from '../http.ts';
import { athleteProfile } from './athlete.ts';
import type { StravaState } from './state.ts';

const SCOPE_TEXT: Record<string, string> = {
  read: 'View data about your public segments, routes and profile',
  read_all: 'View data about your private routes, segments and events',
  'profile:read_all': 'View your complete Strava profile',
  'profile:write': 'Update your weight and FTP, and star or unstar segments',
  'activity:read': 'View data about your activities (except private and “Only You” ones)',
  'activity:read_all': 'View data about your private activities',
  'activity:write': 'Upload activities and edit activity details',
};

export interface ConsentInput {
  clientId: string;
  redirectUri: string;
  scope: string[];
  state: string;
  approvalPrompt: string;
  athleteId: number | undefined;
}

export function consentPage(c: ConsentInput): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`;
  const reads = c.scope.some((x) => x.startsWith('activity:'));
  const items = c.scope
    .map((x) =>
      x === 'read'
        ? `<li><label><input type="checkbox" checked disabled> ${e(SCOPE_TEXT[x] ?? x)} <span class="meta">(required)</span></label></li>`
        : `<li><label><input type="checkbox" name="scope_${e(x)}" checked> ${e(SCOPE_TEXT[x] ?? x)} <code class="meta">${e(x)}</code></label></li>`,
    )
    .join('');
  const body = `<article>
<h2>${reads ? 'Cadence wants to read your activities' : 'Cadence wants to access your Strava account'}</h2>
<p class="meta">Sandbox consent page standing in for strava.com. After you decide, you return to ${e(new URL(c.redirectUri).origin)}.</p>
<form method="post" action="/strava/oauth/authorize" style="display:block">
${hidden('client_id', c.clientId)}${hidden('redirect_uri', c.redirectUri)}${hidden('response_type', 'code')}${hidden('scope', c.scope.join(','))}${hidden('state', c.state)}${hidden('approval_prompt', c.approvalPrompt)}
<ul style="list-style:none;padding:0">${items}</ul>
<p><label>Sign in as athlete id <input name="athlete_id" inputmode="numeric" pattern="[0-9]*" value="${c.athleteId ?? ''}" placeholder="new athlete"></label>
<span class="meta">empty: a new athlete (1001, 1002, …); the same id gives the same history</span></p>
<p><button name="decision" value="approve">Authorize</button> <button name="decision" value="deny">Cancel</button></p>
</form></article>`;
  return page('Strava sandbox — Authorize Cadence', [], body);
}

/**
 * What Strava shows instead of redirecting back when an app is at its athlete limit. The wording is what athletes and
 * developers quote from strava.com (GitHub issues and Strava's community hub, 2024–2026); Strava documents none.
 */
export function athleteLimitPage(): string {
  const body = `<article>
<h2>Error 403: Limit of connected athletes exceeded</h2>
<p>This app has exceeded the limit of connected athletes. If you are a developer of this application, please contact Strava developer support for how to request a quota increase.</p>
<p class="meta">Sandbox page standing in for strava.com: there is no way back to the app from here but the browser's Back button.</p>
</article>`;
  return page('Strava sandbox — Error 403', [], body);
}

const table = (head: string[], rows: (string | number)[][]) =>
  rows.length
    ? `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${e(String(c))}</td>`).join('')}</tr>`).join('')}</tbody></table>`
    : '<p class="empty">None yet.</p>';

export function dashboardPage(s: StravaState, nav: { href: string; label: string }[]): string {
  const snap = s.snapshot();
  const u = snap.usage;
  const l = s.config.limits;
  const c = snap.calls;
  const usage = table(
    ['', '15 min', 'day'],
    [
      ['All requests', `${u.short} / ${l.shortLimit}`, `${u.daily} / ${l.dailyLimit}`],
      ['Reads (GET)', `${u.readShort} / ${l.readShortLimit}`, `${u.readDaily} / ${l.readDailyLimit}`],
      ['Resets in (sandbox s)', u.resetsInSeconds.short, u.resetsInSeconds.daily],
    ],
  );
  const endpoints = table(
    ['Endpoint', 'Calls'],
    Object.entries(c.byEndpoint).sort((a, b) => b[1] - a[1]),
  );
  const athletes = table(
    ['Id', 'Name', 'Time zone', 'API calls', 'Added', 'Edited', 'Deleted', 'Live tokens'],
    snap.athletes.map((a) => {
      const p = athleteProfile(a.id);
      return [a.id, `${p.firstname} ${p.lastname}`, p.place.tz, c.perAthlete[a.id] ?? 0, a.added, a.patched, a.deleted, a.activeTokens];
    }),
  );
  const apps = table(
    ['client_id', 'Connected athletes', 'Limit'],
    snap.apps.map((a) => [a.clientId, a.connected, a.athleteLimit ?? 'none']),
  );
  const deliveries = table(
    ['At', 'Event', 'Status', 'ms', 'Attempts'],
    snap.recentDeliveries.map((d) => [
      d.at.slice(11, 19),
      `${d.event.object_type} ${d.event.aspect_type} ${d.event.object_id}`,
      d.status ?? d.error ?? '-',
      d.ms,
      d.attempts,
    ]),
  );
  const sub = snap.subscription
    ? `Subscription ${snap.subscription.id} → ${e(snap.subscription.callbackUrl)}`
    : 'No push subscription (POST /strava/api/v3/push_subscriptions).';
  const body = `<style>table{border-collapse:collapse;margin-bottom:1rem}td,th{border:1px solid var(--line);padding:.2rem .6rem;text-align:left}</style>
<p class="meta">Sandbox time ${e(snap.sandboxTime)} · time scale ×${s.config.timeScale} · client_id ${e(s.config.clientId)} · ${s.config.activitiesPerAthlete} generated activities per athlete ·
<a href="/strava/_control/state">state JSON</a></p>
<h2>Rate limits</h2>${usage}
<p class="meta">${c.total} API calls · ${c.reads} reads · ${c.writes} writes · ${c.rateLimited} answered 429 · ${c.unauthorized} answered 401 · ${c.notFound} answered 404</p>
<h2>Apps</h2>${apps}
<h2>Athletes</h2>${athletes}
<p class="meta">Each athlete's own Strava archive (what "Request archive" mails them):
${snap.athletes.map((a) => `<a href="/strava/_control/athletes/${a.id}/archive.zip">export_${a.id}.zip</a>`).join(' · ') || 'none yet'}</p>
<h2>Calls by endpoint</h2>${endpoints}
<h2>Webhooks</h2><p class="meta">${sub}</p>${deliveries}`;
  return page('Cadence provider sandbox — Strava', nav, body);
}
