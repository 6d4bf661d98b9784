// /api/v1/races/{id}/course (the course's GPX: put, read, remove) and /{id}/pacing (the splits for a target).
// Mounted from races.routes.ts; 404 for another athlete's race, as every races route.
import { highRisk, signedIn } from '../../../http/access';
import { errorResponses, IdParam, json } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { formatBytes } from '../../../lib/format';
import { COURSE_MAX_BYTES, COURSE_TYPES, courseError } from './course-gpx';
import { PacingQuery, RaceCourseAnswer, RacePacing } from './course.schema';
import { tags, security, std, athlete } from '../races.http';

export const courseRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'put',
      path: '/{id}/course',
      tags,
      security,
      summary: 'Upload the race’s course as GPX (the body), replacing its last; checked against the race distance (3 %)',
      description: `The GPX file as the request body (${COURSE_TYPES.join(', ')}), up to ${formatBytes(COURSE_MAX_BYTES)}: its first track, or its first route when it has none; elevation from <ele> (none: paced flat, and said).`,
      request: { params: IdParam },
      responses: { 200: json(RaceCourseAnswer, 'The stored course'), ...std },
    }),
    async (c) => {
      const a = await athlete(c);
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!COURSE_TYPES.includes(type))
        throw courseError(`send the GPX file as the body with a Content-Type of ${COURSE_TYPES.join(', ')}`);
      const body = c.req.raw.body;
      if (!body) throw courseError('the body is empty: send the GPX file');
      return c.json(await c.var.services.raceCourses.upload(a, c.req.valid('param').id, body), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:read',
      method: 'get',
      path: '/{id}/course',
      tags,
      security,
      summary: 'The race’s course: length, climb, whether it has elevation, and a profile for a chart (null when none)',
      request: { params: IdParam },
      responses: { 200: json(RaceCourseAnswer, 'The course or null'), ...std },
    }),
    async (c) => c.json(await c.var.services.raceCourses.get(await athlete(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('delete the course an athlete uploaded for a race'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/{id}/course',
      tags,
      security,
      summary: 'Remove the race’s course (pacing goes back to flat)',
      request: { params: IdParam },
      responses: { 204: { description: 'Removed' }, ...std, 403: errorResponses[403] },
    }),
    async (c) => {
      await c.var.services.raceCourses.remove(await athlete(c), c.req.valid('param').id);
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
      path: '/{id}/pacing',
      tags,
      security,
      summary:
        'Even-effort splits over the course for a target (the prediction’s middle unless chosen), the first half checked against CS and D′',
      request: { params: IdParam, query: PacingQuery },
      responses: { 200: json(RacePacing, 'The pacing plan, or that a target time is needed'), ...std },
    }),
    async (c) => c.json(await c.var.services.raceCourses.pacing(await athlete(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
