import { createMiddleware } from 'hono/factory';
import type { AppEnv, AuthState, Viewer } from '../context';
import { cookieSettingsFor, readSessionCookie, serializeSessionCookie } from '../features/auth';
import { clearImpersonationCookie, readImpersonationCookie } from '../features/impersonation';
import { createLogger } from '../lib/logger';
import { createServices } from '../wiring';

/** The secret of an `Authorization: Bearer` header, or null. */
const bearerOf = (header: string | undefined): string | null => {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1] ?? null;
};

/** Request id, logger, services, lazy auth, the access log line, and the session cookie on the way out. */
export const requestContext = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now();
  const requestId = crypto.randomUUID();
  const logger = createLogger(c.env.LOG_LEVEL, { requestId });
  const services = createServices(c.env, { requestId, logger, waitUntil: (p) => c.executionCtx.waitUntil(p) });
  const cookies = cookieSettingsFor(c.env.APP_ENV);
  // An API key (ADR 105) authenticates /api/v1 and the MCP endpoint (ADR 106) only, and alone: with one, the cookies
  // are not read at all (no session, no impersonation, no CSRF question). Pages never take a key.
  const keyed = c.req.path.startsWith('/api/v1/') || c.req.path === '/mcp';
  const bearer = keyed ? bearerOf(c.req.header('authorization')) : null;
  const token = bearer ? null : readSessionCookie(c.req.header('cookie') ?? null, cookies);
  const impersonation = readImpersonationCookie(bearer ? null : (c.req.header('cookie') ?? null), cookies);

  let resolved: Promise<Viewer | null> | null = null;
  const auth: AuthState = {
    token,
    setCookie: null,
    subjectId: null,
    bearer,
    key: null,
    viewer() {
      // The key middleware has checked the key before any route asks (null: the request had none that worked).
      if (bearer) {
        resolved ??= Promise.resolve(auth.key?.viewer ?? null);
        return resolved;
      }
      resolved ??= (async () => {
        if (!token) return null;
        const found = await services.sessions.authenticate(token, c.req.header('user-agent') ?? null);
        if (!found && impersonation.present) auth.impersonationCookie = clearImpersonationCookie(cookies);
        if (!found) return null;
        if (found.rotatedToken) auth.setCookie = serializeSessionCookie(found.rotatedToken, cookies);
        const own: Viewer = { user: found.user, sessionId: found.sessionId, impersonatorId: found.impersonatorId };
        if (!impersonation.present || own.impersonatorId) return own;
        // An impersonation only counts next to the owner's own live session; a stale one falls back to it.
        const acting = await services.impersonation.resolve(own, impersonation.token);
        if (acting.clear) auth.impersonationCookie = clearImpersonationCookie(cookies);
        return acting.viewer ?? own;
      })();
      return resolved;
    },
  };
  c.set('requestId', requestId);
  c.set('logger', logger);
  c.set('services', services);
  c.set('auth', auth);

  let viewer: Viewer | null = null;
  try {
    await next();
  } finally {
    viewer = resolved ? await (resolved as Promise<Viewer | null>).catch(() => null) : null;
    // Every request made while impersonating, audited after the response (before the pool closes).
    if (viewer?.impersonatorId) {
      const route = c.req.routePath === '*' ? new URL(c.req.url).pathname : c.req.routePath;
      services.impersonation.recordRequest(viewer, { method: c.req.method, route, status: c.res.status });
    }
    c.executionCtx.waitUntil(services.close());
  }
  if (auth.setCookie) c.res.headers.append('Set-Cookie', auth.setCookie);
  if (auth.impersonationCookie) c.res.headers.append('Set-Cookie', auth.impersonationCookie);
  c.res.headers.set('X-Request-Id', requestId);
  logger.info('request', {
    method: c.req.method,
    route: c.req.routePath,
    status: c.res.status,
    durationMs: Date.now() - started,
    userId: viewer?.user.id ?? auth.subjectId ?? undefined,
    // The key's visible prefix only (never the secret): which key made the call.
    ...(auth.key ? { apiKey: auth.key.prefix } : {}),
  });
});
