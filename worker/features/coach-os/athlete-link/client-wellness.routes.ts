// GET /api/v1/coach/clients/{id}/wellness: a linked client's wellness days and readiness while they share wellness
// (a second consent beside training's, ADR 074), a "not shared" answer while they do not, 404 for anyone else's
// client. PUT/DELETE /api/v1/me/coach-links/{id}/wellness-share: the athlete's own act of sharing or stopping.
import { type RouteHandler, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../../context';
import { highRisk, signedIn } from '../../../http/access';
import { actorOf, requireUser } from '../../../http/guards';
import { json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { coachErrors, coachSecurity, member, orgMember } from '../coach-os.http';
import { IdParam } from '../coach-os.schema';
import { ClientWellness, ClientWellnessQuery } from './client-wellness.schema';

const tags = ['Coach athlete links'];

export const clientWellnessRoutes = createRouter().openapi(
  createRoute({
    access: orgMember,
    risk: 'normal',
    dataUse: 'coach',
    scope: 'coach:read',
    method: 'get',
    path: '/clients/{id}/wellness',
    tags,
    security: coachSecurity,
    summary:
      'The linked athlete’s wellness days (merged as their page shows them) and readiness, only while they share wellness with you; otherwise `shared: false`',
    request: { params: IdParam, query: ClientWellnessQuery },
    responses: { 200: json(ClientWellness, 'Wellness, or not shared'), ...coachErrors },
  }),
  async (c) => c.json(await c.var.services.clientWellness.wellness(await member(c), c.req.valid('param').id, c.req.valid('query')), 200),
);

/** PUT shares your wellness with the coach of an accepted link, DELETE stops it at once. */
function shareRoute(shared: boolean) {
  const route = createRoute({
    access: signedIn,
    risk: highRisk(shared ? 'share an athlete’s wellness with a coach' : 'change an athlete’s wellness sharing'),
    dataUse: 'none',
    scope: 'none',
    method: shared ? 'put' : 'delete',
    path: '/{id}/wellness-share',
    tags,
    security: coachSecurity,
    summary: shared
      ? 'Share your wellness (sleep, HRV, resting HR, check-ins, weight) with this coach'
      : 'Stop sharing your wellness with this coach',
    request: { params: IdParam },
    responses: { 200: json(z.object({ wellness: z.boolean() }), shared ? 'Shared' : 'Stopped'), ...coachErrors },
  });
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const viewer = await requireUser(c.var.auth);
    return c.json(await c.var.services.clientWellness.setShare(actorOf(viewer), viewer.user.id, c.req.valid('param').id, shared), 200);
  };
  return [route, handler] as const;
}

export const myWellnessShareRoutes = createRouter()
  .openapi(...shareRoute(true))
  .openapi(...shareRoute(false));
