import { z } from '@hono/zod-openapi';
import { createRoute, createRouter } from '../../http/router';
import { withPermission } from '../../http/access';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { actorOf, requirePermission } from '../../http/guards';
import { CreateInviteInput, Invite, InviteIdParam } from './invites.schema';

const tags = ['Admin: invites'];
const security = [{ session: [] }];
const adminErrors = { 401: errorResponses[401], 403: errorResponses[403] };

export const invitesRoutes = createRouter()
  .openapi(
    createRoute({
      access: withPermission('invites.manage'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'List invites with their redemptions',
      responses: { 200: json(z.object({ invites: z.array(Invite) }), 'Invites'), ...adminErrors },
    }),
    async (c) => {
      const s = c.var.services;
      await requirePermission(c.var.auth, s.auth.permissionsOf, 'invites.manage');
      return c.json({ invites: await s.invites.list() }, 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('invites.manage'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/',
      tags,
      security,
      summary: 'Create a single- or multi-use invite',
      request: { body: jsonBody(CreateInviteInput) },
      responses: { 201: json(Invite, 'Created'), 400: errorResponses[400], 409: errorResponses[409], ...adminErrors },
    }),
    async (c) => {
      const s = c.var.services;
      const viewer = await requirePermission(c.var.auth, s.auth.permissionsOf, 'invites.manage');
      return c.json(await s.invites.create(actorOf(viewer), c.req.valid('json')), 201);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('invites.manage'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/{id}/revoke',
      tags,
      security,
      summary: 'Revoke an invite (its past redemptions stay)',
      request: { params: InviteIdParam },
      responses: { 200: json(Invite, 'Revoked'), 400: errorResponses[400], 404: errorResponses[404], ...adminErrors },
    }),
    async (c) => {
      const s = c.var.services;
      const viewer = await requirePermission(c.var.auth, s.auth.permissionsOf, 'invites.manage');
      return c.json(await s.invites.revoke(actorOf(viewer), c.req.valid('param').id), 200);
    },
  );
