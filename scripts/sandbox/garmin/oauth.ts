// Garmin's OAuth 2.0 with PKCE: the consent page (connect.garmin.com/oauth2Confirm) and the token endpoint
// (diauth.garmin.com/di-oauth2-service/oauth/token). Codes are single use and bound to the S256 challenge;
// refresh tokens rotate on every refresh, as Garmin's do.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json, readParams } from '../strava/common.ts';
import { consentPage } from './pages.ts';
import { MAX_USER, PERMISSIONS, type GarminState } from './state.ts';

export const AUTHORIZE_PATH = '/garmin/oauth2Confirm';
export const TOKEN_PATH = '/garmin/di-oauth2-service/oauth/token';

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: URL;
  state: string;
  challenge: string;
  user: number | undefined;
}

const errorMessage = (res: ServerResponse, status: number, message: string) => json(res, status, { errorMessage: message });
const oauthError = (res: ServerResponse, status: number, error: string, description: string) =>
  json(res, status, { error, error_description: description });

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

function parseAuthorize(s: GarminState, res: ServerResponse, p: Record<string, string>): AuthorizeRequest | null {
  if ((p.client_id ?? '') !== s.config.clientId) return (errorMessage(res, 400, 'Invalid client_id'), null);
  if (p.response_type !== 'code') return (errorMessage(res, 400, 'response_type must be code'), null);
  if (!/^[A-Za-z0-9_-]{43,128}$/.test(p.code_challenge ?? '') || p.code_challenge_method !== 'S256')
    return (errorMessage(res, 400, 'A PKCE code_challenge with code_challenge_method=S256 is required'), null);
  let redirectUri: URL;
  try {
    redirectUri = new URL(p.redirect_uri ?? '');
    if (redirectUri.protocol !== 'http:' && redirectUri.protocol !== 'https:') throw new Error('scheme');
  } catch {
    return (errorMessage(res, 400, 'Invalid redirect_uri'), null);
  }
  let user: number | undefined;
  if (p.user) {
    user = Number(p.user);
    if (!Number.isSafeInteger(user) || user < 1 || user > MAX_USER) return (errorMessage(res, 400, `user must be 1..${MAX_USER}`), null);
  }
  return { clientId: p.client_id ?? '', redirectUri, state: p.state ?? '', challenge: p.code_challenge ?? '', user };
}

function nextUser(s: GarminState): number {
  let n = 1001;
  while (s.users.get(n)?.registered) n++;
  return n;
}

/** 302 back to the app: `?code=…&state=…`, or `?error=access_denied&state=…`. */
function finish(s: GarminState, res: ServerResponse, ar: AuthorizeRequest, approve: boolean, granted: string[]): void {
  const target = new URL(ar.redirectUri);
  if (approve) {
    const u = s.user(ar.user ?? nextUser(s));
    u.registered = true;
    u.permissions = PERMISSIONS.filter((x) => granted.includes(x));
    target.searchParams.set('code', s.issueCode(u.number, u.permissions, ar.challenge, ar.redirectUri.toString()));
  } else {
    target.searchParams.set('error', 'access_denied');
  }
  target.searchParams.set('state', ar.state);
  res.writeHead(302, { location: target.toString(), 'cache-control': 'no-store' });
  res.end();
}

async function authorize(s: GarminState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const p = await readParams(req, url);
  const ar = parseAuthorize(s, res, p);
  if (!ar) return;
  const requested = p.permissions ? p.permissions.split(',') : [...PERMISSIONS];
  if (req.method === 'GET') {
    // Test shortcut (tests inside workerd cannot click): decide without a page.
    if (p.auto === 'approve' || p.auto === 'deny') return finish(s, res, ar, p.auto === 'approve', requested);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // form-action must also allow the app's origin: browsers apply it to the redirect after the POST.
      'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${ar.redirectUri.origin}; base-uri 'none'; frame-ancestors 'none'`,
      'x-content-type-options': 'nosniff',
    });
    res.end(consentPage({ ...ar, redirectUri: ar.redirectUri.toString() }));
    return;
  }
  const granted = Object.keys(p)
    .filter((k) => k.startsWith('perm_') && p[k] === 'on')
    .map((k) => k.slice(5));
  finish(s, res, ar, p.decision === 'approve', granted);
}

async function token(s: GarminState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const p = await readParams(req, url);
  s.count(`POST token (${p.grant_type ?? '?'})`);
  const failure = s.takeFailure('token');
  if (failure) return errorMessage(res, failure.status, 'Failure requested through the sandbox control API');
  if (p.client_id !== s.config.clientId || p.client_secret !== s.config.clientSecret)
    return oauthError(res, 401, 'invalid_client', 'Bad client credentials');
  let user: number | undefined;
  if (p.grant_type === 'authorization_code') {
    const grant = p.code ? s.redeemCode(p.code) : undefined;
    if (!grant) return oauthError(res, 400, 'invalid_grant', 'Invalid authorization code');
    if (!p.code_verifier || s256(p.code_verifier) !== grant.challenge)
      return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed');
    if (p.redirect_uri !== undefined && p.redirect_uri !== grant.redirectUri)
      return oauthError(res, 400, 'invalid_grant', 'redirect_uri does not match');
    user = grant.user;
  } else if (p.grant_type === 'refresh_token') {
    user = p.refresh_token ? s.useRefresh(p.refresh_token) : undefined;
    if (user === undefined) return oauthError(res, 400, 'invalid_grant', 'Invalid refresh token');
  } else {
    return oauthError(res, 400, 'unsupported_grant_type', 'grant_type must be authorization_code or refresh_token');
  }
  const t = s.issueTokens(user);
  json(res, 200, {
    access_token: t.access,
    expires_in: t.expiresIn,
    token_type: 'bearer',
    refresh_token: t.refresh,
    scope: 'PARTNER_WRITE PARTNER_READ CONNECT_READ CONNECT_WRITE',
    jti: crypto.randomUUID(),
    refresh_token_expires_in: 7_775_998,
  });
}

export async function handleOAuth(s: GarminState, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const path = url.pathname.replace(/\/+$/, '');
  if (path === AUTHORIZE_PATH && (req.method === 'GET' || req.method === 'POST')) await authorize(s, req, res, url);
  else if (path === TOKEN_PATH && req.method === 'POST') await token(s, req, res, url);
  else return false;
  return true;
}
