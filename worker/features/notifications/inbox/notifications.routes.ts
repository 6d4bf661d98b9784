import { requireUser } from '../../../http/guards';
import { createRoute, createRouter } from '../../../http/router';
import { highRisk, signedIn } from '../../../http/access';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { Accepted } from '../../auth';
import { NotificationPreferences, UpdateNotificationPreferences } from '../preferences/notification-preferences';
import {
  MarkedRead,
  MarkGroupRead,
  Notification,
  NotificationFilter,
  NotificationIdParam,
  NotificationList,
  NotificationQuery,
  UnreadCount,
} from '../notifications.schema';

const tags = ['Notifications'];
const security = [{ session: [] }];
const readOne = (method: 'post' | 'patch') =>
  createRoute({
    access: signedIn,
    risk: 'normal',
    dataUse: 'none',
    scope: 'none',
    method,
    path: '/{id}/read',
    tags,
    summary: 'Mark one notification read',
    security,
    request: { params: NotificationIdParam },
    responses: { 200: json(Notification, 'Updated'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
  });

export const notificationsRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/preferences',
      tags,
      summary: 'Your notification preferences: categories × channels, email mode, send time, do-not-disturb',
      security,
      responses: { 200: json(NotificationPreferences, 'Preferences'), 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.notifications.preferences.get(user.id), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'put',
      path: '/preferences',
      tags,
      summary: 'Change any part of your notification preferences (billing and security email stays on)',
      security,
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
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/',
      tags,
      summary: 'Your in-app notifications, newest first, with the groups the center shows (by local day, then type)',
      security,
      request: { query: NotificationQuery },
      responses: { 200: json(NotificationList, 'Notifications'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.notifications.list(user, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/unread-count',
      tags,
      summary: 'How many of your notifications are unread (the bell; cheap enough to poll)',
      security,
      responses: { 200: json(UnreadCount, 'Unread'), 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      c.header('Cache-Control', 'private, no-store');
      return c.json({ unread: await c.var.services.notifications.unreadCount(user.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/read',
      tags,
      summary: 'Mark a group read (its ids); any id that is not yours is a 404 and nothing changes',
      security,
      request: { body: jsonBody(MarkGroupRead) },
      responses: { 200: json(MarkedRead, 'Updated'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.notifications.markGroupRead(user.id, c.req.valid('json').ids), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/read-all',
      tags,
      summary: 'Mark all read, or all of one type or category (the list’s filter, as query parameters)',
      security,
      request: { query: NotificationFilter },
      responses: { 200: json(MarkedRead, 'Updated'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.notifications.markAllRead(user.id, c.req.valid('query')), 200);
    },
  )
  .openapi(readOne('post'), async (c) => {
    const { user } = await requireUser(c.var.auth);
    return c.json(await c.var.services.notifications.markRead(user.id, c.req.valid('param').id), 200);
  })
  .openapi(readOne('patch'), async (c) => {
    const { user } = await requireUser(c.var.auth);
    return c.json(await c.var.services.notifications.markRead(user.id, c.req.valid('param').id), 200);
  })
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('delete a notification'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/{id}',
      tags,
      summary: 'Delete one notification (it never comes back in lists or counts)',
      security,
      request: { params: NotificationIdParam },
      responses: { 200: json(Accepted, 'Deleted'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      await c.var.services.notifications.remove(user.id, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
