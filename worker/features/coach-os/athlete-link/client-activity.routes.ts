// GET /api/v1/coach/clients/{id}/activities/{activityId}[/streams/range]: a linked client's activity as the coach's
// activity page shows it (ADR 061); GET …/clients/{id}/curves and /models: their duration curves and critical models. Pending link 403, anyone else's client, no live link or not the athlete's
// activity 404; a source whose terms keep it from coaches (Strava's) 404 with reason SOURCE_NOT_SHARED and the reason.
import { json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { notFound } from '../../../lib/errors';
import { ActivityStreamsRangeResponse, CurveQuerySchema, ModelsQuerySchema, StreamsRangeQuery } from '../../analytics';
import { coachErrors, coachSecurity, member, orgMember } from '../coach-os.http';
import { IdParam } from '../coach-os.schema';
import { ClientActivity, ClientActivityParams, ClientCurve, ClientModels } from './client-activity.schema';

const tags = ['Coach athlete links'];

export const clientActivityRoutes = createRouter()
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'coach',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/activities/{activityId}',
      tags,
      security: coachSecurity,
      summary:
        'One of the linked athlete’s activities as their activity page shows it: summary, load, streams, laps, zones, route, intervals against the plan, note and RPE (only sources others may see; 403 while the athlete has not answered the request)',
      request: { params: ClientActivityParams },
      responses: { 200: json(ClientActivity, 'Activity'), ...coachErrors },
    }),
    async (c) => {
      const { id, activityId } = c.req.valid('param');
      return c.json(await c.var.services.clientActivity.activity(await member(c), id, activityId), 200);
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'coach',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/activities/{activityId}/streams/range',
      tags,
      security: coachSecurity,
      summary:
        'A stretch of the linked athlete’s activity at full detail, with its figures (the charts’ zoom; the same rules as the activity)',
      request: { params: ClientActivityParams, query: StreamsRangeQuery },
      responses: { 200: json(ActivityStreamsRangeResponse, 'Range'), ...coachErrors },
    }),
    async (c) => {
      const { id, activityId } = c.req.valid('param');
      const { from, to } = c.req.valid('query');
      const view = await c.var.services.clientActivity.range(await member(c), id, activityId, from, to);
      if (!view) throw notFound('Activity');
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'coach',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/curves',
      tags,
      security: coachSecurity,
      summary:
        'The linked athlete’s mean-maximal curve (the athlete’s own query), from the sources coaches may see; says what it leaves out',
      request: { params: IdParam, query: CurveQuerySchema },
      responses: { 200: json(ClientCurve, 'Curve'), ...coachErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await c.var.services.clientActivity.curves(await member(c), id, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'coach',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/models',
      tags,
      security: coachSecurity,
      summary: 'The linked athlete’s CP/W′ (rides) or CS/D′ (runs) from the last 90 days, from the sources coaches may see',
      request: { params: IdParam, query: ModelsQuerySchema },
      responses: { 200: json(ClientModels, 'Models'), ...coachErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await c.var.services.clientActivity.models(await member(c), id, c.req.valid('query').sport), 200);
    },
  );
