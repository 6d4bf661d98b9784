// GET /api/v1/analytics/curves, /models and /models/history: the athlete's own duration curves and critical models (analytics use).
import { createRoute, createRouter } from '../../../http/router';
import { signedIn } from '../../../http/access';
import { errorResponses, IdParam, json } from '../../../http/openapi-shared';
import { notFound } from '../../../lib/errors';
import { requireUser } from '../../../http/guards';
import { athleteOf } from '../analytics-shared';
import { ActivityBalanceResponse, ActivityCurveQuery, ActivityCurveResponse } from './activity-curve.schema';
import { CurveQuerySchema, CurveResponse, ModelHistoryResponse, ModelsQuerySchema, ModelsResponse } from './curves.schema';
import { curvesViews } from './curves.views';

const tags = ['Analytics'];
const security = [{ session: [] }];
const read = { 401: errorResponses[401], 400: errorResponses[400] };

export const curvesRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/curves',
      tags,
      security,
      summary:
        'Mean-maximal curve (power, pace or heart rate) of a range, optionally with another to compare; each point with its activity',
      request: { query: CurveQuerySchema },
      responses: { 200: json(CurveResponse, 'Curve'), ...read },
    }),
    async (c) => {
      const a = athleteOf((await requireUser(c.var.auth)).user);
      return c.json(await curvesViews.curve(c.var.services.analytics, a, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/models',
      tags,
      security,
      summary: "Critical power and W′ (rides) or critical speed and D′ (runs) from the last 90 days' curve, with the efforts behind them",
      request: { query: ModelsQuerySchema },
      responses: { 200: json(ModelsResponse, 'Models'), ...read },
    }),
    async (c) => {
      const a = athleteOf((await requireUser(c.var.auth)).user);
      return c.json(await curvesViews.models(c.var.services.analytics, a, c.req.valid('query').sport), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/activities/{id}/curve',
      tags,
      security,
      summary: "Your activity's mean-maximal curve against the best of its season (its calendar year), each season point with its activity",
      request: { params: IdParam, query: ActivityCurveQuery },
      responses: { 200: json(ActivityCurveResponse, 'Activity curve'), ...read, 404: errorResponses[404] },
    }),
    async (c) => {
      const a = athleteOf((await requireUser(c.var.auth)).user);
      const view = await curvesViews.activityCurve(c.var.services.analytics, a, c.req.valid('param').id, c.req.valid('query').kind);
      if (!view) throw notFound('Activity');
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/activities/{id}/w-balance',
      tags,
      security,
      summary:
        'W′ balance across your ride (D′ balance across a run) under the CP/W′ model of the 90 days to its day, with its lowest point; or why there is none',
      request: { params: IdParam },
      responses: { 200: json(ActivityBalanceResponse, 'W′ balance'), ...read, 404: errorResponses[404] },
    }),
    async (c) => {
      const a = athleteOf((await requireUser(c.var.auth)).user);
      const view = await curvesViews.activityBalance(c.var.services.analytics, a, c.req.valid('param').id);
      if (!view) throw notFound('Activity');
      return c.json(view, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/models/history',
      tags,
      security,
      summary: 'How CP and W′ (CS and D′) and the estimated threshold moved: a point each Monday from the efforts before it',
      request: { query: ModelsQuerySchema },
      responses: { 200: json(ModelHistoryResponse, 'Model history'), ...read },
    }),
    async (c) => {
      const a = athleteOf((await requireUser(c.var.auth)).user);
      return c.json(await curvesViews.modelHistory(c.var.services.analytics, a, c.req.valid('query').sport), 200);
    },
  );
