import { type RouteHandler, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../../context';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import {
  CalendarQuery,
  CalendarRangeQuery,
  Change,
  EditInput,
  MoveInput,
  Plan,
  JudgedWorkout,
  ReasonInput,
  presentCalendar,
  presentChange,
  presentDay,
  presentPlan,
  ThresholdsQuery,
  TrainingCalendarView,
  WorkoutThresholds,
} from '../../plans';
import { coachErrors, coachSecurity, member, orgEntitled, orgMember } from '../coach-os.http';
import { IdParam } from '../coach-os.schema';

const tags = ['Coach client plans'];
const security = coachSecurity;
const std = { ...coachErrors, 409: errorResponses[409], 429: errorResponses[429] };
const WorkoutParams = IdParam.extend({ workoutId: z.uuid().openapi({ param: { name: 'workoutId', in: 'path' } }) });
const ChangeParams = IdParam.extend({ changeId: z.uuid().openapi({ param: { name: 'changeId', in: 'path' } }) });
const ClientPlan = z
  .object({
    athleteName: z.string(),
    /** Whether the athlete lets this coach change the plan (their grant on the link). */
    planEdit: z.boolean(),
    plan: Plan.nullable(),
  })
  .openapi('ClientPlan');
const changed = json(Change, 'The change, as logged (source coach)');
const needs = ' Needs the athlete’s “may edit” on the link (403 PLAN_EDIT_NOT_GRANTED) and Team.';

// Changes carry orgEntitled('client_plans'): a coach's change is the org's Team feature (the service
// checks again through ChangeBy.entitlement).

/** Skip and restore: one route shape, the flag is the difference (as on the athlete's side). */
function skipRoute(skipped: boolean) {
  const route = createRoute({
    access: orgMember,
    risk: 'normal',
    dataUse: 'none',
    scope: 'coach:write',
    method: 'post',
    path: `/clients/{id}/plan/workouts/{workoutId}/${skipped ? 'skip' : 'restore'}`,
    tags,
    security,
    middleware: [orgEntitled('client_plans')] as const,
    summary: (skipped ? 'Skip a workout of the client’s plan.' : 'Restore a skipped workout of the client’s plan.') + needs,
    request: { params: WorkoutParams, body: jsonBody(ReasonInput) },
    responses: { 200: changed, ...std },
  });
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const p = c.req.valid('param');
    const ch = await c.var.services.clientPlans.setSkipped(await member(c), p.id, p.workoutId, skipped, c.req.valid('json').reason);
    return c.json(presentChange(ch), 200);
  };
  return [route, handler] as const;
}

/** Mounted at /api/v1/coach: a linked client's training plan. 404 unless the athlete shares their training. */
export const clientPlanRoutes = createRouter()
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'coach',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/plan',
      tags,
      security,
      summary: 'The linked athlete’s active plan (null when they have none) and whether they let you change it',
      request: { params: IdParam },
      responses: { 200: json(ClientPlan, 'Plan'), ...std },
    }),
    async (c) => {
      const r = await c.var.services.clientPlans.plan(await member(c), c.req.valid('param').id);
      return c.json({ ...r, plan: r.plan ? presentPlan(r.plan) : null }, 200);
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'coach',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/plan/calendar',
      tags,
      security,
      summary:
        'The active plan’s workouts between two days, matched only against activities others may see (never Strava’s), each done one with its one verdict',
      request: { params: IdParam, query: CalendarQuery },
      responses: { 200: json(z.object({ workouts: z.array(JudgedWorkout) }), 'Workouts'), ...std },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const days = await c.var.services.clientPlans.calendar(await member(c), c.req.valid('param').id, q.from, q.to);
      return c.json({ workouts: days.map((d) => ({ ...presentDay(d), verdict: d.verdict })) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'coach',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/calendar',
      tags,
      security,
      summary:
        'The linked athlete’s training calendar, with or without a plan (at most 42 days): only activities others may see (never Strava’s); 404 unless they share their training',
      request: { params: IdParam, query: CalendarRangeQuery },
      responses: { 200: json(TrainingCalendarView, 'Calendar'), ...std },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const cal = await c.var.services.clientPlans.trainingCalendar(await member(c), c.req.valid('param').id, q.from, q.to);
      return c.json(presentCalendar(cal), 200);
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'coach',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/plan/workout-thresholds',
      tags,
      security,
      summary:
        'The linked athlete’s thresholds in effect on a day, as a coach’s edit times and loads a structured workout with (only estimates from activities others may see); 404 unless they share their training',
      description: 'The coach’s step builder previews a workout’s time, distance and load with these, as the coach’s save computes them.',
      request: { params: IdParam, query: ThresholdsQuery },
      responses: { 200: json(WorkoutThresholds, 'Thresholds in effect'), ...std },
    }),
    async (c) => {
      const { date } = c.req.valid('query');
      const t = await c.var.services.clientPlans.workoutThresholds(await member(c), c.req.valid('param').id, date);
      return c.json({ date, ...t }, 200);
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/plan/changes',
      tags,
      security,
      summary: 'The active plan’s change history, newest first, with who made each change',
      request: { params: IdParam },
      responses: { 200: json(z.object({ changes: z.array(Change) }), 'Changes'), ...std },
    }),
    async (c) =>
      c.json({ changes: (await c.var.services.clientPlans.changes(await member(c), c.req.valid('param').id)).map(presentChange) }, 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
      method: 'post',
      path: '/clients/{id}/plan/workouts/{workoutId}/move',
      tags,
      security,
      middleware: [orgEntitled('client_plans')] as const,
      summary: `Move a workout of the client’s plan to another day.${needs}`,
      request: { params: WorkoutParams, body: jsonBody(MoveInput) },
      responses: { 200: changed, ...std },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json(
        presentChange(await c.var.services.clientPlans.move(await member(c), p.id, p.workoutId, body.date, body.reason, body.slot)),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
      method: 'patch',
      path: '/clients/{id}/plan/workouts/{workoutId}',
      tags,
      security,
      middleware: [orgEntitled('client_plans')] as const,
      summary: `Edit a workout of the client’s plan: only the fields sent change.${needs}`,
      request: { params: WorkoutParams, body: jsonBody(EditInput) },
      responses: { 200: changed, ...std },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const { reason, ...patch } = c.req.valid('json');
      return c.json(presentChange(await c.var.services.clientPlans.edit(await member(c), p.id, p.workoutId, patch, reason)), 200);
    },
  )
  .openapi(...skipRoute(true))
  .openapi(...skipRoute(false))
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
      method: 'post',
      path: '/clients/{id}/plan/changes/{changeId}/undo',
      tags,
      security,
      middleware: [orgEntitled('client_plans')] as const,
      summary: `Undo a change of the client’s plan.${needs}`,
      request: { params: ChangeParams },
      responses: { 200: changed, ...std },
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(presentChange(await c.var.services.clientPlans.undo(await member(c), p.id, p.changeId)), 200);
    },
  );
