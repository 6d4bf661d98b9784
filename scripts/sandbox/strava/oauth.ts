// Strava OAuth: the consent page, the code → token exchange, refresh rotation and deauthorization.
// Errors use Strava's fault bodies; redirects and token responses have Strava's fields.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_ATHLETE_ID, athleteProfile, athleteSummary } from './athlete.ts';
import { badRequest, fault, json, readParams, unauthorized } from './common.ts';
import { athleteLimitPage, consentPage } from './pages.ts';
import { countOAuth } from './records.ts';
import type { StravaState } from './state.ts';
import { push } from './webhooks.ts';

export const SCOPES = [
  'read',
  'read_all',
  'profile:read_all',
  'profile:write',
  'activity:read',
  'activity:read_all',
  'activity:write',
] as const;

interface AuthorizeRequest {
  redirectUri: URL;
  scope: string[];
  state: string;
  athleteId: number | undefined;
  clientId: string;
  approvalPrompt: string;
}

/** Validates like Strava does before showing (or skipping) the consent page. */
function parseAuthorize(s: StravaState, res: ServerResponse, p: Record<string, string>): AuthorizeRequest | null {
  if (!s.app(p.client_id)) return (badRequest(res, 'Application', 'client_id'), null);
  let redirectUri: URL;
  try {
    redirectUri = new URL(p.redirect_uri ?? '');
    if (redirectUri.protocol !== 'http:' && redirectUri.protocol !== 'https:') throw new Error('scheme');
  } catch {
    return (badRequest(res, 'Application', 'redirect_uri'), null);
  }
  if ((p.response_type ?? '') !== 'code') return (badRequest(res, 'Authorize', 'response_type'), null);
  const scope = (p.scope || 'read').split(/[,\s]+/).filter(Boolean);
  if (!scope.every((x) => (SCOPES as readonly string[]).includes(x))) return (badRequest(res, 'Authorize', 'scope'), null);
  let athleteId: number | undefined;
  if (p.athlete_id) {
    athleteId = Number(p.athlete_id);
    if (!Number.isSafeInteger(athleteId) || athleteId < 1 || athleteId > MAX_ATHLETE_ID)
      return (badRequest(res, 'Athlete', 'athlete_id'), null);
  }
  return { redirectUri, scope, state: p.state ?? '', athleteId, clientId: p.client_id ?? '', approvalPrompt: p.approval_prompt ?? 'auto' };
}

/**
 * 302 back to the app: `?state=…&code=…&scope=…` on approval, `?state=…&error=access_denied` otherwise. An app at
 * its athlete limit gets no redirect at all for a new athlete: Strava shows its own 403 page, and the app never hears.
 */
function finish(s: StravaState, res: ServerResponse, req: AuthorizeRequest, approve: boolean, granted: string[]): void {
  const target = new URL(req.redirectUri);
  target.searchParams.set('state', req.state);
  if (approve) {
    const athlete = s.athlete(req.athleteId);
    if (s.isFull(req.clientId, athlete.id)) {
      res.writeHead(403, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(athleteLimitPage());
      return;
    }
    // Strava always grants `read` with any approval; other scopes only if left ticked.
    const scope = [...new Set(['read', ...req.scope.filter((x) => granted.includes(x))])];
    target.searchParams.set('code', s.issueCode(req.clientId, athlete.id, scope, req.redirectUri.toString()));
    target.searchParams.set('scope', scope.join(','));
  } else {
    target.searchParams.set('error', 'access_denied');
  }
  // Strava leaves `,` and `:` unescaped (`scope=read,activity:read_all`); decoding is the same either way.
  const location = target.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':');
  res.writeHead(302, { location, 'cache-control': 'no-store' });
  res.end();
}

