// The key's half of authentication (ADR 105): on /api/v1 a `Bearer` secret replaces the session cookie. The key is
// checked at once (401 revoked, expired, blocked or deleted; 429 over its window; 403 when the tier lapsed), before
// any route runs; the route's guard then checks the scope it declares. Every answer to a key carries RateLimit-*.
// On /mcp a Bearer that is not a key is an OAuth access token (ADR 107), checked the same way (its own window and
// headers) by the oauth feature.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../context';
import { AppError, ErrorCode } from '../../lib/errors';
import { BASE_SCOPE, issuerOf, RESOURCE_METADATA_PATH } from '../oauth';
import { looksLikeKey, rateHeaders } from './api-keys.calc';

const MCP = '/mcp';

/**
 * RFC 6750 / RFC 9728: a refused /mcp names where its authorization server is described and the scope to ask for, so
 * an MCP client goes from this 401 to signing in; a token that was refused also says `invalid_token`.
 */
function mcpChallenge(c: { env: AppEnv['Bindings']; var: AppEnv['Variables'] }): string {
  const parts = [`resource_metadata="${issuerOf(c.env)}${RESOURCE_METADATA_PATH}"`, `scope="${BASE_SCOPE}"`];
  if (c.var.auth.bearer) parts.unshift('error="invalid_token"');
  return `Bearer ${parts.join(', ')}`;
}

/** App-wide (only /api/v1 and /mcp take a Bearer): the rate-limit headers and the /mcp challenge on the way out, then the credential itself. */
export const apiKeyAuth = [
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const rate = c.var.auth.keyRate;
    if (rate) for (const [name, value] of Object.entries(rateHeaders(rate, new Date()))) c.res.headers.set(name, value);
    if (c.req.path === MCP && c.res.status === 401) c.res.headers.set('WWW-Authenticate', mcpChallenge(c));
  }),
  createMiddleware<AppEnv>(async (c, next) => {
    const { auth } = c.var;
    if (!auth.bearer) return next();
    if (looksLikeKey(auth.bearer)) {
      auth.key = await c.var.services.apiKeys.authenticate(auth.bearer, (r) => {
        auth.keyRate = r;
      });
    } else if (c.req.path === MCP) {
      auth.key = await c.var.services.oauth.authenticate(auth.bearer, (r) => {
        auth.keyRate = r;
      });
    } else {
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'This is not a Cadence API key (they start with cdn_live_).');
    }
    await next();
  }),
] as const;
