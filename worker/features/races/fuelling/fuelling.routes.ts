// /api/v1/sweat-tests and /api/v1/gut-training (the athlete's own logs: list, create, delete) and
// /api/v1/races/{id}/fuelling (the race's plan from them and the predicted finish). Mounted at /api/v1.
import { highRisk, signedIn } from '../../../http/access';
import { errorResponses, IdParam, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import {
  CreateGutSessionInput,
  CreateSweatTestInput,
  FuellingQuery,
  GutSession,
  GutSessionList,
  RaceFuelling,
  SweatTest,
  SweatTestList,
} from './fuelling.schema';
import { tags, security, std, athlete } from '../races.http';

const base = { access: signedIn, risk: 'normal', dataUse: 'none', tags, security } as const;

export const fuellingRoutes = createRouter()
  .openapi(
    createRoute({
      scope: 'plan:read',
      ...base,
      method: 'get',
      path: '/sweat-tests',
      summary: 'Your sweat tests, newest first, each with its rate',
      responses: { 200: json(SweatTestList, 'Sweat tests'), 401: errorResponses[401] },
    }),
    async (c) => c.json({ tests: await c.var.services.raceFuelling.sweatTests(await athlete(c)) }, 200),
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      method: 'post',
      path: '/sweat-tests',
      summary: 'Log a sweat test: weighed before and after, what you drank → litres per hour',
      request: { body: jsonBody(CreateSweatTestInput) },
      responses: { 201: json(SweatTest, 'Logged, with its rate'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => c.json(await c.var.services.raceFuelling.addSweatTest(await athlete(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      risk: highRisk('delete an athlete’s sweat test'),
      method: 'delete',
      path: '/sweat-tests/{id}',
      summary: 'Delete one of your sweat tests',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...std, 403: errorResponses[403] },
    }),
    async (c) => {
      await c.var.services.raceFuelling.removeSweatTest(await athlete(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      scope: 'plan:read',
      ...base,
      method: 'get',
      path: '/gut-training',
      summary: 'Your gut-training sessions, newest first',
      responses: { 200: json(GutSessionList, 'Sessions'), 401: errorResponses[401] },
    }),
    async (c) => c.json({ sessions: await c.var.services.raceFuelling.gutSessions(await athlete(c)) }, 200),
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      method: 'post',
      path: '/gut-training',
      summary: 'Log a gut-training session: carbohydrate per hour, minutes, GI comfort 1–5',
      request: { body: jsonBody(CreateGutSessionInput) },
      responses: { 201: json(GutSession, 'Logged'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => c.json(await c.var.services.raceFuelling.addGutSession(await athlete(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      risk: highRisk('delete an athlete’s gut-training session'),
      method: 'delete',
      path: '/gut-training/{id}',
      summary: 'Delete one of your gut-training sessions',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...std, 403: errorResponses[403] },
    }),
    async (c) => {
      await c.var.services.raceFuelling.removeGutSession(await athlete(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      ...base,
      dataUse: 'analytics',
      scope: 'plan:read',
      method: 'get',
      path: '/races/{id}/fuelling',
      summary: 'The race’s fuelling plan: carbohydrate, fluid and sodium per hour and per aid station or gel, with the basis of each',
      request: { params: IdParam, query: FuellingQuery },
      responses: { 200: json(RaceFuelling, 'The plan, or why there is none yet'), ...std },
    }),
    async (c) => c.json(await c.var.services.raceFuelling.plan(await athlete(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
