import { createRoute } from '@hono/zod-openapi';
import { requireUser } from '../../http/guards';
import { createRouter } from '../../http/router';
import { errorResponses, json } from '../../http/openapi-shared';
import { NotificationPreferences, UpdateNotificationPreferences } from './notification-preferences';
import { Notification, NotificationIdParam, NotificationList } from './notifications.schema';

export const notificationsRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/preferences',
      tags: ['Notifications'],
      summary: 'Your notification preferences: categories × channels, email mode, send time, do-not-disturb',
      security: [{ session: [] }],
      responses: { 200: json(NotificationPreferences, 'Preferences'), 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.notifications.preferences.get(user.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/preferences',
      tags: ['Notifications'],
      summary: 'Change any part of your notification preferences (billing and security email stays on)',
      security: [{ session: [] }],
      request: { body: { content: { 'application/json': { schema: UpdateNotificationPreferences } }, required: true } },
      responses: { 200: json(NotificationPreferences, 'Saved'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.notifications.preferences.update(user.id, c.req.valid('json')), 200);
    },
  )
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
