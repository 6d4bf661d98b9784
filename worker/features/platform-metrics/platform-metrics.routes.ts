// Operators: platform metrics (ops.read) as JSON for the console and as a CSV download.
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { requirePermission } from '../../http/guards';
import { errorResponses, json } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { highRisk, withPermission } from '../../http/access';
import { csvResponse, toCsv } from '../../lib/csv';
import { MetricsQuery, PlatformMetrics } from './platform-metrics.schema';
import { metricsCsvRows } from './platform-metrics.service';

const std = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] };
const opsRead = (c: Context<AppEnv>) => requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'ops.read');
const tags = ['Admin: metrics'];
const security = [{ session: [] }];

export const platformMetricsRoutes = createRouter()
  .openapi(
    createRoute({
      access: withPermission('ops.read'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/metrics',
      tags,
      security,
      summary: 'Users, sources, coaching, billing, AI cost ÷ revenue and 12-period series (ops.read)',
      request: { query: MetricsQuery },
      responses: { 200: json(PlatformMetrics, 'Metrics'), ...std },
    }),
    async (c) => {
      await opsRead(c);
      return c.json(await c.var.services.platformMetrics.snapshot({ period: c.req.valid('query').period }), 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('ops.read'),
      risk: highRisk('export the metrics'),
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/metrics.csv',
      tags,
      security,
      summary: 'The same metrics as a CSV download: section, metric, period_start, value (ops.read)',
      request: { query: MetricsQuery },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, ...std },
    }),
    async (c) => {
      await opsRead(c);
      const m = await c.var.services.platformMetrics.snapshot({ period: c.req.valid('query').period });
      const { header, rows } = metricsCsvRows(m);
      return csvResponse(toCsv(header, rows), `cadence-metrics-${m.asOf.slice(0, 10)}.csv`);
    },
  );
