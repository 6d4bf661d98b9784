import { requireUser } from '../../../http/guards';
import { createRoute, createRouter } from '../../../http/router';
import { highRisk, signedIn } from '../../../http/access';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { Accepted } from '../../auth';
import { InstallIdParam, PushDevice, PushDevices, PushSubscribe, PushSync, PushSyncResult, VapidKey } from './push-subscriptions.schema';

const tags = ['Notifications'];
const security = [{ session: [] }];

/**
 * /api/v1/notifications/push-subscriptions: your own devices only (every query is by the signed-in user). Writes are
 * high-risk: an impersonating operator's browser must never become, or retire, the athlete's device.
 */
export const pushRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/vapid-key',
      tags,
      summary: 'The VAPID public key to subscribe with (404 where push is not configured)',
      security,
      responses: { 200: json(VapidKey, 'Key'), 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      await requireUser(c.var.auth);
      return c.json(c.var.services.pushSubscriptions.vapidKey(), 200);
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
      summary: 'Your devices with push on: label, last success and last error (never the endpoint)',
      security,
      responses: { 200: json(PushDevices, 'Devices'), 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json({ devices: await c.var.services.pushSubscriptions.devices(user.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      // An operator's browser must never become the athlete's device: refused while impersonating.
      risk: highRisk('send your notifications to this browser'),
      dataUse: 'none',
      scope: 'none',
      method: 'put',
      path: '/',
      tags,
      summary: 'Turn push on for this device: the install’s subscription (the same install or endpoint replaces)',
      security,
      request: { body: jsonBody(PushSubscribe) },
      responses: {
        200: json(PushDevice, 'Subscribed'),
        400: errorResponses[400],
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.pushSubscriptions.subscribe(user.id, c.req.valid('json')), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('tell the server what this browser holds'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/sync',
      tags,
      summary: 'On every app open: what the browser holds; a stored subscription of this install it no longer holds is retired',
      security,
      request: { body: jsonBody(PushSync) },
      responses: { 200: json(PushSyncResult, 'Synced'), 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.pushSubscriptions.sync(user.id, c.req.valid('json')), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('turn push off for a device'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/{installId}',
      tags,
      summary: 'Turn push off for one of your devices',
      security,
      request: { params: InstallIdParam },
      responses: {
        200: json(Accepted, 'Deleted'),
        400: errorResponses[400],
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      await c.var.services.pushSubscriptions.unsubscribe(user.id, c.req.valid('param').installId);
      return c.json({ ok: true as const }, 200);
    },
  );
