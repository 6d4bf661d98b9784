// The athlete's own workout library (mounted at /api/v1/library): list and search, create, edit, delete,
// duplicate, "Save to library" from a planned workout, and "Add to calendar" through workout control.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { highRisk, signedIn } from '../../http/access';
import { requireUser } from '../../http/guards';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { athleteOf } from '../analytics';
import { Change, presentChange } from '../plans';
import { presentLibraryWorkout } from './library.present';
import {
  LibraryIdParam,
  LibraryQuery,
  LibraryWorkout,
  LibraryWorkoutInput,
  LibraryWorkoutPatch,
  SaveFromPlannedInput,
  ScheduleInput,
} from './library.schema';

const tags = ['Library'];
const security = [{ session: [] }];
const std = { 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };
const one = json(LibraryWorkout, 'The library workout');
const base = { access: signedIn, risk: 'normal' as const, dataUse: 'none' as const, tags, security };

/** The signed-in athlete's library. */
async function mine(c: Context<AppEnv>) {
  const viewer = await requireUser(c.var.auth);
  return { owner: { userId: viewer.user.id }, viewer };
}

export const libraryRoutes = createRouter()
  .openapi(
    createRoute({
      scope: 'plan:read',
      ...base,
      method: 'get',
      path: '/workouts',
      summary: 'Your library: by title words, tag, sport or folder',
      request: { query: LibraryQuery },
      responses: { 200: json(z.object({ workouts: z.array(LibraryWorkout) }), 'Workouts'), ...std },
    }),
    async (c) => {
      const { owner } = await mine(c);
      const rows = await c.var.services.library.list(owner, c.req.valid('query'));
      return c.json({ workouts: rows.map(presentLibraryWorkout) }, 200);
    },
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      method: 'post',
      path: '/workouts',
      summary: 'Add a workout to your library (steps as workout control takes them)',
      request: { body: jsonBody(LibraryWorkoutInput) },
      responses: { 201: one, ...std },
    }),
    async (c) => {
      const { owner, viewer } = await mine(c);
      return c.json(presentLibraryWorkout(await c.var.services.library.create(owner, viewer.user.id, c.req.valid('json'))), 201);
    },
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      method: 'post',
      path: '/workouts/from-planned',
      summary: 'Save one of your planned workouts to your library, without its day',
      request: { body: jsonBody(SaveFromPlannedInput) },
      responses: { 201: one, ...std },
    }),
    async (c) => {
      const { viewer } = await mine(c);
      const b = c.req.valid('json');
      const row = await c.var.services.library.saveFromPlanned(viewer.user.id, b.planId, b.workoutId, b);
      return c.json(presentLibraryWorkout(row), 201);
    },
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      method: 'patch',
      path: '/workouts/{workoutId}',
      summary: 'Edit a library workout: the fields sent change',
      request: { params: LibraryIdParam, body: jsonBody(LibraryWorkoutPatch) },
      responses: { 200: one, ...std },
    }),
    async (c) => {
      const { owner } = await mine(c);
      const row = await c.var.services.library.update(owner, c.req.valid('param').workoutId, c.req.valid('json'));
      return c.json(presentLibraryWorkout(row), 200);
    },
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      risk: highRisk('delete a library workout'),
      method: 'delete',
      path: '/workouts/{workoutId}',
      summary: 'Delete a library workout (what it was put on stays on the calendar)',
      request: { params: LibraryIdParam },
      responses: { 200: json(z.object({ deleted: z.literal(true) }), 'Deleted'), ...std },
    }),
    async (c) => {
      const { owner } = await mine(c);
      await c.var.services.library.remove(owner, c.req.valid('param').workoutId);
      return c.json({ deleted: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      method: 'post',
      path: '/workouts/{workoutId}/duplicate',
      summary: 'Copy a library workout into the same library',
      request: { params: LibraryIdParam },
      responses: { 201: one, ...std },
    }),
    async (c) => {
      const { owner, viewer } = await mine(c);
      return c.json(
        presentLibraryWorkout(await c.var.services.library.duplicate(owner, viewer.user.id, c.req.valid('param').workoutId)),
        201,
      );
    },
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      method: 'post',
      path: '/workouts/{workoutId}/schedule',
      summary: 'Add to calendar: the workout on a day of your active plan, as workout control’s add (Pro; undoable)',
      request: { params: LibraryIdParam, body: jsonBody(ScheduleInput) },
      responses: { 200: json(Change, 'The change, as logged'), ...std, 409: errorResponses[409], 429: errorResponses[429] },
    }),
    async (c) => {
      const { viewer } = await mine(c);
      const athlete = athleteOf(viewer.user);
      const b = c.req.valid('json');
      const by = { athlete, actorId: viewer.user.id, source: 'athlete' as const, reason: b.reason };
      return c.json(presentChange(await c.var.services.library.schedule(by, c.req.valid('param').workoutId, b.date)), 200);
    },
  );
