// /mcp: the remote MCP endpoint (Streamable HTTP, stateless; ADR 106). POST carries the JSON-RPC exchange; GET and
// DELETE (2025-era session operations) are answered 405 by the SDK. Signed in through the app's own auth (a session,
// an API key's Bearer secret, or an OAuth access token, ADR 107); the tools read only for that athlete.
// A coach's assistant reads clients at /api/v1/coach/mcp instead (coach/, ADR 108).
import { guardRoute, signedIn } from '../../http/access';
import { refuseDemoWrites } from '../../http/demo.middleware';
import { requireUser } from '../../http/guards';
import { passwordChangeGate } from '../../http/password-change.middleware';
import { createRouter } from '../../http/router';
import { athleteOf } from '../analytics';
import { createMcpServer, MCP_TOOLS } from './mcp.server';
import { depsFor, serveMcp } from './mcp.serve';

// `ai`: everything a tool returns may enter the client's model (the AI coach's use, ADR 036). The guard runs first;
// then the gates the API has app-wide: a temporary password, and the demo role (a POST, so refused like any write).
// A key (ADR 105) reaches the endpoint with `analytics:read`; each tool then needs its own scope (only those listed).
const guard = guardRoute(signedIn, 'normal', 'ai', 'analytics:read');

export const mcpRoutes = createRouter().on(['POST', 'GET', 'DELETE'], '/', guard, passwordChangeGate, refuseDemoWrites, async (c) => {
  const viewer = await requireUser(c.var.auth);
  // A session may call every tool; a key or a token only those its scopes cover.
  const scopes = c.var.auth.key?.scopes ?? null;
  const deps = depsFor(c, athleteOf(viewer.user), scopes);
  return serveMcp(
    c,
    {
      userId: viewer.user.id,
      token: c.var.auth.key?.prefix ?? viewer.sessionId,
      scopes: scopes ? [...scopes] : [...new Set(MCP_TOOLS.map((t) => t.scope))],
    },
    () => createMcpServer(deps),
  );
});
