import { createRoute } from '@hono/zod-openapi';
import { createRouter } from '../../http/router';
import { errorResponses, json } from '../../http/openapi-shared';
import { notFound } from '../../lib/errors';
import { requireUser } from '../auth/guards';
import type { ActivityRow } from './activities.repo';
import { ActivityIdParam, ActivityList, ActivitySummary, ListActivitiesQuery } from './activities.schema';

const tags = ['Activities'];
const security = [{ session: [] }];

export const presentActivity = (a: ActivityRow): ActivitySummary => ({
  id: a.id,
  source: a.source,
  sport: a.sport,
  sportOriginal: a.sportOriginal,
  name: a.name,
  startTime: a.startTime.toISOString(),
  localStartDate: a.localStartDate,
  movingTimeS: a.movingTimeS,
  elapsedTimeS: a.elapsedTimeS,
  distanceM: a.distanceM,
  elevationGainM: a.elevationGainM,
  avgHr: a.avgHr,
  maxHr: a.maxHr,
  avgPower: a.avgPower,
  detailComplete: a.detailComplete,
});

export const activitiesRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Your activities, newest first; one row per effort even when several sources have it',
      request: { query: ListActivitiesQuery },
      responses: { 200: json(ActivityList, 'Activities'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      const { limit, before } = c.req.valid('query');
      const s = c.var.services.activities;
      const [rows, total] = await Promise.all([s.list(user.id, 'owner_display', { limit, before: before ? new Date(before) : undefined }), s.count(user.id)]);
      const last = rows.at(-1);
      return c.json({ activities: rows.map(presentActivity), total, nextBefore: rows.length === limit && last ? last.startTime.toISOString() : null }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags,
      security,
      summary: 'One of your activities',
      request: { params: ActivityIdParam },
      responses: { 200: json(ActivitySummary, 'Activity'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      const row = await c.var.services.activities.get(user.id, c.req.valid('param').id);
      if (!row) throw notFound('Activity');
      return c.json(presentActivity(row), 200);
    },
  );
