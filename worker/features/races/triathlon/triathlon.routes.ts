// GET /api/v1/races/{id}/triathlon: a triathlon's swim · bike · run plan with its receipts (mounted by races.routes).
import { signedIn } from '../../../http/access';
import { errorResponses, IdParam, json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { TriathlonPlanResponse, TriathlonQuery } from './triathlon.schema';
import { athlete } from '../races.http';

export const triathlonRoutes = createRouter().openapi(
  createRoute({
    access: signedIn,
    risk: 'normal',
    dataUse: 'analytics',
    scope: 'plan:read',
    method: 'get',
    path: '/{id}/triathlon',
    tags: ['Races'],
    security: [{ session: [] }],
    summary: 'A triathlon’s plan: each leg’s target with its threshold and date, the bike budget, the brick calibration, transitions',
    request: { params: IdParam, query: TriathlonQuery },
    responses: {
      200: json(TriathlonPlanResponse, 'The plan, or per leg what would help'),
      400: errorResponses[400],
      401: errorResponses[401],
      404: errorResponses[404],
    },
  }),
  async (c) => c.json(await c.var.services.raceTriathlon.plan(await athlete(c), c.req.valid('param').id, c.req.valid('query')), 200),
);
