// /api/v1/races/{id}/result: the athlete marks which of their activities was the race, and reads it against the
// prediction made before the race day; 404 for another athlete's race or activity.
import { highRisk, signedIn } from '../../../http/access';
import { errorResponses, IdParam, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { MarkResultInput, RaceResultAnswer } from './result.schema';
import { tags, security, std, athlete } from '../races.http';

export const raceResultRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'plan:read',
      method: 'get',
      path: '/{id}/result',
      tags,
      security,
      summary: 'The race’s result: runs to mark it from, then splits planned against actual, pacing, fuel and the prediction’s error',
      request: { params: IdParam },
      responses: { 200: json(RaceResultAnswer, 'The result, or when it opens'), ...std },
    }),
    async (c) => c.json(await c.var.services.raceOutcomes.view(await athlete(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'none',
      method: 'put',
      path: '/{id}/result',
      tags,
      security,
      summary: 'Mark one of your activities as the race’s result, with the carbohydrate and fluid you logged (from the race day on)',
      request: { params: IdParam, body: jsonBody(MarkResultInput) },
      responses: { 200: json(RaceResultAnswer, 'Marked'), ...std, 409: errorResponses[409] },
    }),
    async (c) => c.json(await c.var.services.raceOutcomes.mark(await athlete(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('take the athlete’s race result off'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/{id}/result',
      tags,
      security,
      summary: 'Take the race’s result off (the activity stays)',
      request: { params: IdParam },
      responses: { 204: { description: 'Taken off' }, ...std, 403: errorResponses[403] },
    }),
    async (c) => {
      await c.var.services.raceOutcomes.unmark(await athlete(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
