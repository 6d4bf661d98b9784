// The coach's plan proposals over HTTP: read one, confirm (apply) and reject — the athlete's own — and
// an operator's confirm on an athlete's behalf. Thin handlers: the rules are in proposals.service.ts.
import { requirePermission, requireUser } from '../../../http/guards';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { highRisk, signedIn, withPermission } from '../../../http/access';
import { AdminProposalParams, ProposalIdParam, ProposalResponse, RejectInput } from './proposals.schema';

const tags = ['AI coach'];
const security = [{ session: [] }];
const std = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
  409: errorResponses[409],
};
const answer = json(ProposalResponse, 'The proposal');

/** Mounted at /api/v1/ai-coach/proposals. */
export const coachProposalRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'ai',
      scope: 'none',
      method: 'get',
      path: '/{id}',
      tags,
      security,
      summary: 'A plan change the coach proposed: the diff, reason, risk notes, forecast and status',
      request: { params: ProposalIdParam },
      responses: { 200: answer, ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json({ proposal: await c.var.services.coachProposals.get(viewer.user.id, c.req.valid('param').id) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('confirm a plan change'),
      dataUse: 'ai',
      scope: 'none',
      method: 'post',
      path: '/{id}/confirm',
      tags,
      security,
      summary: 'Confirm and apply the proposal (idempotent; a failed one is retried)',
      description:
        'Applies every action as one change of the plan (undo it from the plan’s history), all or nothing. An applied proposal comes back unchanged; a failure answers the proposal with status failed and its error. Rejected: 409. Under impersonation: 403 IMPERSONATION_BLOCKED; switched off by operators: 403 (reason FEATURE_OFF).',
      request: { params: ProposalIdParam },
      responses: { 200: answer, ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json({ proposal: await c.var.services.coachProposals.confirm(viewer, c.req.valid('param').id) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('reject a plan change'),
      dataUse: 'ai',
      scope: 'none',
      method: 'post',
      path: '/{id}/reject',
      tags,
      security,
      summary: 'Reject the proposal (the plan stays as it is); applied ones are undone from the plan’s history instead (409)',
      request: { params: ProposalIdParam, body: jsonBody(RejectInput) },
      responses: { 200: answer, ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const { reason } = c.req.valid('json');
      return c.json({ proposal: await c.var.services.coachProposals.reject(viewer, c.req.valid('param').id, reason) }, 200);
    },
  );

/** Mounted at /api/v1/admin/athletes. */
export const coachProposalAdminRoutes = createRouter().openapi(
  createRoute({
    access: withPermission('coach_proposals.confirm'),
    risk: 'normal',
    dataUse: 'ai',
    scope: 'none',
    method: 'post',
    path: '/{athleteId}/coach-proposals/{id}/confirm',
    tags: ['Admin: AI coach'],
    security,
    summary: "Confirm an athlete's proposal on their behalf (permission coach_proposals.confirm; audited with both identities)",
    request: { params: AdminProposalParams },
    responses: { 200: answer, ...std },
  }),
  async (c) => {
    const s = c.var.services;
    const viewer = await requirePermission(c.var.auth, s.auth.permissionsOf, 'coach_proposals.confirm');
    const p = c.req.valid('param');
    return c.json({ proposal: await s.coachProposals.confirmFor(viewer, p.athleteId, p.id) }, 200);
  },
);
