import { highRisk, publicAccess, signedIn } from '../../../http/access';
import { actorOf, refuseWhileImpersonating, requireUser } from '../../../http/guards';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { AppError } from '../../../lib/errors';
import { DOOR_NAMES, DOORS } from './file-doors.registry';
import {
  DisconnectResult,
  DoorCallbackQuery,
  DoorStatus,
  DoorWellness,
  DoorWellnessInput,
  ProviderParam,
  WebhookAck,
} from './file-doors.schema';

const security = [{ session: [] }];

/** /api/v1/connections/{provider}/…: the live doors, one set of routes for every registered provider (ADR 038). */
export const doorConnectionRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('connect a data source'),
      effect: 'write',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/{provider}/authorize',
      tags: ['Connections'],
      security,
      summary: "Redirects to the provider's consent page (signed, single-use state bound to you; PKCE where the provider uses it)",
      request: { params: ProviderParam },
      responses: { 302: { description: 'To the provider' }, 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.redirect(await c.var.services.fileDoors.connections.authorizeUrl(viewer.user.id, c.req.valid('param').provider), 302);
    },
  )
  .openapi(
    createRoute({
      access: publicAccess('the signed, single-use OAuth state'),
      risk: highRisk('connect a data source'),
      effect: 'write',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/{provider}/callback',
      tags: ['Connections'],
      summary: 'OAuth callback: stores the connection and asks for the recent history, then back to Data sources',
      request: { params: ProviderParam, query: DoorCallbackQuery },
      responses: { 302: { description: 'To Data sources, with the outcome' }, 400: errorResponses[400] },
    }),
    async (c) => {
      const { provider } = c.req.valid('param');
      try {
        const viewer = await c.var.auth.viewer();
        if (viewer) refuseWhileImpersonating(viewer, 'connect a data source');
        await c.var.services.fileDoors.connections.complete(provider, c.req.valid('query'), viewer?.user.id ?? null);
        return c.redirect(`/settings/data?connected=${provider}`, 302);
      } catch (err) {
        // A person is looking at this in a browser: send them to a page that explains, not a JSON error.
        if (!(err instanceof AppError)) throw err;
        return c.redirect(`/settings/data?source=${provider}&error=${encodeURIComponent(err.message)}`, 302);
      }
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      method: 'get',
      path: '/{provider}',
      tags: ['Connections'],
      security,
      summary: 'Your connection to a live door: connected, since when, whether it needs you again, whether activities are shared',
      request: { params: ProviderParam },
      responses: { 200: json(DoorStatus, 'Status'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      const doors = c.var.services.fileDoors.connections;
      const { door } = doors.offered(c.req.valid('param').provider);
      const status = (await doors.status(user.id)).find((s) => s.provider === door.provider);
      // offered() already answered 404 for a door this deploy lacks, so the status list holds it.
      return c.json(status!, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('disconnect a data source'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/{provider}',
      tags: ['Connections'],
      security,
      summary:
        'Disconnect: ends the registration at the provider, deletes the tokens and pending jobs; activities follow the source’s policy',
      request: { params: ProviderParam },
      responses: {
        200: json(DisconnectResult, 'Disconnected'),
        400: errorResponses[400],
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json(await c.var.services.fileDoors.connections.disconnect(actorOf(viewer), c.req.valid('param').provider), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/{provider}/wellness',
      tags: ['Connections'],
      security,
      summary: 'Whether wellness (Polar: sleep and Nightly Recharge) comes in from this door, and when it was last fetched',
      request: { params: ProviderParam },
      responses: {
        200: json(DoorWellness, 'Wellness from the door'),
        400: errorResponses[400],
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.fileDoors.wellness.view(user.id, c.req.valid('param').provider), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('change which health data comes in from a data source'),
      effect: 'write',
      dataUse: 'none',
      scope: 'none',
      method: 'put',
      path: '/{provider}/wellness',
      tags: ['Connections'],
      security,
      summary:
        'Turn wellness from this door on (needs the connection; fetches at once the nights the provider still lists) or off (no more fetches)',
      request: { params: ProviderParam, body: jsonBody(DoorWellnessInput) },
      responses: {
        200: json(DoorWellness, 'Wellness from the door'),
        400: errorResponses[400],
        401: errorResponses[401],
        404: errorResponses[404],
        409: errorResponses[409],
      },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      const { provider } = c.req.valid('param');
      return c.json(await c.var.services.fileDoors.wellness.setEnabled(user.id, provider, c.req.valid('json').enabled), 200);
    },
  );

/**
 * /webhooks/<provider>: a live door's notifications, verified by its adapter, stored once, queued, answered at once.
 * One static path per registered door (not a path parameter, which would let `/webhooks/..` reach the pages).
 */
export const doorWebhookRoutes = createRouter();
for (const provider of DOOR_NAMES)
  doorWebhookRoutes.openapi(
    createRoute({
      access: publicAccess('the provider’s notification, verified by its adapter (signature, client id, shape, file host)'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: `/${provider}`,
      tags: ['Webhooks'],
      summary: `${DOORS[provider]?.label ?? provider}’s notification (new files, deregistration, permissions): verified, stored once, handled from the webhooks queue`,
      description: 'A notification the adapter cannot verify is answered 401 and neither stored nor queued.',
      responses: { 200: json(WebhookAck, 'Acknowledged'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      // The raw text, untouched: a provider's signature covers the exact bytes it sent.
      const raw = await c.req.text();
      const r = await c.var.services.fileDoors.webhooks.receive(provider, raw, c.req.raw.headers);
      return c.json({ ok: true as const, ...r }, 200);
    },
  );
