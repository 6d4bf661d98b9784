// What both MCP endpoints share (ADRs 106, 108): the tool deps of one athlete, read through the request's services,
// and one stateless exchange answered whole, with the SDK's transport refusals in the app's one error shape.
import type { Context } from 'hono';
import { createMcpHandler, type McpServer } from '@modelcontextprotocol/server';
import type { AppEnv } from '../../context';
import { AppError, ErrorCode } from '../../lib/errors';
import { withheldActivities } from '../ai-coach';
import type { Athlete } from '../analytics';
import type { McpDeps } from './mcp.kit';

/** The tools' reads of one athlete, through the request's services (never SQL). */
export function depsFor(c: Context<AppEnv>, athlete: Athlete, scopes: readonly string[] | null): McpDeps {
  const s = c.var.services;
  return {
    athlete,
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
    withheld: (allowed, window) => withheldActivities(s.db, athlete.id, allowed, window),
    scopes,
  };
}

/**
 * One JSON-RPC exchange, answered by a server built for the caller the handler was given (`userId`): nothing else
 * decides whose data it reads. JSON mode: one bounded body, no stream.
 */
export async function serveMcp(
  c: Context<AppEnv>,
  caller: { userId: string; token: string; scopes: string[] },
  create: () => McpServer,
): Promise<Response> {
  const handler = createMcpHandler(
    ({ authInfo }) => {
      if (authInfo?.extra?.userId !== caller.userId) throw new Error('MCP request without its caller');
      return create();
    },
    { legacy: 'stateless', responseMode: 'json' },
  );
  const res = await handler.fetch(c.req.raw, {
    authInfo: { token: caller.token, clientId: 'cadence', scopes: caller.scopes, extra: { userId: caller.userId } },
  });
  // The SDK may hand the response back before its body is written; the request's services (its database pool)
  // close when the route returns, so the whole answer is read first.
  const body = await res.arrayBuffer();
  if (res.status >= 400) throw transportRefusal(res.status, body);
  return new Response(body, { status: res.status, headers: res.headers });
}

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
