// The athlete's training plan over HTTP: thin handlers over the plan service and workout control.
import { type RouteHandler, z } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { json, jsonBody } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { signedIn } from '../../http/access';
import { notFound } from '../../lib/errors';
import { changed, security, std, tags, who } from './plans.http';
import { presentChange, presentDay, presentPlan } from './plans.present';
import {
  CalendarQuery,
  Change,
  ChangeParams,
  MoveInput,
  Plan,
  PlanIdParam,
  PlannedWorkout,
  PlanRequestInput,
  Preview,
  ReasonInput,
  WorkoutParams,
} from './plans.schema';

/** Skip (soft; restorable) and restore: one route shape, the flag is the difference. */
function skipRoute(skipped: boolean) {
  const route = createRoute({
    access: signedIn,
    risk: 'normal',
    dataUse: 'none',
    scope: 'plan:write',
    method: 'post',
    path: `/{planId}/workouts/{workoutId}/${skipped ? 'skip' : 'restore'}`,
    tags,
    security,
    summary: skipped ? 'Skip a workout (soft; restorable)' : 'Restore a skipped workout',
    request: { params: WorkoutParams, body: jsonBody(ReasonInput) },
    responses: { 200: changed, ...std },
  });
  const handler: RouteHandler<typeof route, AppEnv> = async (c) => {
    const { by } = await who(c);
    const p = c.req.valid('param');
    const { reason } = c.req.valid('json');
    return c.json(presentChange(await c.var.services.workoutControl.setSkipped({ ...by, reason }, p.planId, p.workoutId, skipped)), 200);
  };
  return [route, handler] as const;
}

export const plansRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:read',
      method: 'get',
      path: '/active',
      tags,
      security,
      summary: 'Your active plan, and whether to suggest rebuilding it from your history',
      responses: { 200: json(Plan, 'Plan'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      const plan = await c.var.services.plans.active(athlete.id);
      if (!plan) throw notFound('Active plan');
      return c.json(presentPlan(plan, await c.var.services.rebuild.advice(athlete, plan)), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'plan:write',
      method: 'post',
      path: '/{planId}/rebuild',
      tags,
      security,
      summary: 'Rebuild the plan from your history (your confirmation; the old plan is kept, cancelled)',
      request: { params: PlanIdParam },
      responses: { 200: json(Plan, 'The new plan'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      return c.json(presentPlan(await c.var.services.rebuild.confirm(athlete, c.req.valid('param').planId)), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:write',
      method: 'post',
      path: '/{planId}/rebuild/dismiss',
      tags,
      security,
      summary: 'Keep the plan: not asked again for this difference',
      request: { params: PlanIdParam },
      responses: { 200: json(Plan, 'Plan'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      const plan = await c.var.services.rebuild.dismiss(athlete, c.req.valid('param').planId);
      return c.json(presentPlan(plan, await c.var.services.rebuild.advice(athlete, plan)), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'plan:write',
      method: 'post',
      path: '/preview',
      tags,
      security,
      summary: 'The plan the rules would make (not saved; uses no allowance)',
      request: { body: jsonBody(PlanRequestInput) },
      responses: { 200: json(Preview, 'Preview'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      const { input, plan } = await c.var.services.plans.preview(athlete, c.req.valid('json'));
      return c.json({ plan: plan as unknown as Record<string, unknown>, fitnessSource: input.fitness.source }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'plan:write',
      method: 'post',
      path: '/',
      tags,
      security,
      summary: 'Generate and save your plan (one active plan; Free: one a month)',
      request: { body: jsonBody(PlanRequestInput) },
      responses: { 201: json(Plan, 'Created'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      return c.json(presentPlan(await c.var.services.plans.create(athlete, c.req.valid('json'))), 201);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'analytics',
      scope: 'plan:read',
      method: 'get',
      path: '/{planId}/calendar',
      tags,
      security,
      summary: 'Workouts between two days with status and compliance',
      request: { params: PlanIdParam, query: CalendarQuery },
      responses: { 200: json(z.object({ workouts: z.array(PlannedWorkout) }), 'Workouts'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      const q = c.req.valid('query');
      const days = await c.var.services.plans.calendar(athlete, c.req.valid('param').planId, q.from, q.to);
      return c.json({ workouts: days.map(presentDay) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:write',
      method: 'post',
      path: '/{planId}/workouts/{workoutId}/move',
      tags,
      security,
      summary: 'Move a workout to another day of the plan (Pro)',
      request: { params: WorkoutParams, body: jsonBody(MoveInput) },
      responses: { 200: changed, ...std },
    }),
    async (c) => {
      const { by } = await who(c);
      const p = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json(
        presentChange(
          await c.var.services.workoutControl.move({ ...by, reason: body.reason }, p.planId, p.workoutId, body.date, body.slot),
        ),
        200,
      );
    },
  )
  .openapi(...skipRoute(true))
  .openapi(...skipRoute(false))
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:read',
      method: 'get',
      path: '/{planId}/changes',
      tags,
      security,
      summary: 'The plan’s change history, newest first',
      request: { params: PlanIdParam },
      responses: { 200: json(z.object({ changes: z.array(Change) }), 'Changes'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      const planId = c.req.valid('param').planId;
      await c.var.services.plans.plan(athlete.id, planId);
      return c.json({ changes: (await c.var.services.workoutControl.changes(athlete.id, planId)).map(presentChange) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:write',
      method: 'post',
      path: '/{planId}/changes/{changeId}/undo',
      tags,
      security,
      summary: 'Undo a change (restores the workouts as they were, unless a later change touched them)',
      request: { params: ChangeParams },
      responses: { 200: changed, ...std },
    }),
    async (c) => {
      const { by } = await who(c);
      const p = c.req.valid('param');
      return c.json(presentChange(await c.var.services.workoutControl.undo(by, p.planId, p.changeId)), 200);
    },
  );
