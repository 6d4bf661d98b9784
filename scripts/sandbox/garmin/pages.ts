// The Garmin sandbox's two pages: the consent page standing in for connect.garmin.com/oauth2Confirm (a plain
// form, no scripts) and a dashboard of users, pings, backfills and deregistrations. Everything shown is escaped.
import { escapeHtml as e, page } from '../http.ts';
import { athleteProfile } from '../strava/athlete.ts';
import type { AuthorizeRequest } from './oauth.ts';
import { PERMISSIONS, type GarminState } from './state.ts';

const PERMISSION_TEXT: Record<(typeof PERMISSIONS)[number], string> = {
  ACTIVITY_EXPORT: 'Activities: your recorded activities and their files',
  HEALTH_EXPORT: 'Health: daily summaries, sleep, stress and heart rate',
  WORKOUT_IMPORT: 'Workouts: send workouts to your Garmin Connect calendar',
  COURSE_IMPORT: 'Courses: send courses to your devices',
  HISTORICAL_DATA_EXPORT: 'Historical data: what you recorded before connecting',
};

export function consentPage(c: Omit<AuthorizeRequest, 'redirectUri'> & { redirectUri: string }): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`;
  const items = PERMISSIONS.map(
    (p) =>
      `<li><label><input type="checkbox" name="perm_${e(p)}" checked> ${e(PERMISSION_TEXT[p])} <code class="meta">${e(p)}</code></label></li>`,
  ).join('');
  const body = `<article>
<h2>Cadence would like to access your Garmin Connect™ data</h2>
<p class="meta">Sandbox consent page standing in for connect.garmin.com. After you decide, you return to ${e(new URL(c.redirectUri).origin)}.</p>
<form method="post" action="/garmin/oauth2Confirm" style="display:block">
${hidden('client_id', c.clientId)}${hidden('redirect_uri', c.redirectUri)}${hidden('response_type', 'code')}${hidden('state', c.state)}${hidden('code_challenge', c.challenge)}${hidden('code_challenge_method', 'S256')}
<ul style="list-style:none;padding:0">${items}</ul>
<p><label>Sign in as user <input name="user" inputmode="numeric" pattern="[0-9]*" value="${c.user ?? ''}" placeholder="new user"></label>
<span class="meta">empty: the next free user from 1001; user N syncs the sessions of the Strava sandbox's athlete N</span></p>
<p><button name="decision" value="approve">Agree</button> <button name="decision" value="deny">Cancel</button></p>
</form></article>`;
  return page('Garmin Connect sandbox — Authorize Cadence', [], body);
}

const table = (head: string[], rows: (string | number)[][]) =>
  rows.length
    ? `<table><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${e(String(c))}</td>`).join('')}</tr>`).join('')}</tbody></table>`
    : '<p class="empty">None yet.</p>';

export function dashboardPage(s: GarminState, nav: { href: string; label: string }[]): string {
  const snap = s.snapshot();
  const users = table(
    ['User', 'Name', 'Garmin user id', 'Registered', 'Permissions', 'Recorded here', 'Live tokens'],
    snap.users.map((u) => {
      const p = athleteProfile(u.number);
      return [
        u.number,
        `${p.firstname} ${p.lastname}`,
        u.userId,
        u.registered ? 'yes' : 'no',
        u.permissions.join(' '),
        u.added,
        u.activeTokens,
      ];
    }),
  );
  const deliveries = table(
    ['At', 'Type', 'Entries', 'Status', 'ms', 'Attempts'],
    snap.deliveries.map((d) => [d.at.slice(11, 19), d.kind, d.entries, d.status ?? d.error ?? '-', d.ms, d.attempts]),
  );
  const backfills = table(
    ['At', 'Garmin user id', 'From', 'To', 'Sessions'],
    snap.backfills.map((b) => [
      b.at.slice(11, 19),
      b.userId,
      new Date(b.start * 1000).toISOString().slice(0, 10),
      new Date(b.end * 1000).toISOString().slice(0, 10),
      b.entries,
    ]),
  );
  const deregs = table(
    ['At', 'Garmin user id', 'By'],
    snap.deregistrations.map((d) => [d.at.slice(11, 19), d.userId, d.by]),
  );
  const calls = table(
    ['Endpoint', 'Calls'],
    Object.entries(snap.calls).sort((a, b) => b[1] - a[1]),
  );
  const target = snap.config.webhookUrl
    ? `Pings go to ${e(snap.config.webhookUrl)}`
    : `No webhook URL: ${snap.outbox} pings wait in the outbox`;
  const body = `<style>table{border-collapse:collapse;margin-bottom:1rem}td,th{border:1px solid var(--line);padding:.2rem .6rem;text-align:left}</style>
<p class="meta">client_id ${e(snap.config.clientId)} · ${snap.config.activitiesPerUser} generated sessions per user · ${snap.downloads} files downloaded ·
<a href="/garmin/_control/state">state JSON</a></p>
<p class="meta">${target}. Record a session now: <code>POST /garmin/_control/users/{n}/activities</code>.</p>
<h2>Users</h2>${users}
<h2>Pings</h2>${deliveries}
<h2>Backfill requests</h2>${backfills}
<h2>Deregistrations</h2>${deregs}
<h2>Calls by endpoint</h2>${calls}`;
  return page('Cadence provider sandbox — Garmin Connect', nav, body);
}
