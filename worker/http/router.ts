import { createRoute as createOpenApiRoute, OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';
import { AppError, ErrorCode } from '../lib/errors';
import type { RouteScope } from '../lib/access-vocabulary';
import { describeDeclaration, type Effect, guardRoute, type Risk, type RouteDeclaration } from './access';

/**
 * A route definition: zod-openapi's, plus the route's `access`, `risk`, `dataUse` and `scope` (worker/http/access.ts), which
 * the type requires so that no route can leave them out.
 */
export const createRoute = <P extends string, R extends Omit<RouteConfig, 'path'> & { path: P } & RouteDeclaration>(route: R) =>
  createOpenApiRoute(route);

/**
 * Every feature router shares one validation hook, so a bad field always answers the same shape, and
 * runs each route's declared access and risk before anything else of the route, its validators included.
 */
export function createRouter() {
  const router = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const fields = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
        const first = fields[0];
        throw new AppError(ErrorCode.VALIDATION, first ? `${first.path || 'request'}: ${first.message}` : 'The request is not valid.', {
          fields,
        });
      }
    },
  });
  const register = router.openapi;
  router.openapi = ((route: RouteConfig & Partial<RouteDeclaration>, handler: never, hook?: never) => {
    const { access, risk, dataUse, scope, effect, middleware, ...rest } = route;
    const name = `${route.method.toUpperCase()} ${route.path}`;
    // A route built with zod-openapi's own createRoute (or a bare object) gets here undeclared: fail at start-up.
    if (!access || !risk || !dataUse) throw new Error(`${name}: declare its access, risk and data use (createRoute in http/router.ts)`);
    if (!scope) throw new Error(`${name}: declare the API-key scope it needs, or 'none' (ADR 105)`);
    checkEffect(name, route.method, risk, effect);
    checkScope(name, route.method, risk, scope, effect);
    // A key's requirement sits beside the session's, so a client generator knows which scope to ask for.
    const security = scope === 'none' || !rest.security ? rest.security : [...rest.security, { apiKey: [scope] }];
    const own: MiddlewareHandler[] = middleware ? (Array.isArray(middleware) ? middleware : [middleware]) : [];
    return register(
      {
        ...rest,
        ...(security ? { security } : {}),
        ...describeDeclaration({ access, risk, dataUse, scope, effect }),
        middleware: [guardRoute(access, risk, dataUse, scope, effect), ...own],
      } as RouteConfig,
      handler,
      hook,
    );
  }) as typeof router.openapi;
  return router;
}

/**
 * A GET that changes state is followed from a link (a consent page, an email): the user's own act, so it
 * must be high-risk too (refused to an impersonation). Any other method always writes: no `read` there.
 */
export function checkEffect(name: string, method: string, risk: Risk, effect: Effect | undefined): void {
  if (method.toLowerCase() !== 'get' && effect === 'read') throw new Error(`${name}: only a GET can be a read`);
  if (effect === 'write' && method.toLowerCase() === 'get' && risk === 'normal')
    throw new Error(`${name}: a GET that changes state is the user's own act: declare it highRisk(...)`);
}

/**
 * A key acts for a program, never as the person: a high-risk act (the user's own) is never open to a key, and a
 * write needs a `:write` scope, a read a `:read` one (ADR 105).
 */
export function checkScope(name: string, method: string, risk: Risk, scope: RouteScope, effect: Effect | undefined): void {
  if (scope === 'none') return;
  if (risk !== 'normal') throw new Error(`${name}: a high-risk act is the user's own: its scope must be 'none'`);
  const writes = method.toLowerCase() !== 'get' || effect === 'write';
  if (writes !== scope.endsWith(':write')) throw new Error(`${name}: a ${writes ? 'write' : 'read'} cannot declare the "${scope}" scope`);
}

/** The error shape, for OpenAPI responses. */
export { ErrorResponse, errorResponses } from './openapi-shared';
