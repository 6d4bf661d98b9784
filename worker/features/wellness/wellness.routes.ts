// /api/v1/wellness: the athlete's own days (check-ins and what devices sent) and readiness. Owner data use:
// wellness is health data, shown to nobody else without its own consent.
import { createRoute, createRouter } from '../../http/router';
import { highRisk, signedIn } from '../../http/access';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { requireUser } from '../../http/guards';
import { athleteOf } from '../analytics';
import { FindingKeyParam, WellnessFindings, WellnessQuestion } from './engine/findings.schema';
import { CheckInBody, DayParam, DaysQuery, WellnessDay, WellnessDays, WellnessReadiness } from './wellness.schema';

const tags = ['Wellness'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401] };

const athlete = async (auth: Parameters<typeof requireUser>[0]) => {
  const { user } = await requireUser(auth);
  return { id: user.id, units: user.units, timeZone: user.timeZone };
};

export const wellnessRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'wellness:read',
      method: 'get',
      path: '/days',
      tags,
      security,
      summary: 'Your days from..to (at most 366): each field with the source it came from and the other sources that gave it',
      request: { query: DaysQuery },
      responses: { 200: json(WellnessDays, 'Days'), ...std },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await c.var.services.wellness.days(await athlete(c.var.auth), q.from, q.to), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('write an athlete’s check-in'),
      dataUse: 'owner',
      scope: 'none',
      method: 'put',
      path: '/days/{day}/check-in',
      tags,
      security,
      summary: 'Check in for a day (today or before): every field optional, null clears one; your word wins over a device’s',
      request: { params: DayParam, body: jsonBody(CheckInBody) },
      responses: { 200: json(WellnessDay, 'The day as it now stands'), ...std },
    }),
    async (c) => {
      const a = await athlete(c.var.auth);
      return c.json(await c.var.services.wellness.checkIn(a, c.req.valid('param').day, c.req.valid('json')), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'wellness:read',
      method: 'get',
      path: '/readiness',
      tags,
      security,
      summary: "This week's HRV and resting HR against your own 60-day normal range, one source at a time (no score)",
      responses: { 200: json(WellnessReadiness, 'Readiness'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await c.var.services.wellness.readiness(await athlete(c.var.auth)), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'wellness:read',
      method: 'get',
      path: '/findings',
      tags,
      security,
      summary:
        'What the N=1 engine found in your own days: each pattern in words with its interval and how many were tested, the questions still waiting with the days they need',
      responses: { 200: json(WellnessFindings, 'Findings'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await c.var.services.wellnessEngine.findings(athleteOf((await requireUser(c.var.auth)).user)), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'wellness:read',
      method: 'get',
      path: '/findings/{key}',
      tags,
      security,
      summary: 'One question (input~outcome): every day behind it with the input, the outcome and its receipt (an activity or a day)',
      request: { params: FindingKeyParam },
      responses: { 200: json(WellnessQuestion, 'The question and its days'), ...std, 404: errorResponses[404] },
    }),
    async (c) =>
      c.json(await c.var.services.wellnessEngine.question(athleteOf((await requireUser(c.var.auth)).user), c.req.valid('param').key), 200),
  );
