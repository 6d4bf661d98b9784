// Polar's OAuth 2 authorization code flow: the consent page on "Polar Flow"
// (/polar/flow/oauth2/authorization) and the token endpoint on "polarremote.com"
// (/polar/remote/v2/oauth2/token, client credentials in HTTP Basic). Tokens carry no refresh token; the
// answer names the Polar user (`x_user_id`).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml as e, page, readBody } from '../http.ts';
import { json } from '../strava/common.ts';
import { type PolarState, TOKEN_LIFETIME_S } from './state.ts';

export const AUTHORIZE_PATH = '/polar/flow/oauth2/authorization';
export const TOKEN_PATH = '/polar/remote/v2/oauth2/token';

interface AuthorizeRequest {
  clientId: string;
  redirectUri: URL;
  scope: string;
  state: string | null;
  userId: number | undefined;
}

/** Answers 400 with Flow's error page; null, so a parser can `return errorPage(…)`. */
function errorPage(res: ServerResponse, message: string): null {
  res.writeHead(400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(page('Polar Flow sandbox — authorization failed', [], `<article><h2>Authorization failed</h2><p>${e(message)}</p></article>`));
  return null;
}

function parseAuthorize(s: PolarState, res: ServerResponse, p: URLSearchParams): AuthorizeRequest | null {
  if (p.get('client_id') !== s.config.clientId) return errorPage(res, 'Unknown client_id.');
  if (p.get('response_type') !== 'code') return errorPage(res, 'response_type must be code.');
  let redirectUri: URL;
  try {
    redirectUri = new URL(p.get('redirect_uri') ?? '');
    if (redirectUri.protocol !== 'http:' && redirectUri.protocol !== 'https:') throw new Error('scheme');
  } catch {
    // Polar falls back to the client's registered redirect URL; the sandbox has none, so the app must send one.
    return errorPage(res, 'redirect_uri must be an http(s) URL (the sandbox has no registered default).');
  }
  const scope = p.get('scope') ?? 'accesslink.read_all';
  if (scope !== 'accesslink.read_all') return errorPage(res, 'scope must be accesslink.read_all.');
  const raw = p.get('user_id');
  const userId = raw ? Number(raw) : undefined;
  if (userId !== undefined && !(Number.isSafeInteger(userId) && userId >= 1 && userId <= 9_999_999))
    return errorPage(res, 'user_id must be 1..9999999.');
  return { clientId: s.config.clientId, redirectUri, scope, state: p.get('state'), userId };
}

/** 302 back to the app: `?code=…&state=…`, or `?error=access_denied&state=…`. */
function finish(s: PolarState, res: ServerResponse, ar: AuthorizeRequest, approve: boolean): void {
  const target = new URL(ar.redirectUri);
  if (approve) {
    const user = s.user(ar.userId);
    target.searchParams.set('code', s.issueCode(user.id, ar.redirectUri.toString()));
  } else {
    target.searchParams.set('error', 'access_denied');
  }
  if (ar.state !== null) target.searchParams.set('state', ar.state);
  res.writeHead(302, { location: target.toString(), 'cache-control': 'no-store' });
  res.end();
}

function consentPage(ar: AuthorizeRequest): string {
  const hidden = (name: string, value: string) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`;
  return page(
    'Polar Flow sandbox — Authorize Cadence',
    [],
    `<article>
<h2>Cadence wants to access your Polar Flow data</h2>
<p class="meta">Sandbox consent page standing in for flow.polar.com. Cadence will read your training sessions
(exercises, with their FIT, TCX and GPX files) recorded with Polar devices. After you decide, you return to ${e(ar.redirectUri.origin)}.</p>
<form method="post" action="${AUTHORIZE_PATH}" style="display:block">
${hidden('client_id', ar.clientId)}${hidden('response_type', 'code')}${hidden('redirect_uri', ar.redirectUri.toString())}${hidden('scope', ar.scope)}${ar.state !== null ? hidden('state', ar.state) : ''}
<p><label>Sign in as Polar user id <input name="user_id" inputmode="numeric" pattern="[0-9]*" value="${ar.userId ?? ''}" placeholder="new user"></label>
<span class="meta">empty: a new user (1001, 1002, …)</span></p>
<p><button name="decision" value="approve">Accept</button> <button name="decision" value="deny">Deny</button></p>
</form></article>`,
  );
}

async function authorize(s: PolarState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const p = req.method === 'POST' ? new URLSearchParams(await readBody(req, 20_000)) : url.searchParams;
  const ar = parseAuthorize(s, res, p);
  if (!ar) return;
  if (req.method === 'POST') return finish(s, res, ar, p.get('decision') === 'approve');
  // Test shortcut (tests cannot click): decide without a page.
  const auto = p.get('auto');
  if (auto === 'approve' || auto === 'deny') return finish(s, res, ar, auto === 'approve');
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The redirect after the POST goes to the app: form-action must allow its origin.
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${ar.redirectUri.origin}; base-uri 'none'; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
  });
  res.end(consentPage(ar));
}

/** `Authorization: Basic base64(client_id:client_secret)` → the pair, or null. */
export function basicAuth(req: IncomingMessage): { id: string; secret: string } | null {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(req.headers.authorization ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

async function token(s: PolarState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const p = new URLSearchParams(await readBody(req, 20_000));
  const client = basicAuth(req);
  if (!client || client.id !== s.config.clientId || client.secret !== s.config.clientSecret)
    return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
  if (p.get('grant_type') !== 'authorization_code') return json(res, 400, { error: 'unsupported_grant_type' });
  const userId = s.redeemCode(p.get('code') ?? '', p.get('redirect_uri'));
  if (userId === undefined) return json(res, 400, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
  json(res, 200, { access_token: s.issueToken(userId), token_type: 'bearer', expires_in: TOKEN_LIFETIME_S, x_user_id: userId });
}

export async function handleOAuth(s: PolarState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === AUTHORIZE_PATH && (req.method === 'GET' || req.method === 'POST')) await authorize(s, req, res, url);
  else if (path === TOKEN_PATH && req.method === 'POST') await token(s, req, res);
  else return false;
  return true;
}
