// GET /api/v1/analytics/trends/zones and /trends/efficiency: the athlete's own weeks of time in zone and months
// of efficiency and decoupling (analytics use).
import { createRoute, createRouter } from '../../../http/router';
import { signedIn } from '../../../http/access';
import { errorResponses, json } from '../../../http/openapi-shared';
import { requireUser } from '../../../http/guards';
import { athleteOf } from '../analytics-shared';
import { EfficiencyMonthsQuerySchema, EfficiencyTrendsResponse, ZoneTrendsResponse, ZonesQuerySchema } from './trends.schema';
import { trendsViews } from './trends.views';

const tags = ['Analytics'];
const security = [{ session: [] }];
const read = { 401: errorResponses[401], 400: errorResponses[400] };

export const trendsRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/trends/zones',
      tags,
      security,
      summary:
        'Time in heart-rate, power or pace zones per week, with the thresholds (dated) the zones came from, the activities counted and why a week has none',
      request: { query: ZonesQuerySchema },
      responses: { 200: json(ZoneTrendsResponse, 'Weeks of time in zone'), ...read },
    }),
    async (c) => {
      const a = athleteOf((await requireUser(c.var.auth)).user);
      return c.json(await trendsViews.zones(c.var.services.analytics, a, c.req.valid('query')), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/trends/efficiency',
      tags,
      security,
      summary: 'Efficiency factor and decoupling per month (medians, with the activities behind them; too few says not enough data)',
      request: { query: EfficiencyMonthsQuerySchema },
      responses: { 200: json(EfficiencyTrendsResponse, 'Months of efficiency'), ...read },
    }),
    async (c) => {
      const a = athleteOf((await requireUser(c.var.auth)).user);
      const q = c.req.valid('query');
      return c.json(await trendsViews.efficiency(c.var.services.analytics, a, q.sport, q.months), 200);
    },
  );
