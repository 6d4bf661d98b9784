// /api/v1/segments (make one from a stretch of your activity, list, read, rename or re-share, delete, its board) and
// /api/v1/activities/{id}/segment-efforts. Thin: the services decide; another's private segment or activity is a 404.
import type { Context } from 'hono';
import type { AppEnv } from '../../../context';
import { highRisk, signedIn } from '../../../http/access';
import { requireUser } from '../../../http/guards';
import { errorResponses, IdParam, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { ActivitySegmentEfforts, CreateSegmentBody, PatchSegmentBody, SegmentBoard, SegmentDetail, SegmentList } from './segments.schema';

const tags = ['Segments'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] };
const me = async (c: Context<AppEnv>) => (await requireUser(c.var.auth)).user.id;

export const segmentsRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      method: 'post',
      path: '/',
      tags,
      security,
      summary: 'Make a segment from a stretch of one of your activities (100 m to 100 km, its path from the GPS track)',
      description:
        'A public segment may not start or end inside anyone’s privacy zone: refused with a 400 that says so without saying where. Your history is matched against it after the answer (`matching` is true until then).',
      request: { body: jsonBody(CreateSegmentBody) },
      responses: { 201: json(SegmentDetail, 'The new segment'), ...std, 409: errorResponses[409] },
    }),
    async (c) => c.json(await c.var.services.segments.create(await me(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'activities:read',
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Your segments, newest first, each with your effort count and best time',
      responses: { 200: json(SegmentList, 'Your segments'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await c.var.services.segments.list(await me(c)), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'activities:read',
      method: 'get',
      path: '/{id}',
      tags,
      security,
      summary: 'A segment (yours, or a public one): its path, distance, climb and grade, and your efforts with PR, rank and receipts',
      request: { params: IdParam },
      responses: { 200: json(SegmentDetail, 'The segment'), ...std },
    }),
    async (c) => c.json(await c.var.services.segments.get(await me(c), c.req.valid('param').id), 200),
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
      summary: 'Rename your segment or change its visibility (making it public checks the privacy zones again)',
      request: { params: IdParam, body: jsonBody(PatchSegmentBody) },
      responses: { 200: json(SegmentDetail, 'The segment'), ...std },
    }),
    async (c) => c.json(await c.var.services.segments.update(await me(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('delete a segment and every effort on it'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/{id}',
      tags,
      security,
      summary: 'Delete your segment and every effort on it',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...std, 403: errorResponses[403] },
    }),
    async (c) => {
      await c.var.services.segments.remove(await me(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'social',
      scope: 'activities:read',
      method: 'get',
      path: '/{id}/board',
      tags,
      security,
      summary: 'A public segment’s board: the best effort per person among you and the people you may compete with who opted in',
      description:
        'The weekly boards’ circle and rules: never anyone blocked either way, never a Strava API activity, implausible efforts and those whose gate lies in their athlete’s privacy zone left off; yours left off come with the reason.',
      request: { params: IdParam },
      responses: { 200: json(SegmentBoard, 'The board'), ...std, 409: errorResponses[409] },
    }),
    async (c) => c.json(await c.var.services.segmentBoard.board(await me(c), c.req.valid('param').id), 200),
  );

export const activitySegmentEffortsRoutes = createRouter().openapi(
  createRoute({
    access: signedIn,
    risk: 'normal',
    dataUse: 'owner',
    scope: 'activities:read',
    method: 'get',
    path: '/{id}/segment-efforts',
    tags,
    security,
    summary: 'The segment efforts on one of your activities, each with its PR flag, your rank and its receipt',
    request: { params: IdParam },
    responses: { 200: json(ActivitySegmentEfforts, 'The efforts'), ...std },
  }),
  async (c) => c.json(await c.var.services.segments.onActivity(await me(c), c.req.valid('param').id), 200),
);
