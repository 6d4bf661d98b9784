import { z } from '@hono/zod-openapi';
import { createRoute, createRouter } from '../../http/router';
import { highRisk, publicAccess, signedIn, withPermission } from '../../http/access';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { AppError, ErrorReason } from '../../lib/errors';
import { actorOf, refuseWhileImpersonating, requirePermission, requireUser } from '../../http/guards';
import { cookieSettingsFor, serializeSessionCookie } from '../auth';
import { CallbackQuery, IngestionStatus, JobCounts, PauseInput, SignupQuery } from './ingest.schema';

const security = [{ session: [] }];

/** Strava has no room for another athlete: the calm page with the other ways in, never an error. */
const isAthleteLimit = (err: unknown): err is AppError =>
  err instanceof AppError && err.details?.reason === ErrorReason.STRAVA_ATHLETE_LIMIT;
const athleteLimitPage = (flow: 'connect' | 'signup', refusedBy: 'cadence' | 'strava', invite?: string) => {
  const q = new URLSearchParams({ by: refusedBy });
  if (invite) q.set('invite', invite);
  return `${flow === 'connect' ? '/strava/full' : '/signup/strava-full'}?${q}`;
};

export const connectionsRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('connect Strava'),
      effect: 'write',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/strava/authorize',
      tags: ['Connections'],
      security,
      summary: "Redirects to Strava's consent page (signed, single-use state bound to you)",
      responses: { 302: { description: "To Strava, or to the page that explains Strava's athlete limit" }, 401: errorResponses[401] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      refuseWhileImpersonating(viewer, 'connect Strava');
      try {
        return c.redirect(await c.var.services.strava.connections.authorizeUrl(viewer.user.id), 302);
      } catch (err) {
        if (isAthleteLimit(err)) return c.redirect(athleteLimitPage('connect', 'cadence'), 302);
        throw err;
      }
    },
  )
  .openapi(
    createRoute({
      access: publicAccess('an invite code; Strava asks for consent'),
      risk: highRisk('sign up with Strava'),
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/strava/signup',
      tags: ['Connections'],
      summary: 'Sign up with Strava: checks the invite, then redirects to the consent page with the invite bound into the state',
      request: { query: SignupQuery },
      responses: { 302: { description: 'To Strava, or back to the signup page with the reason' }, 400: errorResponses[400] },
    }),
    async (c) => {
      const { invite, timeZone } = c.req.valid('query');
      try {
        return c.redirect(await c.var.services.strava.signup.authorizeUrl(invite, timeZone), 302);
      } catch (err) {
        if (isAthleteLimit(err)) return c.redirect(athleteLimitPage('signup', 'cadence', invite), 302);
        if (!(err instanceof AppError)) throw err;
        return c.redirect(`/signup?invite=${encodeURIComponent(invite)}&error=${encodeURIComponent(err.message)}`, 302);
      }
    },
  )
  .openapi(
    createRoute({
      access: publicAccess('Strava asks who it is'),
      risk: highRisk('log in with Strava'),
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/strava/login',
      tags: ['Connections'],
      summary: 'Log in with Strava (accounts linked to a Strava athlete)',
      responses: { 302: { description: 'To Strava' } },
    }),
    async (c) => c.redirect(await c.var.services.strava.signup.loginUrl(), 302),
  )
  .openapi(
    createRoute({
      access: publicAccess('the signed, single-use OAuth state'),
      risk: highRisk('connect Strava'),
      effect: 'write',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/strava/callback',
      tags: ['Connections'],
      summary: 'OAuth callback from Strava: stores the connection and queues the backfill, then back to the app',
      request: { query: CallbackQuery },
      responses: { 302: { description: 'To Home, or to Data sources with an error' } },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const s = c.var.services.strava;
      const { flow, invite } = await s.signup.flowOf(q);
      try {
        if (flow !== 'connect') {
          const { userId, token } = await s.signup.complete(q, c.req.header('user-agent') ?? null);
          c.var.auth.setCookie = serializeSessionCookie(token, cookieSettingsFor(c.env.APP_ENV));
          c.var.auth.subjectId = userId;
        } else {
          const viewer = await c.var.auth.viewer();
          if (viewer) refuseWhileImpersonating(viewer, 'connect Strava');
          await s.connections.complete(q, viewer?.user.id ?? null);
        }
        return c.redirect('/home?connected=strava', 302);
      } catch (err) {
        // A person is looking at this in a browser: send them somewhere that explains, not a JSON error.
        if (isAthleteLimit(err)) return c.redirect(athleteLimitPage(flow === 'connect' ? 'connect' : 'signup', 'strava', invite), 302);
        if (!(err instanceof AppError)) throw err;
        const back = { signup: '/signup', login: '/login', connect: '/settings/data' }[flow];
        return c.redirect(`${back}?error=${encodeURIComponent(err.message)}`, 302);
      }
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('disconnect Strava'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/strava',
      tags: ['Connections'],
      security,
      summary: 'Disconnect Strava: revoke access and delete every activity it brought; your files and archive stay',
      responses: {
        200: json(z.object({ removedActivities: z.number().int(), keptActivities: z.number().int() }), 'Disconnected'),
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json(await c.var.services.strava.connections.disconnect(actorOf(viewer)), 200);
    },
  );

export const ingestionRoutes = createRouter().openapi(
  createRoute({
    access: signedIn,
    risk: 'normal',
    dataUse: 'owner',
    scope: 'none',
    method: 'get',
    path: '/',
    tags: ['Connections'],
    security,
    summary: 'Your data sources and ingestion progress (Home polls this)',
    responses: { 200: json(IngestionStatus, 'Status'), 401: errorResponses[401] },
  }),
  async (c) => {
    const { user } = await requireUser(c.var.auth);
    return c.json(await c.var.services.ingestionStatus(user.id), 200);
  },
);

export const ingestionAdminRoutes = createRouter()
  .openapi(
    createRoute({
      access: withPermission('system.ingestion_pause'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'put',
      path: '/pause',
      tags: ['Admin: ingestion'],
      security,
      summary: 'Emergency brake: pause or resume all provider ingestion (audited)',
      request: { body: jsonBody(PauseInput) },
      responses: {
        200: json(z.object({ paused: z.boolean(), released: z.number().int() }), 'Done'),
        400: errorResponses[400],
        401: errorResponses[401],
        403: errorResponses[403],
      },
    }),
    async (c) => {
      const s = c.var.services;
      const viewer = await requirePermission(c.var.auth, s.auth.permissionsOf, 'system.ingestion_pause');
      return c.json(await s.ingestion.setPaused(actorOf(viewer), c.req.valid('json').paused), 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('system.ingestion_pause'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/athletes/{id}/jobs',
      tags: ['Admin: ingestion'],
      security,
      summary: "An athlete's ingestion jobs by status (stuck, deferred, errors)",
      request: { params: z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) }) },
      responses: { 200: json(JobCounts, 'Counts'), 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      const s = c.var.services;
      await requirePermission(c.var.auth, s.auth.permissionsOf, 'system.ingestion_pause');
      const { jobs } = await s.ingestion.status(c.req.valid('param').id);
      return c.json(
        {
          queued: jobs.queued ?? 0,
          running: jobs.running ?? 0,
          deferred: jobs.deferred ?? 0,
          done: jobs.done ?? 0,
          error: jobs.error ?? 0,
        },
        200,
      );
    },
  );
