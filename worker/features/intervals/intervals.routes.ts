// GET /api/v1/activities/{id}/intervals: the activity's detected intervals and its planned workout's reps.
import { createRoute, createRouter } from '../../http/router';
import { signedIn } from '../../http/access';
import { errorResponses, IdParam, json } from '../../http/openapi-shared';
import { requireUser } from '../../http/guards';
import { athleteOf } from '../analytics';
import { ActivityIntervals } from './intervals.schema';

export const intervalsRoutes = createRouter().openapi(
  createRoute({
    access: signedIn,
    risk: 'normal',
    dataUse: 'owner',
    scope: 'activities:read',
    method: 'get',
    path: '/{id}/intervals',
    tags: ['Activities'],
    security: [{ session: [] }],
    summary: 'Work and recovery segments found in one of your activities, and each rep of the planned workout it completed',
    request: { params: IdParam },
    responses: {
      200: json(ActivityIntervals, 'Intervals'),
      400: errorResponses[400],
      401: errorResponses[401],
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const { user } = await requireUser(c.var.auth);
    return c.json(await c.var.services.intervals.forActivity(athleteOf(user), c.req.valid('param').id), 200);
  },
);
