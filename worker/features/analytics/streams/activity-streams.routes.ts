import { signedIn } from '../../../http/access';
import { requireUser } from '../../../http/guards';
import { errorResponses, IdParam, json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { notFound } from '../../../lib/errors';
import { athleteOf } from '../analytics-shared';
import { ActivityStreamsRangeResponse, ActivityStreamsResponse, StreamsRangeQuery } from './activity-streams.schema';

const tags = ['Activities'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] };

/** Mounted at /api/v1/activities beside the activities feature's own routes: the signed-in athlete's activity. */
export const activityStreamsRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'activities:read',
      method: 'get',
      path: '/{id}/streams',
      tags,
      security,
      summary:
        'Your activity’s streams drawn for a chart (downsampled keeping peaks), with its figures, automatic splits, the device’s laps and time in zones',
      request: { params: IdParam },
      responses: { 200: json(ActivityStreamsResponse, 'Streams'), ...std },
    }),
    async (c) => {
      const a = athleteOf((await requireUser(c.var.auth)).user);
      const view = await c.var.services.analytics.activityStreams(a, c.req.valid('param').id, 'owner');
      if (!view) throw notFound('Activity');
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'activities:read',
      method: 'get',
      path: '/{id}/streams/range',
      tags,
      security,
      summary: 'A stretch of your activity: drawn at full detail for the range, with its figures computed from every recorded sample',
      request: { params: IdParam, query: StreamsRangeQuery },
      responses: { 200: json(ActivityStreamsRangeResponse, 'Range'), ...std },
    }),
    async (c) => {
      const a = athleteOf((await requireUser(c.var.auth)).user);
      const { from, to } = c.req.valid('query');
      const view = await c.var.services.analytics.activityStreamsRange(a, c.req.valid('param').id, 'owner', from, to);
      if (!view) throw notFound('Activity');
      return c.json(view, 200);
    },
  );
