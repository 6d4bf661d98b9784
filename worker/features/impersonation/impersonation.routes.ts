import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { requireUser } from '../../http/guards';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { highRisk, signedIn, withRole } from '../../http/access';
import { cookieSettingsFor } from '../auth';
import { clearImpersonationCookie, serializeImpersonationCookie } from './impersonation-cookie';
import { ImpersonationState, StartImpersonationInput } from './impersonation.schema';

const tags = ['Admin: impersonation'];
const security = [{ session: [] }];
const settings = (c: Context<AppEnv>) => cookieSettingsFor(c.env.APP_ENV);

/** Owner-only: start (a separate 30-minute session in its own cookie) and end an impersonation. */
export const impersonationAdminRoutes = createRouter()
  .openapi(
    createRoute({
      access: withRole(['owner'], 'Only owners can impersonate.'),
      risk: highRisk('start another impersonation'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/',
      tags,
      security,
      summary: 'Act as a user for up to 30 minutes (owner only; reason required; audited; not renewable)',
      request: { body: jsonBody(StartImpersonationInput) },
      responses: {
        201: json(ImpersonationState, 'Impersonating: the impersonation cookie is set'),
        400: errorResponses[400],
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        409: errorResponses[409],
      },
    }),
    async (c) => {
      const owner = await requireUser(c.var.auth);
      const started = await c.var.services.impersonation.start(owner, c.req.valid('json'), c.req.header('user-agent') ?? null);
      c.var.auth.impersonationCookie = serializeImpersonationCookie(started.token, settings(c), started.maxAgeSeconds);
      const impersonating = {
        userId: started.target.id,
        displayName: started.target.displayName,
        impersonatorId: owner.user.id,
        expiresAt: started.expiresAt.toISOString(),
      };
      return c.json({ impersonating }, 201);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/',
      tags,
      security,
      summary: 'End the impersonation now; back to your own session (a no-op when not impersonating)',
      responses: { 200: json(ImpersonationState, 'Ended'), 401: errorResponses[401] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      await c.var.services.impersonation.end(viewer, 'manual');
      c.var.auth.impersonationCookie = clearImpersonationCookie(settings(c));
      return c.json({ impersonating: null }, 200);
    },
  );

export const impersonationMeRoutes = createRouter().openapi(
  createRoute({
    access: signedIn,
    risk: 'normal',
    dataUse: 'none',
    scope: 'none',
    method: 'get',
    path: '/',
    tags: ['Account'],
    security,
    summary: 'Whether this session is an impersonation: who, by whom, until when',
    responses: { 200: json(ImpersonationState, 'State'), 401: errorResponses[401] },
  }),
  async (c) => c.json(c.var.services.impersonation.current(await requireUser(c.var.auth)), 200),
);
