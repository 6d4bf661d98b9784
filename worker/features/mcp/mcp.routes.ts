// /mcp: the remote MCP endpoint (Streamable HTTP, stateless; ADR 106). POST carries the JSON-RPC exchange; GET and
// DELETE (2025-era session operations) are answered 405 by the SDK. Signed in through the app's own auth (a session,
// or an API key's Bearer secret); the tools read only for that athlete.
import { createMcpHandler } from '@modelcontextprotocol/server';
import { guardRoute, signedIn } from '../../http/access';
import { refuseDemoWrites } from '../../http/demo.middleware';
import { requireUser } from '../../http/guards';
import { passwordChangeGate } from '../../http/password-change.middleware';
import { createRouter } from '../../http/router';
import { AppError, ErrorCode } from '../../lib/errors';
import { withheldActivities } from '../ai-coach';
import { athleteOf } from '../analytics';
import type { McpDeps } from './mcp.kit';
import { createMcpServer, MCP_TOOLS } from './mcp.server';

// `ai`: everything a tool returns may enter the client's model (the AI coach's use, ADR 036). The guard runs first;
// then the gates the API has app-wide: a temporary password, and the demo role (a POST, so refused like any write).
// A key (ADR 105) reaches the endpoint with `analytics:read`; each tool then needs its own scope (only those listed).
const guard = guardRoute(signedIn, 'normal', 'ai', 'analytics:read');

export const mcpRoutes = createRouter().on(['POST', 'GET', 'DELETE'], '/', guard, passwordChangeGate, refuseDemoWrites, async (c) => {
  const viewer = await requireUser(c.var.auth);
  const s = c.var.services;
  const deps: McpDeps = {
    athlete: athleteOf(viewer.user),
    activities: s.activities,
    analytics: s.analytics,
    wellness: s.wellness,
    plans: s.plans,
    adapt: s.adapt,
    segments: s.segments,
    library: s.library,
    races: s.races,
    predictions: s.racePredictions,
    fuelling: s.raceFuelling,
    withheld: (allowed, window) => withheldActivities(s.db, viewer.user.id, allowed, window),
    // A session may call every tool; a key only those its scopes cover.
    scopes: c.var.auth.key?.scopes ?? null,
  };
  // The factory builds the server for the athlete the handler was given: nothing else decides whose data it reads.
  const handler = createMcpHandler(
    ({ authInfo }) => {
      if (authInfo?.extra?.userId !== deps.athlete.id) throw new Error('MCP request without its athlete');
      return createMcpServer(deps);
    },
    { legacy: 'stateless', responseMode: 'json' },
  );
  const res = await handler.fetch(c.req.raw, {
    authInfo: {
      token: c.var.auth.key?.prefix ?? viewer.sessionId,
      clientId: 'cadence-session',
      scopes: deps.scopes ? [...deps.scopes] : [...new Set(MCP_TOOLS.map((t) => t.scope))],
      extra: { userId: viewer.user.id },
    },
  });
  // The SDK may hand the response back before its body is written; the request's services (its database pool)
  // close when this handler returns, so the whole answer is read first. JSON mode: one bounded body, no stream.
  const body = await res.arrayBuffer();
  if (res.status >= 400) throw transportRefusal(res.status, body);
  return new Response(body, { status: res.status, headers: res.headers });
});

const TRANSPORT_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_REQUEST,
  405: ErrorCode.METHOD_NOT_ALLOWED,
  406: ErrorCode.NOT_ACCEPTABLE,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
};

/**
 * An HTTP-level refusal of the SDK's transport (a request that is no JSON-RPC message, GET/DELETE, a wrong Accept),
 * in the app's one error shape with the same status: the spec lets such a body be anything ("MAY" carry a JSON-RPC
 * error without id). Errors inside the protocol (a tool's, an unknown method) stay JSON-RPC on a 200.
 */
function transportRefusal(status: number, body: ArrayBuffer): AppError {
  let message = 'The MCP endpoint refused this request.';
  try {
    const m = (JSON.parse(new TextDecoder().decode(body)) as { error?: { message?: unknown } }).error?.message;
    if (typeof m === 'string' && m) message = m;
  } catch {
    // not JSON: the general message
  }
  return new AppError(TRANSPORT_CODES[status] ?? ErrorCode.BAD_REQUEST, message);
}
