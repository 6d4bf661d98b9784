// OAuth 2.1 for /mcp (ADR 107). The protocol's endpoints are public and answered by the library: the authorization
// server's metadata (RFC 8414), dynamic client registration (RFC 7591), the token endpoint (codes with PKCE, refresh,
// RFC 7009 revocation). The MCP endpoint's own metadata (RFC 9728) is ours. The consent page is a Remix page
// (web/app/routes/oauth.authorize.tsx); the athlete's connected assistants are listed and disconnected under /api/v1/me.
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { guardRoute, highRisk, publicAccess, signedIn } from '../../http/access';
import { refuseDemoWrites } from '../../http/demo.middleware';
import { requireUser } from '../../http/guards';
import { errorResponses, json } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { AppError, ErrorCode } from '../../lib/errors';
import {
  authorizationServerFor,
  BASE_SCOPE,
  issuerOf,
  REGISTER_PATH,
  RESOURCE_METADATA_PATH,
  resourceOf,
  TOKEN_PATH,
} from './oauth.config';
import { AssistantGrantList, GrantIdParam } from './oauth.schema';

// Public: an assistant calls these before it holds anything, and they read no session. The metadata documents only
// read; the token and registration endpoints change the library's store (a demo session is refused them, as every write).
const metadata = guardRoute(
  publicAccess('the OAuth 2.1 metadata an assistant reads to connect (ADR 107)'),
  'normal',
  'none',
  'none',
  'read',
);
const protocol = guardRoute(publicAccess('the OAuth 2.1 endpoints an assistant calls to connect (ADR 107)'), 'normal', 'none', 'none');

/**
 * The library answers its endpoints (CORS, preflights and OAuth's own error bodies included). It matches a request by
 * its whole URL, so the request is addressed to the issuer: the worker serves one origin whatever host reached it.
 */
function byLibrary(c: Context<AppEnv>): Promise<Response> {
  if (!c.env.OAUTH_KV) throw new AppError(ErrorCode.UNAVAILABLE, 'Connecting assistants is not configured on this server.');
  const url = new URL(c.req.url);
  const request = new Request(new URL(`${url.pathname}${url.search}`, issuerOf(c.env)), c.req.raw);
  return authorizationServerFor(c.env).fetch(request, c.env, c.executionCtx as ExecutionContext<unknown>);
}

// GET answers HEAD too (Hono); OPTIONS is the CORS preflight of browser-based assistants.
export const oauthProtocolRoutes = createRouter()
  .on(['GET', 'OPTIONS'], '/.well-known/oauth-authorization-server', metadata, byLibrary)
  .on(['POST', 'OPTIONS'], TOKEN_PATH, protocol, refuseDemoWrites, byLibrary)
  .on(['POST', 'OPTIONS'], REGISTER_PATH, protocol, refuseDemoWrites, byLibrary)
  // RFC 9728: where an MCP client that met the 401 learns who issues tokens for /mcp and the scope to ask for first.
  .on(['GET', 'OPTIONS'], RESOURCE_METADATA_PATH, metadata, (c) => {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Authorization, *' };
    if (c.req.method === 'OPTIONS') return c.body(null, 204, cors);
    return c.json(
      {
        resource: resourceOf(c.env),
        authorization_servers: [issuerOf(c.env)],
        scopes_supported: [BASE_SCOPE],
        bearer_methods_supported: ['header'],
        resource_name: 'Cadence',
        resource_documentation: `${new URL(c.env.APP_ORIGIN).origin}/api/docs`,
      },
      200,
      cors,
    );
  });

const none = 'none' as const;
const errors = { 401: errorResponses[401], 403: errorResponses[403] };
const base = { access: signedIn, dataUse: none, scope: none, tags: ['Connected assistants'], security: [{ session: [] }] };

export const assistantRoutes = createRouter()
  .openapi(
    createRoute({
      ...base,
      risk: highRisk('see connected assistants'),
      method: 'get',
      path: '/',
      summary: 'List the assistants connected by OAuth',
      description: 'Each with its name (as it registered itself), the host its sign-in went to, its scopes and dates.',
      responses: { 200: json(AssistantGrantList, 'Connected assistants, newest first'), ...errors },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json({ assistants: await c.var.services.oauth.grants(viewer) }, 200);
    },
  )
  .openapi(
    createRoute({
      ...base,
      risk: highRisk('disconnect an assistant'),
      method: 'delete',
      path: '/{grantId}',
      summary: 'Disconnect an assistant',
      description: 'Revokes its grant and every token of it: its next call to /mcp answers 401.',
      request: { params: GrantIdParam },
      responses: { 204: { description: 'Disconnected' }, ...errors, 404: errorResponses[404] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      await c.var.services.oauth.revoke(viewer, c.req.valid('param').grantId);
      return c.body(null, 204);
    },
  );
