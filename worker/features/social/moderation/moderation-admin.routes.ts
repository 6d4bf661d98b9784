// /api/v1/admin/moderation: the operator console's moderation queue, actions and appeals (the `moderation`
// permission). Every act is high risk: an impersonation never moderates. Thin: the service decides and audits.
import { highRisk, withPermission } from '../../../http/access';
import { actorOf, requirePermission } from '../../../http/guards';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { ActionIdParam, ActionInput, ActionOut, Appeals, DecideInput, Queue } from './moderation.schema';

const tags = ['Admin: moderation'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };

export const moderationAdminRoutes = createRouter()
  .openapi(
    createRoute({
      access: withPermission('moderation'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/reports',
      tags,
      security,
      summary: 'The report queue grouped by target: open first (oldest first), each with its content and every reason (moderation)',
      responses: { 200: json(Queue, 'Queue'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'moderation');
      return c.json({ groups: await c.var.services.moderationAdmin.queue() }, 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('moderation'),
      risk: highRisk('moderate'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/actions',
      tags,
      security,
      summary:
        'Hide, warn, suspend (until), lift or dismiss on a post, comment or profile, with a reason: audited, the target’s open reports closed, the author told (moderation)',
      request: { body: jsonBody(ActionInput) },
      responses: { 201: json(ActionOut, 'Done'), ...std, 409: errorResponses[409] },
    }),
    async (c) => {
      const viewer = await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'moderation');
      return c.json(await c.var.services.moderationAdmin.act(actorOf(viewer), c.req.valid('json')), 201);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('moderation'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/appeals',
      tags,
      security,
      summary: 'Appealed actions, undecided first (moderation)',
      responses: { 200: json(Appeals, 'Appeals'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'moderation');
      return c.json({ appeals: await c.var.services.moderationAdmin.appeals() }, 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('moderation'),
      risk: highRisk('moderate'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/appeals/{actionId}/decide',
      tags,
      security,
      summary:
        'Decide an appeal once, upheld or overturned (reversing a hide or a suspension), with a reason: audited, the author told (moderation)',
      request: { params: ActionIdParam, body: jsonBody(DecideInput) },
      responses: { 200: json(ActionOut, 'Decided'), ...std, 409: errorResponses[409] },
    }),
    async (c) => {
      const viewer = await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'moderation');
      return c.json(await c.var.services.moderationAdmin.decide(actorOf(viewer), c.req.valid('param').actionId, c.req.valid('json')), 200);
    },
  );
