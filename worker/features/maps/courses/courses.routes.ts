// /api/v1/courses: the athlete's courses — list, import a GPX (the body, as a race's course), make one from an
// activity, read, rename, delete, send to Garmin, and use for a race (ADR 101). Thin: the rules are in the service.
import type { Context } from 'hono';
import type { AppEnv } from '../../../context';
import { highRisk, signedIn } from '../../../http/access';
import { requireUser } from '../../../http/guards';
import { errorResponses, IdParam, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { formatBytes } from '../../../lib/format';
import { athleteOf } from '../../analytics';
import { COURSE_MAX_BYTES, COURSE_TYPES, courseError, RaceCourseAnswer } from '../../races';
import { Course, CourseList, CreateFromActivity, CreateGpxQuery, RaceParams, UpdateCourse } from './courses.schema';

const tags = ['Courses'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] };
const terms = { 422: { ...errorResponses[422], description: 'PROVIDER_TERMS: the source’s terms forbid it' } };
const athlete = async (c: Context<AppEnv>) => athleteOf((await requireUser(c.var.auth)).user);

export const coursesRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Your courses, newest first',
      responses: { 200: json(CourseList, 'The courses'), ...std },
    }),
    async (c) => c.json(await c.var.services.courses.list(await athlete(c)), 200),
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
      summary: 'Import a course from a GPX file (the body)',
      description: `The GPX file as the request body (${COURSE_TYPES.join(', ')}), up to ${formatBytes(COURSE_MAX_BYTES)}, read as a race’s course is: its first track, or its first route when it has none.`,
      request: { query: CreateGpxQuery },
      responses: { 201: json(Course, 'The course'), ...std, 409: errorResponses[409] },
    }),
    async (c) => {
      const a = await athlete(c);
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!COURSE_TYPES.includes(type))
        throw courseError(`send the GPX file as the body with a Content-Type of ${COURSE_TYPES.join(', ')}`);
      const body = c.req.raw.body;
      if (!body) throw courseError('the body is empty: send the GPX file');
      return c.json(await c.var.services.courses.fromGpx(a, body, c.req.valid('query')), 201);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'owner',
      scope: 'none',
      method: 'post',
      path: '/from-activity',
      tags,
      security,
      summary: 'Make a course from one of your activities: the whole of it, or the stretch between two seconds',
      request: { body: jsonBody(CreateFromActivity) },
      responses: { 201: json(Course, 'The course'), ...std, 409: errorResponses[409], ...terms },
    }),
    async (c) => c.json(await c.var.services.courses.fromActivity(await athlete(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/{id}',
      tags,
      security,
      summary: 'One course: length, climb, its profile and route to draw, and where it stands with Garmin',
      request: { params: IdParam },
      responses: { 200: json(Course, 'The course'), ...std },
    }),
    async (c) => c.json(await c.var.services.courses.get(await athlete(c), c.req.valid('param').id), 200),
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
      summary: 'Rename a course or change its sport',
      request: { params: IdParam, body: jsonBody(UpdateCourse) },
      responses: { 200: json(Course, 'The course'), ...std },
    }),
    async (c) => c.json(await c.var.services.courses.update(await athlete(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('delete a course an athlete kept'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/{id}',
      tags,
      security,
      summary: 'Delete a course (a copy already on Garmin stays there)',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted' }, ...std, 403: errorResponses[403] },
    }),
    async (c) => {
      await c.var.services.courses.remove(await athlete(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('send a course to an athlete’s Garmin'),
      dataUse: 'owner',
      scope: 'none',
      method: 'post',
      path: '/{id}/garmin',
      tags,
      security,
      summary: 'Send the course to Garmin Connect (Garmin’s Courses API); the answer is kept and shown',
      description:
        'Refused before trying when it cannot go: 409 GARMIN_COURSES_OFF (no Garmin connection with Courses, too long), 422 PROVIDER_TERMS (a Strava API activity’s route). Garmin’s own refusal is answered as status `failed` with its words.',
      request: { params: IdParam },
      responses: {
        200: json(Course, 'The course with the send’s outcome'),
        ...std,
        403: errorResponses[403],
        409: errorResponses[409],
        ...terms,
      },
    }),
    async (c) => c.json(await c.var.services.courses.sendToGarmin(await athlete(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/{id}/race/{raceId}',
      tags,
      security,
      summary: 'Use the course for a race: copied into the race’s course (replacing it), checked against the race distance (3 %)',
      request: { params: RaceParams },
      responses: { 200: json(RaceCourseAnswer, 'The race’s course'), ...std },
    }),
    async (c) => {
      const { id, raceId } = c.req.valid('param');
      return c.json(await c.var.services.courses.copyToRace(await athlete(c), id, raceId), 200);
    },
  );
