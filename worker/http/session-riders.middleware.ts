import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';

/**
 * A route's read of the signed-in user's own data that the request's session lookup fetches in its statement
 * (ADR 093): `ride` registers it (`services.rideWithSession`) and must read nothing itself. Exact method and path.
 */
export interface RouteRider {
  method: 'GET';
  path: string;
  ride(c: Context<AppEnv>): void;
}

/**
 * App-wide and ahead of everything that looks the session up, so a rider is known when the lookup runs. It returns
 * nothing and refuses nothing: each route's guard still runs first among the route's own handlers.
 */
export const sessionRiders = (riders: readonly RouteRider[]) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.var.auth.token) for (const r of riders) if (r.method === c.req.method && r.path === c.req.path) r.ride(c);
    await next();
  });
