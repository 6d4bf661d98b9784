// An MCP client connecting by OAuth as an assistant does (ADR 107): the SDK's own OAuth client (discovery, dynamic
// registration, PKCE), and the athlete's browser at the consent page, both over the app's fetch.
import { exports } from 'cloudflare:workers';
import {
  Client,
  type OAuthClientInformationMixed,
  type OAuthClientProvider,
  type OAuthTokens,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';
import { ORIGIN } from '../../testing/harness';
import { appFetch, type McpClient } from '../mcp/mcp.testing';

export const ISSUER = 'https://cadence.test';
export const MCP_URL = new URL(`${ISSUER}/mcp`);
export const CALLBACK = 'http://127.0.0.1:33418/callback';

/** The assistant's side: what it registered, its tokens and PKCE verifier, and where it would open the browser. */
export class TestAssistant implements OAuthClientProvider {
  info: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  authorizationUrl: URL | null = null;
  readonly redirectUrl = CALLBACK;
  get clientMetadata() {
    return {
      client_name: 'Test Assistant',
      redirect_uris: [CALLBACK],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }
  clientInformation = () => this.info;
  saveClientInformation = (i: OAuthClientInformationMixed) => {
    this.info = i;
  };
  tokens = () => this.saved;
  saveTokens = (t: OAuthTokens) => {
    this.saved = t;
  };
  redirectToAuthorization = (url: URL) => {
    this.authorizationUrl = url;
  };
  saveCodeVerifier = (v: string) => {
    this.verifier = v;
  };
  codeVerifier = () => this.verifier;
}

export function transportFor(assistant: TestAssistant) {
  return new StreamableHTTPClientTransport(MCP_URL, { fetch: appFetch(null), authProvider: assistant });
}

export async function connectWith(assistant: TestAssistant): Promise<McpClient> {
  const client = new Client({ name: 'test-assistant', version: '1.0.0' }, { versionNegotiation: { mode: { pin: '2026-07-28' } } });
  await client.connect(transportFor(assistant));
  return client as unknown as McpClient;
}

const cookiePair = (setCookie: string) => setCookie.split(';')[0] ?? '';

/** A GET at the issuer's origin (the library answers only where its metadata says it is). */
export const atIssuer = (path: string, init: RequestInit = {}) =>
  exports.default.fetch(new Request(`${ISSUER}${path}`, { redirect: 'manual', ...init }));

/** The athlete's browser at the consent page, signed in. */
export async function openConsent(url: URL, session: string) {
  const page = await exports.default.fetch(new Request(url, { headers: { cookie: session, host: 'cadence.test' }, redirect: 'manual' }));
  return { page, html: await page.text() };
}

/** The athlete's browser: opens the consent page signed in, then posts Allow (with the scopes ticked) or Deny. */
export async function consent(url: URL, session: string, decision: 'allow' | 'deny', scopes: string[] = []) {
  const { page, html } = await openConsent(url, session);
  const handle = /name="handle" value="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !handle) throw new Error(`no consent form (${page.status}): ${html.slice(0, 300)}`);
  const binding = page.headers.getSetCookie().map(cookiePair).join('; ');
  const form = new URLSearchParams({ handle, decision });
  for (const s of scopes) form.append('scope', s);
  const answer = await exports.default.fetch(
    new Request(`${ISSUER}/oauth/authorize${url.search}`, {
      method: 'POST',
      headers: {
        cookie: `${session}; ${binding}`,
        origin: ORIGIN,
        host: 'cadence.test',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form,
      redirect: 'manual',
    }),
  );
  return {
    page: html,
    csp: page.headers.get('content-security-policy') ?? '',
    status: answer.status,
    location: answer.headers.get('location'),
    body: answer.status === 302 ? '' : await answer.text(),
  };
}

const b64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/** An assistant registered and allowed by the signed-in athlete, without the SDK: a code to exchange, and its grant. */
export async function allowedCode(session: string) {
  const registered = await atIssuer('/oauth/register', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_name: 'Scripted assistant', redirect_uris: [CALLBACK], token_endpoint_auth_method: 'none' }),
  });
  const { client_id: clientId } = (await registered.json()) as { client_id: string };
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const url = new URL(`${ISSUER}/oauth/authorize`);
  const params = {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: CALLBACK,
    code_challenge: b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
    code_challenge_method: 'S256',
    state: 'scripted',
    resource: MCP_URL.href,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const allowed = await consent(url, session, 'allow');
  const code = new URL(allowed.location ?? CALLBACK).searchParams.get('code');
  if (!code) throw new Error(`no code (${allowed.status}): ${allowed.body.slice(0, 200)}`);
  return { clientId, code, verifier };
}
