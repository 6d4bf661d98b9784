import { type RouteHandler, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../../context';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { highRisk, signedIn } from '../../../http/access';
import { actorOf, requireUser } from '../../../http/guards';
import { ActivityStreamsResponse } from '../../analytics';
import { coachErrors, coachSecurity, member, orgMember } from '../coach-os.http';
import { IdParam } from '../coach-os.schema';
import { AthleteLink, CoachLink, LinkRequestInput, SharedTraining } from './athlete-link.schema';

const tags = ['Coach athlete links'];
const security = coachSecurity;
const std = coachErrors;
const Done = z.object({ ok: z.literal(true) });
const ActivityParams = IdParam.extend({ activityId: z.uuid().openapi({ param: { name: 'activityId', in: 'path' } }) });

/** Mounted at /api/v1/coach: a client's link to their athlete account, and what it lets the coach see. */
export const athleteLinkRoutes = createRouter()
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/athlete-link',
      tags,
      security,
      summary: 'The client’s pending or accepted link to a Cadence athlete account',
      request: { params: IdParam },
      responses: { 200: json(z.object({ link: AthleteLink.nullable() }), 'Link'), ...std },
    }),
    async (c) => c.json(await c.var.services.athleteLinks.linkOf(await member(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
      method: 'post',
      path: '/clients/{id}/athlete-link',
      tags,
      security,
      summary: 'Ask the athlete with this email to share their training. The answer is the same whether or not the address has an account',
      request: { params: IdParam, body: jsonBody(LinkRequestInput) },
      responses: {
        201: json(z.object({ link: AthleteLink, created: z.boolean() }), 'Asked (or already waiting)'),
        409: errorResponses[409],
        ...std,
      },
    }),
    async (c) =>
      c.json(await c.var.services.athleteLinks.request(await member(c), c.req.valid('param').id, c.req.valid('json').email), 201),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: highRisk('unlink an athlete'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/clients/{id}/athlete-link',
      tags,
      security,
      summary: 'Cancel a waiting request, or unlink the athlete',
      request: { params: IdParam },
      responses: { 200: json(Done, 'Ended'), ...std },
    }),
    async (c) => {
      await c.var.services.athleteLinks.unlink(await member(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'coach',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/training',
      tags,
      security,
      summary:
        'The linked athlete’s fitness, weekly volume and recent activities (only sources others may see; 404 unless the athlete agreed)',
      request: { params: IdParam },
      responses: { 200: json(SharedTraining, 'Training'), ...std },
    }),
    async (c) => c.json(await c.var.services.athleteLinks.training(await member(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'coach',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/activities/{activityId}/streams',
      tags,
      security,
      summary:
        'One of the linked athlete’s activities analysed from its streams, as the activity page shows it (only sources others may see; zones from the athlete’s own thresholds)',
      request: { params: ActivityParams },
      responses: { 200: json(ActivityStreamsResponse, 'Streams'), ...std },
    }),
    async (c) => {
      const { id, activityId } = c.req.valid('param');
      return c.json(await c.var.services.athleteLinks.activityStreams(await member(c), id, activityId), 200);
    },
  );

/** PUT lets the coach of an accepted link change your plan, DELETE withdraws it; yours alone to give. */
function planEditRoute(granted: boolean) {
  const route = createRoute({
    access: signedIn,
    risk: 'normal',
    dataUse: 'none',
    scope: 'none',
    method: granted ? 'put' : 'delete',
    path: '/{id}/plan-edit',
    tags,
    security,
    summary: granted ? 'Let this coach change your training plan' : 'Stop this coach changing your training plan',
    request: { params: IdParam },
    responses: { 200: json(z.object({ planEdit: z.boolean() }), granted ? 'Allowed' : 'Withdrawn'), ...std },
  });
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const viewer = await requireUser(c.var.auth);
    return c.json(await c.var.services.clientPlans.setPlanEdit(actorOf(viewer), viewer.user.id, c.req.valid('param').id, granted), 200);
  };
  return [route, handler] as const;
}

/** Mounted at /api/v1/me/coach-links: the signed-in athlete's side of those links. */
export const myCoachLinksRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Coaches asking to see your training, and those you share it with',
      responses: { 200: json(z.object({ links: z.array(CoachLink) }), 'Links'), ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json({ links: await c.var.services.athleteLinks.linksFor(viewer.user) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/{id}/accept',
      tags,
      security,
      summary: 'Share your training with the coach who asked',
      request: { params: IdParam },
      responses: { 200: json(z.object({ linkId: z.uuid() }), 'Shared'), 409: errorResponses[409], ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json(await c.var.services.athleteLinks.accept(actorOf(viewer), viewer.user, c.req.valid('param').id), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/{id}/decline',
      tags,
      security,
      summary: 'Decline a coach’s request',
      request: { params: IdParam },
      responses: { 200: json(Done, 'Declined'), ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      await c.var.services.athleteLinks.decline(actorOf(viewer), viewer.user, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/{id}/revoke',
      tags,
      security,
      summary: 'Stop sharing your training with a coach',
      request: { params: IdParam },
      responses: { 200: json(Done, 'Stopped'), ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      await c.var.services.athleteLinks.revoke(actorOf(viewer), viewer.user, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(...planEditRoute(true))
  .openapi(...planEditRoute(false));
