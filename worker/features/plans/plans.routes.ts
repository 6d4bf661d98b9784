// The athlete's training plan over HTTP: thin handlers over the plan service and workout control.
import { createRoute, type RouteHandler, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { requireUser } from '../../http/guards';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { createRouter } from '../../http/router';
import { notFound } from '../../lib/errors';
import { athleteOf } from '../analytics';
import type { PlansService } from './plans.service';
import type { GeneratorInput } from './plans.types';
import type { RebuildAdvice } from './rebuild.service';
import type { ChangeRow, PlanRow } from './plans.repo';
import type { Target } from './plans.types';
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

export const tags = ['Plans'];
export const security = [{ session: [] }];
export const std = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
  409: errorResponses[409],
  429: errorResponses[429],
};

export async function who(c: Context<AppEnv>) {
  const viewer = await requireUser(c.var.auth);
  const athlete = athleteOf(viewer.user);
  return { athlete, by: { athlete, actorId: viewer.user.id, source: 'athlete' as const } };
}

export const presentPlan = (p: PlanRow, rebuild?: RebuildAdvice) => ({
  id: p.id,
  goal: { kind: p.goalKind, eventDate: p.eventDate, eventName: p.eventName },
  status: p.status,
  startDate: p.startDate,
  endDate: p.endDate,
  weeks: p.weeks as Record<string, unknown>[],
  rules: p.rules as string[],
  raceDayTsb: p.raceDayTsb,
  fitnessSource: (p.inputs as GeneratorInput).fitness.source,
  ...(rebuild === undefined ? {} : { rebuild }),
});

export const presentDay = (d: Awaited<ReturnType<PlansService['calendar']>>[number]) => ({
  id: d.workout.id,
  date: d.workout.date,
  sport: d.workout.sport,
  type: d.workout.type,
  title: d.workout.title,
  description: d.workout.description,
  durationSec: d.workout.durationSec,
  distanceM: d.workout.distanceM,
  targetLoad: d.workout.targetLoad,
  intensity: d.workout.intensity as Target | null,
  steps: d.workout.steps as Record<string, unknown>[],
  phase: d.workout.phase,
  week: d.workout.week,
  why: d.workout.why,
  skipped: d.workout.skipped,
  linkMode: d.workout.linkMode as 'manual' | 'unlinked' | null,
  revision: d.workout.revision,
  status: d.compliance.status,
  compliance: { band: d.compliance.band, ratio: d.compliance.ratio, by: d.compliance.by },
  activityId: d.activity?.id ?? null,
});

const ROLE_OF = { athlete: 'athlete', coach: 'coach', ai_proposal: 'ai', system: 'system' } as const;

export const presentChange = (ch: ChangeRow) => ({
  id: ch.id,
  action: ch.action,
  source: ch.source,
  reason: ch.reason,
  undone: ch.undoneAt !== null,
  workoutIds: Object.keys({ ...(ch.before as object), ...(ch.after as object) }),
  createdAt: ch.createdAt.toISOString(),
  actor: ch.actorId ? { id: ch.actorId, name: ch.actorName ?? '', role: ROLE_OF[ch.source] } : null,
});

export const changed = json(Change, 'The change, as logged');

/** Skip (soft; restorable) and restore: one route shape, the flag is the difference. */
function skipRoute(skipped: boolean) {
  const route = createRoute({
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
        presentChange(await c.var.services.workoutControl.move({ ...by, reason: body.reason }, p.planId, p.workoutId, body.date)),
        200,
      );
    },
  )
  .openapi(...skipRoute(true))
  .openapi(...skipRoute(false))
  .openapi(
    createRoute({
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
