// The coach's training authoring (mounted at /api/v1/coach; ADR 058): the org's workout library, adding and
// deleting workouts on a consenting client's plan (one from the library or written out), and plan templates
// applied to up to 50 clients at once. All of it is Team (client_plans); client changes also need the
// athlete's grant on the link (403 PLAN_EDIT_NOT_GRANTED), and another org's or an unlinked client is 404.
import { z } from '@hono/zod-openapi';
import { highRisk } from '../../../http/access';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import {
  ApplyInput,
  ApplyResult,
  LibraryIdParam,
  LibraryQuery,
  LibraryWorkout,
  LibraryWorkoutInput,
  LibraryWorkoutPatch,
  PlanTemplate,
  presentLibraryWorkout,
  presentTemplate,
  TemplateInput,
} from '../../library';
import { Change, presentChange, ReasonInput } from '../../plans';
import { coachErrors, coachSecurity, member, orgEntitled, orgMember } from '../coach-os.http';
import { IdParam } from '../coach-os.schema';
import { ClientAddInput } from './training.schema';

const tags = ['Coach training'];
const security = coachSecurity;
const std = { ...coachErrors, 409: errorResponses[409], 429: errorResponses[429] };
const one = json(LibraryWorkout, 'The library workout');
const base = { access: orgMember, risk: 'normal' as const, dataUse: 'none' as const, tags, security };
const org = async (c: Parameters<typeof member>[0]) => {
  const m = await member(c);
  return { m, owner: { orgId: m.org.id } };
};
const TemplateParam = z.object({ templateId: z.uuid().openapi({ param: { name: 'templateId', in: 'path' } }) });
const WorkoutParams = IdParam.extend({ workoutId: z.uuid().openapi({ param: { name: 'workoutId', in: 'path' } }) });

