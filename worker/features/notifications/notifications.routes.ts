import { createRoute } from '@hono/zod-openapi';
import { requireUser } from '../../http/guards';
import { createRouter } from '../../http/router';
import { errorResponses, json } from '../../http/openapi-shared';
import { Notification, NotificationIdParam, NotificationList } from './notifications.schema';

export const notificationsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['Notifications'],
      summary: 'Your in-app notifications, newest first',
      security: [{ session: [] }],
      responses: { 200: json(NotificationList, 'Notifications'), 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.notifications.list(user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/read',
      tags: ['Notifications'],
      summary: 'Mark one notification read',
      security: [{ session: [] }],
      request: { params: NotificationIdParam },
      responses: { 200: json(Notification, 'Updated'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.notifications.markRead(user.id, c.req.valid('param').id), 200);
    },
  );
