// /api/v1/races: the athlete's planned races (with the plan's goal race) and each one's predicted finish.
import { highRisk, signedIn } from '../../http/access';
import { errorResponses, IdParam, json, jsonBody } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { courseRoutes } from './course/course.routes';
import { raceResultRoutes } from './result/result.routes';
import { raceCardRoutes } from './card/card.routes';
import { CreateRaceInput, Race, RaceList, RacePrediction, UpdateRaceInput } from './races.schema';
import { tags, security, std, athlete } from './races.http';

export const racesRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:read',
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Your upcoming races, soonest first, with your plan’s goal race',
      responses: { 200: json(RaceList, 'Races'), 401: errorResponses[401] },
    }),
    async (c) => c.json({ races: await c.var.services.races.list(await athlete(c)) }, 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/',
      tags,
      security,
      summary: 'Plan a race (a run of 1500 m to the marathon, today or later)',
      request: { body: jsonBody(CreateRaceInput) },
      responses: { 201: json(Race, 'Planned'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => c.json(await c.var.services.races.create(await athlete(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:read',
      method: 'get',
      path: '/{id}',
      tags,
      security,
      summary: 'One of your races (the plan’s goal race under the plan’s id)',
      request: { params: IdParam },
      responses: { 200: json(Race, 'The race'), ...std },
    }),
    async (c) => c.json(await c.var.services.races.get(await athlete(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'patch',
      path: '/{id}',
      tags,
      security,
      summary: 'Change your race’s name, distance or date; the plan’s goal race is changed through the plan (409)',
      request: { params: IdParam, body: jsonBody(UpdateRaceInput) },
      responses: { 200: json(Race, 'Changed'), ...std, 409: errorResponses[409] },
    }),
    async (c) => c.json(await c.var.services.races.update(await athlete(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('delete an athlete’s race and its stored predictions'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/{id}',
      tags,
      security,
      summary: 'Delete your race and its stored predictions; the plan’s goal race goes with the plan (409)',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...std, 403: errorResponses[403], 409: errorResponses[409] },
    }),
    async (c) => {
      await c.var.services.races.remove(await athlete(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'plan:read',
      method: 'get',
      path: '/{id}/prediction',
      tags,
      security,
      summary: 'The race’s predicted finish: an 80 % range, each method with its receipts, the widenings, or what would help',
      request: { params: IdParam },
      responses: { 200: json(RacePrediction, 'The prediction, stored when it changed'), ...std },
    }),
    async (c) => c.json(await c.var.services.racePredictions.prediction(await athlete(c), c.req.valid('param').id), 200),
  )
  // The course and its pacing (issue 56).
  .route('/', courseRoutes)
  .route('/', raceResultRoutes)
  .route('/', raceCardRoutes);
