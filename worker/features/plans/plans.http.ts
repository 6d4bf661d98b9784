// What the athlete's plan routers share (plans.routes.ts, control/plans-control.routes.ts): the OpenAPI
// tag and security, the error responses, and the signed-in athlete acting on their own plan.
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { requireUser } from '../../http/guards';
import { errorResponses, json } from '../../http/openapi-shared';
import { athleteOf } from '../analytics';
import { Change } from './plans.schema';

export const tags = ['Plans'];
export const security = [{ session: [] }];
export const std = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
  409: errorResponses[409],
  429: errorResponses[429],
};

/** The signed-in athlete, and the same athlete as the actor of a workout-control change. */
export async function who(c: Context<AppEnv>) {
  const viewer = await requireUser(c.var.auth);
  const athlete = athleteOf(viewer.user);
  return { athlete, by: { athlete, actorId: viewer.user.id, source: 'athlete' as const } };
}

export const changed = json(Change, 'The change, as logged');
