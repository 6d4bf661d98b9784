// Full workout control over HTTP, beside plans.routes.ts (same base, /api/v1/plans): the catalog, edit,
// add, delete (a soft skip), swap two days, adjust a week, link/unlink a match, and the plan's status.
// Thin handlers: the rules are in workout-control.service.ts and workout-edits.ts.
import { requireUser } from '../../../http/guards';
import { json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { signedIn } from '../../../http/access';
import { errorResponses } from '../../../http/openapi-shared';
import { IDEMPOTENCY_HEADER, idempotent } from '../../idempotency';
import { changed, security, std, tags, who } from '../plans.http';
import { presentChange, presentPlan } from '../plans.present';
import { Change, Plan, PlanIdParam, WorkoutParams } from '../plans.schema';
import { workoutTypes } from './workout-catalog';
import {
  AddInput,
  AdjustInput,
  DoneAnswer,
  DoneInput,
  EditInput,
  LinkInput,
  StatusInput,
  SwapInput,
  ThresholdsQuery,
  WeekParams,
  WorkoutThresholds,
  WorkoutTypes,
} from './workout-control.schema';

const post = <P extends string>(path: P, summary: string) => ({ method: 'post' as const, path, tags, security, summary });

const DONE = '/{planId}/workouts/{workoutId}/done';
const replay = `Send an ${IDEMPOTENCY_HEADER} (8–200 visible characters) to make a retry safe: the same request again gets the first answer back (header Idempotent-Replayed), the same key with another request 422 IDEMPOTENCY_KEY_REUSED, and 409 IDEMPOTENCY_KEY_IN_USE while the first is still running.`;

export const plansControlRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:write',
      method: 'put',
      path: DONE,
      tags,
      security,
      summary: 'Mark a workout done yourself, with an optional note and RPE (for everyone)',
      description: `Completed in the calendar while no activity matched it; an activity that matches later still links. Sending it again keeps the first time and takes the latest note and RPE. A skipped workout: 409 WORKOUT_SKIPPED. ${replay}`,
      middleware: [idempotent()],
      request: { params: WorkoutParams, body: jsonBody(DoneInput) },
      responses: { 200: json(DoneAnswer, 'The workout’s done state'), 422: errorResponses[422], ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      const p = c.req.valid('param');
      return c.json(await c.var.services.workoutDone.mark(athlete.id, p.planId, p.workoutId, c.req.valid('json')), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:write',
      method: 'delete',
      path: DONE,
      tags,
      security,
      summary: 'Take back your own “done” on a workout (an activity that completed it stays)',
      description: replay,
      middleware: [idempotent()],
      request: { params: WorkoutParams },
      responses: { 200: json(DoneAnswer, 'The workout’s done state'), 422: errorResponses[422], ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      const p = c.req.valid('param');
      return c.json(await c.var.services.workoutDone.unmark(athlete.id, p.planId, p.workoutId), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:read',
      method: 'get',
      path: '/workout-types',
      tags,
      security,
      summary: 'The workout catalog: each type, the sports it fits, and whether it is a hard day',
      responses: { 200: json(WorkoutTypes, 'Catalog'), ...std },
    }),
    async (c) => {
      await requireUser(c.var.auth);
      return c.json({ types: workoutTypes() }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:read',
      method: 'get',
      path: '/workout-thresholds',
      tags,
      security,
      summary: 'Your thresholds in effect on a day: what a structured workout planned then is timed and loaded with',
      description: 'The step builder previews a workout’s time, distance and load with these, as a save computes them (ADR 055).',
      request: { query: ThresholdsQuery },
      responses: { 200: json(WorkoutThresholds, 'Thresholds in effect'), ...std },
    }),
    async (c) => {
      const { athlete } = await who(c);
      const { date } = c.req.valid('query');
      return c.json({ date, ...(await c.var.services.workoutControl.thresholds(athlete.id, date)) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:write',
      method: 'patch',
      path: '/{planId}/workouts/{workoutId}',
      tags,
      security,
      summary: 'Edit a workout: the fields sent, and what follows from them (Pro)',
      description:
        'The workout stays one piece: its duration is its steps’ sum, its load the plan’s rule over them, its intensity their main target. New steps are the workout’s (a duration sent must be their sum); a new type or sport is the plan’s session of that type at the duration sent or the current one (400 if the type needs longer); a duration alone stretches the steps to exactly it (a distance keeps its pace); an intensity moves the main steps’ target. A title or description that states lengths gets the new ones; the athlete’s own words stay. Fields sent as they are change nothing. A load, duration or intensity that contradicts the steps: 400 naming the field.',
      request: { params: WorkoutParams, body: jsonBody(EditInput) },
      responses: { 200: changed, ...std },
    }),
    async (c) => {
      const { by } = await who(c);
      const p = c.req.valid('param');
      const { reason, ...patch } = c.req.valid('json');
      return c.json(presentChange(await c.var.services.workoutControl.edit({ ...by, reason }, p.planId, p.workoutId, patch)), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:write',
      ...post('/{planId}/workouts', 'Add a workout on a day of the plan; week and phase from the day and the nearest workout (Pro)'),
      description:
        'Its steps as sent (timed, adding up to durationSec) or the plan’s session of its type at that length; load and intensity follow from the steps (a different one sent: 400).',
      request: { params: PlanIdParam, body: jsonBody(AddInput) },
      responses: { 201: json(Change, 'The change, as logged'), ...std },
    }),
    async (c) => {
      const { by } = await who(c);
      const { reason, ...input } = c.req.valid('json');
      return c.json(presentChange(await c.var.services.workoutControl.add({ ...by, reason }, c.req.valid('param').planId, input)), 201);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:write',
      method: 'delete',
      path: '/{planId}/workouts/{workoutId}',
      tags,
      security,
      summary: 'Remove a workout: a soft skip, restorable (for everyone)',
      request: { params: WorkoutParams },
      responses: { 200: changed, ...std },
    }),
    async (c) => {
      const { by } = await who(c);
      const p = c.req.valid('param');
      return c.json(presentChange(await c.var.services.workoutControl.setSkipped(by, p.planId, p.workoutId, true, 'delete')), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:write',
      ...post('/{planId}/swap', 'Swap two days: each day’s workouts move to the other (Pro)'),
      description:
        'Every workout of each day moves, skipped ones too (each day’s plan moves whole); week and phase follow the day. A completed workout on either day: 409 WORKOUT_COMPLETED. Uses the move bucket (10 an hour).',
      request: { params: PlanIdParam, body: jsonBody(SwapInput) },
      responses: { 200: changed, ...std },
    }),
    async (c) => {
      const { by } = await who(c);
      const { from, to, reason } = c.req.valid('json');
      return c.json(presentChange(await c.var.services.workoutControl.swap({ ...by, reason }, c.req.valid('param').planId, from, to)), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:write',
      ...post('/{planId}/weeks/{week}/adjust', 'Scale a week’s remaining workouts by −50 % … +10 % (Pro)'),
      description:
        'Scales duration, distance, target load and step lengths of the week’s workouts from your today on that are neither skipped nor completed (the race day aside). Whole percent, −50…+10: the weekly growth rule bounds the increase. Durations round to the minute (or stay their steps’ sum), distances to 10 m, load to 0.1.',
      request: { params: WeekParams, body: jsonBody(AdjustInput) },
      responses: { 200: changed, ...std },
    }),
    async (c) => {
      const { by } = await who(c);
      const p = c.req.valid('param');
      const { percent, reason } = c.req.valid('json');
      return c.json(presentChange(await c.var.services.workoutControl.adjustWeek({ ...by, reason }, p.planId, p.week, percent)), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:write',
      ...post(
        '/{planId}/workouts/{workoutId}/link',
        'Link the workout to an activity of its day, or (null) back to automatic matching (Pro)',
      ),
      description:
        'Any of your own activities whose start falls on the workout’s day in your time zone (another day: 400; not yours: 404; linked to another workout: 409). Allowed on a completed workout: re-linking is what it is for.',
      request: { params: WorkoutParams, body: jsonBody(LinkInput) },
      responses: { 200: changed, ...std },
    }),
    async (c) => {
      const { by } = await who(c);
      const p = c.req.valid('param');
      const { activityId, reason } = c.req.valid('json');
      return c.json(presentChange(await c.var.services.workoutControl.link({ ...by, reason }, p.planId, p.workoutId, activityId)), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:write',
      ...post('/{planId}/workouts/{workoutId}/unlink', 'Unlink: no activity completes this workout (Pro)'),
      request: { params: WorkoutParams },
      responses: { 200: changed, ...std },
    }),
    async (c) => {
      const { by } = await who(c);
      const p = c.req.valid('param');
      return c.json(presentChange(await c.var.services.workoutControl.unlink(by, p.planId, p.workoutId)), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'plan:write',
      ...post('/{planId}/status', 'Pause, resume (one active plan) or cancel the plan; completed and cancelled are final'),
      description:
        'For everyone. Setting the status the plan has changes nothing. Resuming while another plan is active: 409 PLAN_EXISTS; completed or cancelled plans: 409 PLAN_NOT_ACTIVE. Logged as pause/resume/cancel in the change history; not undoable (set the status again).',
      request: { params: PlanIdParam, body: jsonBody(StatusInput) },
      responses: { 200: json(Plan, 'Plan'), ...std },
    }),
    async (c) => {
      const { by } = await who(c);
      const { status, reason } = c.req.valid('json');
      return c.json(
        presentPlan(await c.var.services.workoutControl.setStatus({ ...by, reason }, c.req.valid('param').planId, status)),
        200,
      );
    },
  );
