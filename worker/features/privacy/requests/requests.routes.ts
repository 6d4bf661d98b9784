// Operators: the data-subject request queue (users.read; personal data masked without users.pii) and the
// account deletion an owner starts for someone (owner only, reason required, audited, never impersonated).
import { actorOf, holds, requirePermission, requireUser } from '../../../http/guards';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { highRisk, withPermission, withRole } from '../../../http/access';
import { OPERATOR_DELETION_ACT, operatorInitiator } from './initiator';
import { OperatorDeletionInput, QueuePage, QueueQuery, RetentionDryRun, StartedDeletionBody } from './requests.schema';

const tags = ['Admin: privacy'];
const security = [{ session: [] }];

export const privacyRequestsAdminRoutes = createRouter()
  .openapi(
    createRoute({
      access: withPermission('users.read'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/requests',
      tags,
      security,
      summary: 'Exports and deletions with their legal due date, unanswered and overdue first (users.read; masked without users.pii)',
      request: { query: QueueQuery },
      responses: { 200: json(QueuePage, 'The queue'), 400: errorResponses[400], 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      const permissionsOf = c.var.services.auth.permissionsOf;
      const viewer = await requirePermission(c.var.auth, permissionsOf, 'users.read');
      const pii = await holds(viewer, permissionsOf, 'users.pii');
      return c.json(await c.var.services.privacyRequests.queue({ scope: c.req.valid('query').scope, pii }), 200);
    },
  )
  .openapi(
    createRoute({
      access: withRole(['owner'], 'Only owners can request a deletion for someone.'),
      risk: highRisk(OPERATOR_DELETION_ACT),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/deletions',
      tags,
      security,
      summary: "Queue someone's account deletion, with its grace period (owner only; reason required; audited)",
      request: { body: jsonBody(OperatorDeletionInput) },
      responses: {
        201: json(StartedDeletionBody, 'Queued'),
        200: json(StartedDeletionBody, 'An open deletion of this account already existed'),
        400: errorResponses[400],
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
      },
    }),
    async (c) => {
      const by = operatorInitiator(await requireUser(c.var.auth), OPERATOR_DELETION_ACT);
      const s = await c.var.services.privacyRequests.requestDeletionAsOperator(by, c.req.valid('json'));
      const body = { requestId: s.requestId, dueAt: s.dueAt.toISOString(), runAfter: s.runAfter.toISOString(), created: s.created };
      return s.created ? c.json(body, 201) : c.json(body, 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('audit.retention'),
      risk: highRisk('run the retention job'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/retention/dry-run',
      tags,
      security,
      summary: 'Count what the nightly retention job would remove now, rule by rule; deletes nothing (audit.retention; audited)',
      responses: { 200: json(RetentionDryRun, 'What is past its limit'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      const viewer = await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'audit.retention');
      const run = await c.var.services.privacyRetention.run({ dryRun: true, actor: actorOf(viewer) });
      return c.json({ dryRun: true as const, at: run.at.toISOString(), rules: run.rules }, 200);
    },
  );
