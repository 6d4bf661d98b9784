import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { createRoute, createRouter } from '../../http/router';
import { highRisk, signedIn, withPermission } from '../../http/access';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { actorOf, requirePermission, requireUser } from '../../http/guards';
import { athleteOf, type Athlete } from './analytics-shared';
import { analyticsViews } from './analytics.views';
import { todayIn } from '../../lib/dates';
import { notFound } from '../../lib/errors';
import {
  ActivityAnalysisResponse,
  AgeGradesResponse,
  DaysQuery,
  EfficiencyResponse,
  EfficiencyQuery,
  FitnessResponse,
  HeatmapResponse,
  InsightsResponse,
  PersonalBestsResponse,
  SportDistributionResponse,
  WeeklyVolumeResponse,
  WeeksQuery,
  YearQuery,
} from './analytics.schema';
import { RebuildBody, RebuildResponse, SetThresholdBody, ThresholdIdParam, ThresholdsResponse } from './thresholds.schema';

const tags = ['Analytics'];
const security = [{ session: [] }];
const read = { 401: errorResponses[401], 400: errorResponses[400] };

async function athlete(c: Context<AppEnv>): Promise<Athlete> {
  return athleteOf((await requireUser(c.var.auth)).user);
}

export const analyticsRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/fitness',
      tags,
      security,
      summary: 'Fitness (CTL), fatigue (ATL) and form (TSB) per day, with each day’s activities',
      request: { query: DaysQuery },
      responses: { 200: json(FitnessResponse, 'Timeline'), ...read },
    }),
    async (c) => c.json(await analyticsViews.fitness(c.var.services.analytics, await athlete(c), c.req.valid('query').days), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/weekly-volume',
      tags,
      security,
      summary: 'Distance, time and load per Monday–Sunday week and sport',
      request: { query: WeeksQuery },
      responses: { 200: json(WeeklyVolumeResponse, 'Weeks'), ...read },
    }),
    async (c) => c.json(await analyticsViews.weeklyVolume(c.var.services.analytics, await athlete(c), c.req.valid('query').weeks), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/sport-distribution',
      tags,
      security,
      summary: 'Share of training time per sport',
      request: { query: WeeksQuery },
      responses: { 200: json(SportDistributionResponse, 'Sports'), ...read },
    }),
    async (c) =>
      c.json(await analyticsViews.sportDistribution(c.var.services.analytics, await athlete(c), c.req.valid('query').weeks), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/heatmap',
      tags,
      security,
      summary: 'Daily totals for one calendar year',
      request: { query: YearQuery },
      responses: { 200: json(HeatmapResponse, 'Days'), ...read },
    }),
    async (c) => {
      const a = await athlete(c);
      const year = c.req.valid('query').year ?? Number(todayIn(a.timeZone, c.var.services.clock.now()).slice(0, 4));
      return c.json(await analyticsViews.heatmap(c.var.services.analytics, a, year), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/personal-bests',
      tags,
      security,
      summary: 'Run PBs (all time, last 12 months, per year) and ride power bests',
      responses: { 200: json(PersonalBestsResponse, 'Bests'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await analyticsViews.personalBests(c.var.services.analytics, await athlete(c)), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/age-grades',
      tags,
      security,
      summary: 'WMA age-graded % of each year’s best at each road distance',
      responses: { 200: json(AgeGradesResponse, 'Grades'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await analyticsViews.ageGrades(c.var.services.analytics, await athlete(c)), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/efficiency',
      tags,
      security,
      summary: 'Aerobic efficiency of easy runs and rides, with trend and decoupling',
      request: { query: EfficiencyQuery },
      responses: { 200: json(EfficiencyResponse, 'Efficiency'), ...read },
    }),
    async (c) => c.json(await analyticsViews.efficiency(c.var.services.analytics, await athlete(c), c.req.valid('query').weeks), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'analytics:read',
      method: 'get',
      path: '/insights',
      tags,
      security,
      summary: 'Evidence-backed findings, each with its receipts and minimum sample',
      responses: { 200: json(InsightsResponse, 'Insights'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await analyticsViews.insights(c.var.services.analytics, await athlete(c)), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'analytics:read',
      method: 'get',
      path: '/activities/{id}',
      tags,
      security,
      summary: 'How one activity’s load was computed (method, intensity, thresholds used) and the bests it holds',
      request: { params: ThresholdIdParam },
      responses: { 200: json(ActivityAnalysisResponse, 'Analysis'), 404: errorResponses[404], ...read },
    }),
    async (c) => {
      const view = await analyticsViews.activity(c.var.services.analytics, await athlete(c), c.req.valid('param').id);
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
      path: '/thresholds',
      tags,
      security,
      summary: 'Your thresholds: manual history and estimates with their receipts',
      responses: { 200: json(ThresholdsResponse, 'Thresholds'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await analyticsViews.thresholds(c.var.services.analytics, await athlete(c)), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/thresholds',
      tags,
      security,
      summary: 'Set a threshold from a date on; loads of the days it governs are recomputed',
      request: { body: jsonBody(SetThresholdBody) },
      responses: { 200: json(ThresholdsResponse, 'Thresholds'), ...read },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const a = await athlete(c);
      await c.var.services.trainingLoad.setThreshold(actorOf(viewer), a.units, c.req.valid('json'));
      return c.json(await analyticsViews.thresholds(c.var.services.analytics, a), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('remove a threshold'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/thresholds/{id}',
      tags,
      security,
      summary: 'Remove a manual threshold; its days fall back to the previous value or the estimate',
      request: { params: ThresholdIdParam },
      responses: { 200: json(ThresholdsResponse, 'Thresholds'), 404: errorResponses[404], ...read },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const a = await athlete(c);
      await c.var.services.trainingLoad.deleteThreshold(actorOf(viewer), c.req.valid('param').id);
      return c.json(await analyticsViews.thresholds(c.var.services.analytics, a), 200);
    },
  );

/** Operators: recompute an athlete's analytics now, or queue everyone (after a change to the load rules). */
export const analyticsAdminRoutes = createRouter().openapi(
  createRoute({
    access: withPermission('system.analytics_rebuild'),
    risk: 'normal',
    dataUse: 'none',
    scope: 'none',
    method: 'post',
    path: '/rebuild',
    tags: ['Admin'],
    security,
    summary: 'Rebuild analytics for one athlete (now) or queue all athletes (audited)',
    request: { body: jsonBody(RebuildBody) },
    responses: {
      200: json(RebuildResponse, 'Done or queued'),
      400: errorResponses[400],
      401: errorResponses[401],
      403: errorResponses[403],
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const s = c.var.services;
    const viewer = await requirePermission(c.var.auth, s.auth.permissionsOf, 'system.analytics_rebuild');
    const body = c.req.valid('json');
    if (body.all) return c.json({ queued: await s.trainingLoad.requestRebuildForAll(actorOf(viewer)) }, 200);
    const r = await s.trainingLoad.rebuildFor(actorOf(viewer), body.userId!, body.derive);
    return c.json({ activities: r.activities, durationMs: r.durationMs }, 200);
  },
);