async function authorize(s: StravaState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const p = await readParams(req, url);
  const ar = parseAuthorize(s, res, p);
  if (!ar) return;
  if (req.method === 'GET') {
    // Test shortcut (integration tests inside workerd cannot click): decide without a page.
    if (p.auto === 'approve' || p.auto === 'deny')
      return finish(s, res, ar, p.auto === 'approve', p.granted ? p.granted.split(',') : ar.scope);
    const page = consentPage({ ...ar, redirectUri: ar.redirectUri.toString() });
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // form-action must also allow the app's origin: browsers apply it to the redirect after the POST.
      'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${ar.redirectUri.origin}; base-uri 'none'; frame-ancestors 'none'`,
      'x-content-type-options': 'nosniff',
    });
    res.end(page);
    return;
  }
  // The consent form: the ticked optional scopes arrive as a comma list in `granted`.
  const granted = (p.granted ?? '').split(',').concat(
    Object.keys(p)
      .filter((k) => k.startsWith('scope_') && p[k] === 'on')
      .map((k) => k.slice(6)),
  );
  finish(s, res, ar, p.decision === 'approve', granted);
}

async function token(s: StravaState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const p = await readParams(req, url);
  countOAuth(s.counters, `POST /oauth/token (${p.grant_type ?? '?'})`);
  // Strava answers a wrong id or secret the same way: the application is invalid.
  const app = s.app(p.client_id);
  if (!app || p.client_secret !== app.clientSecret) return badRequest(res, 'Application', 'client_id');
  if (p.grant_type === 'authorization_code') {
    const grant = p.code ? s.redeemCode(p.code, app.clientId) : undefined;
    if (!grant) return badRequest(res, 'AuthorizationCode', 'code');
    // A code issued while the app had room, redeemed after others filled it (two athletes on the consent page at
    // once). Strava documents no answer for this; the sandbox refuses like its consent page does, as JSON.
    if (s.isFull(app.clientId, grant.athleteId))
      return fault(res, 403, 'Limit of connected athletes exceeded', 'Application', 'connected athletes', 'exceeded');
    const t = s.issueTokens(grant);
    return json(res, 200, {
      token_type: 'Bearer',
      ...s.expiryOnClientClock(grant.athleteId, t.expiresAt),
      refresh_token: t.refresh,
      access_token: t.access,
      athlete: athleteSummary(athleteProfile(grant.athleteId)),
    });
  }
  if (p.grant_type === 'refresh_token') {
    s.countFor('refreshesPerAthlete', p.refresh_token);
    const grant = p.refresh_token ? s.useRefreshToken(p.refresh_token) : undefined;
    if (!grant || grant.clientId !== app.clientId) return badRequest(res, 'RefreshToken', 'refresh_token');
    const t = s.refreshTokens(grant);
    return json(res, 200, {
      token_type: 'Bearer',
      access_token: t.access,
      ...s.expiryOnClientClock(grant.athleteId, t.expiresAt),
      refresh_token: t.refresh,
    });
  }
  return badRequest(res, 'Application', 'grant_type');
}

/** POST /oauth/deauthorize (and /oauth/revoke, its announced successor): all of the athlete's tokens die. */
async function deauthorize(s: StravaState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const p = await readParams(req, url);
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const accessToken = p.access_token ?? p.token ?? bearer ?? '';
  const endpoint = url.pathname.replace(/^\/strava/, '');
  countOAuth(s.counters, `POST ${endpoint}`);
  const t = s.validAccess(accessToken);
  if (!t) return unauthorized(res);
  s.recordRevocation(t, endpoint);
  s.revokeAthlete(t.athleteId, t.clientId);
  json(res, 200, { access_token: accessToken });
  // Strava tells the app's subscription, as when the athlete revokes access in their settings.
  void push(s, {
    object_type: 'athlete',
    object_id: t.athleteId,
    aspect_type: 'update',
    owner_id: t.athleteId,
    updates: { authorized: 'false' },
  });
}

export async function handleOAuth(s: StravaState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const path = url.pathname.replace(/\/+$/, '');
  const route = `${req.method} ${path}`;
  if (route === 'GET /strava/oauth/authorize' || route === 'POST /strava/oauth/authorize') await authorize(s, req, res, url);
  else if (route === 'POST /strava/oauth/token') await token(s, req, res, url);
  else if (route === 'POST /strava/oauth/deauthorize' || route === 'POST /strava/oauth/revoke') await deauthorize(s, req, res, url);
  else return false;
  return true;
}
