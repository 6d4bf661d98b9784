import { z } from '@hono/zod-openapi';
import { createRoute, createRouter } from '../../http/router';
import { withRole } from '../../http/access';
import { errorResponses, IdParam, json, jsonBody } from '../../http/openapi-shared';
import { Accepted, PERMISSIONS, Role } from '../auth';
import { actorOf, requireRole } from '../../http/guards';

const tags = ['Admin: users'];
const security = [{ session: [] }];
const PermissionParams = IdParam.extend({ permission: z.enum(PERMISSIONS).openapi({ param: { name: 'permission', in: 'path' } }) });
const errors = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };

// Owner-only: changing who holds power is the most sensitive thing the console does.
export const adminRoutes = createRouter()
  .openapi(
    createRoute({
      access: withRole(['owner']),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'put',
      path: '/users/{id}/role',
      tags,
      security,
      summary: "Change a user's role (owner only; rotates their sessions)",
      request: { params: IdParam, body: jsonBody(z.object({ role: Role }).openapi('SetRoleInput')) },
      responses: { 200: json(Accepted, 'Changed'), ...errors },
    }),
    async (c) => {
      const viewer = await requireRole(c.var.auth, 'owner');
      await c.var.services.admin.setRole(actorOf(viewer), c.req.valid('param').id, c.req.valid('json').role);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      access: withRole(['owner']),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'put',
      path: '/users/{id}/permissions/{permission}',
      tags,
      security,
      summary: 'Grant an explicit admin permission (owner only)',
      request: { params: PermissionParams },
      responses: { 200: json(Accepted, 'Granted'), ...errors },
    }),
    async (c) => {
      const viewer = await requireRole(c.var.auth, 'owner');
      const { id, permission } = c.req.valid('param');
      await c.var.services.admin.setPermission(actorOf(viewer), id, permission, true);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      access: withRole(['owner']),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/users/{id}/permissions/{permission}',
      tags,
      security,
      summary: 'Revoke an explicit admin permission (owner only)',
      request: { params: PermissionParams },
      responses: { 200: json(Accepted, 'Revoked'), ...errors },
    }),
    async (c) => {
      const viewer = await requireRole(c.var.auth, 'owner');
      const { id, permission } = c.req.valid('param');
      await c.var.services.admin.setPermission(actorOf(viewer), id, permission, false);
      return c.json({ ok: true as const }, 200);
    },
  );
