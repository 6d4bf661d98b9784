// A coached athlete's adaptive plan changes for their coach (issue 58): listed, approved (as proposed or edited) or
// refused from the console. Mounted at /api/v1/coach; the same rights as changing the client's plan.
import { z } from '@hono/zod-openapi';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { Adaptation, AdaptationList, AdaptStepInput } from '../../plans';
import { coachErrors, coachSecurity, member, orgEntitled, orgMember } from '../coach-os.http';
import { IdParam } from '../coach-os.schema';

const tags = ['Coach client plans'];
const security = coachSecurity;
const std = { ...coachErrors, 409: errorResponses[409], 429: errorResponses[429] };
const Params = IdParam.extend({ adaptationId: z.uuid().openapi({ param: { name: 'adaptationId', in: 'path' } }) });
const ApproveInput = z
  .object({
    /** The coach's edit of the steps; absent: as proposed. */
    steps: z.array(AdaptStepInput).min(1).max(20).optional(),
  })
  .openapi('ApprovePlanAdaptation');
const needs = ' Needs the athlete’s “may edit” on the link (403 PLAN_EDIT_NOT_GRANTED) and Team.';

export const clientAdaptRoutes = createRouter()
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'coach',
      scope: 'coach:read',
      method: 'get',
      path: '/clients/{id}/plan/adaptations',
      tags,
      security,
      middleware: [orgEntitled('client_plans')] as const,
      summary: `The changes the client’s plan proposed from their real week, newest first (those waiting for you: awaiting_coach).${needs}`,
      request: { params: IdParam },
      responses: { 200: json(AdaptationList, 'Plan changes'), ...std },
    }),
    async (c) => c.json(await c.var.services.clientAdapt.list(await member(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
      method: 'post',
      path: '/clients/{id}/plan/adaptations/{adaptationId}/approve',
      tags,
      security,
      middleware: [orgEntitled('client_plans')] as const,
      summary: `Approve a proposed change, as proposed or with your edit of its steps (applied as your change: undoable).${needs}`,
      request: { params: Params, body: jsonBody(ApproveInput) },
      responses: { 200: json(Adaptation, 'The change, applied'), ...std },
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await c.var.services.clientAdapt.approve(await member(c), p.id, p.adaptationId, c.req.valid('json').steps), 200);
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'coach:write',
      method: 'post',
      path: '/clients/{id}/plan/adaptations/{adaptationId}/refuse',
      tags,
      security,
      middleware: [orgEntitled('client_plans')] as const,
      summary: `Refuse a proposed change: the plan stays as it is.${needs}`,
      request: { params: Params },
      responses: { 200: json(Adaptation, 'The change, refused'), ...std },
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await c.var.services.clientAdapt.refuse(await member(c), p.id, p.adaptationId), 200);
    },
  );