export const trainingRoutes = createRouter()
  .openapi(
    createRoute({
      scope: 'coach:read',
      ...base,
      middleware: [orgEntitled('client_plans')] as const,
      method: 'get',
      path: '/library/workouts',
      summary: 'The org’s workout library: by title words, tag, sport or folder (Team)',
      request: { query: LibraryQuery },
      responses: { 200: json(z.object({ workouts: z.array(LibraryWorkout) }), 'Workouts'), ...std },
    }),
    async (c) => {
      const { owner } = await org(c);
      return c.json({ workouts: (await c.var.services.library.list(owner, c.req.valid('query'))).map(presentLibraryWorkout) }, 200);
    },
  )
  .openapi(
    createRoute({
      scope: 'coach:write',
      ...base,
      middleware: [orgEntitled('client_plans')] as const,
      method: 'post',
      path: '/library/workouts',
      summary: 'Add a workout to the org’s library (Team)',
      request: { body: jsonBody(LibraryWorkoutInput) },
      responses: { 201: one, ...std },
    }),
    async (c) => {
      const { m, owner } = await org(c);
      return c.json(presentLibraryWorkout(await c.var.services.library.create(owner, m.actor.id, c.req.valid('json'))), 201);
    },
  )
  .openapi(
    createRoute({
      scope: 'coach:write',
      ...base,
      middleware: [orgEntitled('client_plans')] as const,
      method: 'patch',
      path: '/library/workouts/{workoutId}',
      summary: 'Edit a workout of the org’s library: the fields sent change (Team)',
      request: { params: LibraryIdParam, body: jsonBody(LibraryWorkoutPatch) },
      responses: { 200: one, ...std },
    }),
    async (c) => {
      const { owner } = await org(c);
      return c.json(
        presentLibraryWorkout(await c.var.services.library.update(owner, c.req.valid('param').workoutId, c.req.valid('json'))),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      scope: 'none',
      ...base,
      risk: highRisk('delete a library workout'),
      middleware: [orgEntitled('client_plans')] as const,
      method: 'delete',
      path: '/library/workouts/{workoutId}',
      summary: 'Delete a workout of the org’s library (templates keep their copy) (Team)',
      request: { params: LibraryIdParam },
      responses: { 200: json(z.object({ deleted: z.literal(true) }), 'Deleted'), ...std },
    }),
    async (c) => {
      const { owner } = await org(c);
      await c.var.services.library.remove(owner, c.req.valid('param').workoutId);
      return c.json({ deleted: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      scope: 'coach:write',
      ...base,
      middleware: [orgEntitled('client_plans')] as const,
      method: 'post',
      path: '/library/workouts/{workoutId}/duplicate',
      summary: 'Copy a workout of the org’s library (Team)',
      request: { params: LibraryIdParam },
      responses: { 201: one, ...std },
    }),
    async (c) => {
      const { m, owner } = await org(c);
      return c.json(presentLibraryWorkout(await c.var.services.library.duplicate(owner, m.actor.id, c.req.valid('param').workoutId)), 201);
    },
  )
  .openapi(
    createRoute({
      scope: 'coach:write',
      ...base,
      middleware: [orgEntitled('client_plans')] as const,
      method: 'post',
      path: '/clients/{id}/plan/workouts',
      summary:
        'Add a workout to the client’s plan: a workout of the org’s library (libraryWorkoutId) or one written out, on a day of the plan. Needs the athlete’s “may edit” on the link (403 PLAN_EDIT_NOT_GRANTED) and Team.',
      request: { params: IdParam, body: jsonBody(ClientAddInput) },
      responses: { 200: json(Change, 'The change, as logged (source coach)'), ...std },
    }),
    async (c) => {
      const { m, owner } = await org(c);
      const clientId = c.req.valid('param').id;
      const b = c.req.valid('json');
      // The coach's reason for placing a library workout is the athlete's "why this workout".
      const input = 'libraryWorkoutId' in b ? await c.var.services.library.asNewWorkout(owner, b.libraryWorkoutId, b.date, b.reason) : b;
      return c.json(presentChange(await c.var.services.clientPlans.add(m, clientId, input, b.reason)), 200);
    },
  )
  .openapi(
    createRoute({
      scope: 'coach:write',
      ...base,
      middleware: [orgEntitled('client_plans')] as const,
      method: 'delete',
      path: '/clients/{id}/plan/workouts/{workoutId}',
      summary:
        'Delete a workout of the client’s plan (a soft delete the athlete sees, restorable and undoable). Needs the athlete’s “may edit” on the link (403 PLAN_EDIT_NOT_GRANTED) and Team.',
      request: { params: WorkoutParams, body: jsonBody(ReasonInput) },
      responses: { 200: json(Change, 'The change, as logged (source coach)'), ...std },
    }),
    async (c) => {
      const { m } = await org(c);
      const p = c.req.valid('param');
      return c.json(presentChange(await c.var.services.clientPlans.remove(m, p.id, p.workoutId, c.req.valid('json').reason)), 200);
    },
  )
  .openapi(
    createRoute({
      scope: 'coach:read',
      ...base,
      middleware: [orgEntitled('client_plans')] as const,
      method: 'get',
      path: '/templates',
      summary: 'The org’s plan templates, newest first (Team)',
      responses: { 200: json(z.object({ templates: z.array(PlanTemplate) }), 'Templates'), ...std },
    }),
    async (c) => {
      const { m } = await org(c);
      return c.json({ templates: (await c.var.services.templates.list(m.org.id)).map(presentTemplate) }, 200);
    },
  )
  .openapi(
    createRoute({
      scope: 'coach:write',
      ...base,
      middleware: [orgEntitled('client_plans')] as const,
      method: 'post',
      path: '/templates',
      summary: 'Save a block of weeks of the org’s library workouts as a plan template (Team)',
      request: { body: jsonBody(TemplateInput) },
      responses: { 201: json(PlanTemplate, 'The template'), ...std },
    }),
    async (c) => {
      const { m } = await org(c);
      return c.json(presentTemplate(await c.var.services.templates.create(m.org.id, m.actor.id, c.req.valid('json'))), 201);
    },
  )
  .openapi(
    createRoute({
      scope: 'coach:write',
      ...base,
      middleware: [orgEntitled('client_plans')] as const,
      method: 'post',
      path: '/templates/{templateId}/apply',
      summary:
        'Apply a template to up to 50 clients, each from their own start (a Monday): one transaction per client, once per (template, client, start); a result per client',
      request: { params: TemplateParam, body: jsonBody(ApplyInput) },
      responses: { 200: json(ApplyResult, 'A result per client'), ...std },
    }),
    async (c) => {
      const { m } = await org(c);
      const results = await c.var.services.templates.apply(
        m.org.id,
        c.req.valid('param').templateId,
        c.req.valid('json').clients,
        (clientId) => c.var.services.clientPlans.editor(m, clientId, undefined),
      );
      return c.json({ results }, 200);
    },
  );
