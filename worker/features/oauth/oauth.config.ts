// The OAuth 2.1 authorization server for /mcp (ADR 107): one issuer (the app's origin), one protected resource (the
// MCP endpoint), the read scopes an assistant may be granted, and the lifetimes. The library keeps its store in KV.
import { OAuthAuthorizationServer } from '@cloudflare/workers-oauth-provider';
import type { ApiScope } from '../../lib/access-vocabulary';

/** What an assistant may be granted: the MCP tools' read scopes (writes stay in Cadence, proposals only). */
export const ASSISTANT_SCOPES = ['activities:read', 'analytics:read', 'wellness:read', 'plan:read'] as const satisfies readonly ApiScope[];
export type AssistantScope = (typeof ASSISTANT_SCOPES)[number];
/** Reaching /mcp at all needs it (as for a key, ADR 106): the 401 challenge names it, and consent always grants it. */
export const BASE_SCOPE: AssistantScope = 'analytics:read';

export const AUTHORIZE_PATH = '/oauth/authorize';
export const TOKEN_PATH = '/oauth/token';
export const REGISTER_PATH = '/oauth/register';
export const MCP_PATH = '/mcp';
export const RESOURCE_METADATA_PATH = `/.well-known/oauth-protected-resource${MCP_PATH}`;

/** An access token lives an hour; a grant 30 days after its last refresh (an assistant in use stays connected). */
const ACCESS_TOKEN_TTL_S = 3_600;
const REFRESH_IDLE_TTL_S = 30 * 86_400;

export interface OAuthEnv {
  APP_ORIGIN: string;
  OAUTH_ISSUER?: string;
  OAUTH_KV?: KVNamespace;
}

/** The issuer: the app's origin unless OAUTH_ISSUER says otherwise (the tests' http://cadence.test is neither https nor loopback). */
export const issuerOf = (env: OAuthEnv): string => new URL(env.OAUTH_ISSUER ?? env.APP_ORIGIN).origin;
export const resourceOf = (env: OAuthEnv): string => `${issuerOf(env)}${MCP_PATH}`;

const servers = new Map<string, OAuthAuthorizationServer<OAuthEnv>>();

/** One server per issuer, built once per isolate (its options are fixed at construction). */
export function authorizationServerFor(env: OAuthEnv): OAuthAuthorizationServer<OAuthEnv> {
  const issuer = issuerOf(env);
  let server = servers.get(issuer);
  if (!server) {
    server = new OAuthAuthorizationServer<OAuthEnv>({
      issuer,
      resources: [resourceOf(env)],
      authorizeEndpoint: AUTHORIZE_PATH,
      tokenEndpoint: TOKEN_PATH,
      // RFC 7591 registration, as MCP clients that do not publish a metadata document need. CIMD is left off: it
      // fetches a URL the client names, which needs the strictly-public fetch flag this worker does not set.
      clientRegistrationEndpoint: REGISTER_PATH,
      scopesSupported: [...ASSISTANT_SCOPES, 'offline_access'],
      accessTokenTTL: ACCESS_TOKEN_TTL_S,
      refreshTokenIdleTTL: REFRESH_IDLE_TTL_S,
    });
    servers.set(issuer, server);
  }
  return server;
}
