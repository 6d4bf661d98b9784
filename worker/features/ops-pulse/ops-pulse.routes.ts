import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { actorOf, requirePermission } from '../../http/guards';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { highRisk, withPermission, type Risk } from '../../http/access';
import type { Permission } from '../auth';
import { FixInput, FixResult, IdParam, Pulse } from './ops-pulse.schema';

// Ops Pulse: the figures need ops.read; each button its own permission (the one its row names).
const security = [{ session: [] }];
const tags = ['Admin: ops pulse'];
const std = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
  409: errorResponses[409],
};

const fixRoute = (path: string, summary: string, permission: Permission, risk: Risk = 'normal') =>
  createRoute({
    access: withPermission(permission),
    risk,
    method: 'post',
    path,
    tags,
    security,
    summary,
    request: { params: IdParam, body: jsonBody(FixInput) },
    responses: { 200: json(FixResult, 'Done'), ...std },
  });

const operator = async (c: Context<AppEnv>, permission: Permission) =>
  actorOf(await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, permission));

export const opsPulseRoutes = createRouter()
  .openapi(
    createRoute({
      access: withPermission('ops.read'),
      risk: 'normal',
      method: 'get',
      path: '/pulse',
      tags,
      security,
      summary: 'Who is stuck, why, and which button fixes it: every figure in one document (ops.read)',
      responses: { 200: json(Pulse, 'The pulse'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'ops.read');
      return c.json(await c.var.services.opsPulse.pulse(), 200);
    },
  )
  .openapi(
    fixRoute('/jobs/{id}/retry', 'Retry a stuck or failed ingestion job (ingestion.retry, audited)', 'ingestion.retry'),
    async (c) => {
      const actor = await operator(c, 'ingestion.retry');
      return c.json(await c.var.services.opsPulse.retryJob(actor, c.req.valid('param').id, c.req.valid('json').reason), 200);
    },
  )
  .openapi(
    fixRoute('/imports/{id}/retry', 'Retry a failed import from its stored file (ingestion.retry, audited)', 'ingestion.retry'),
    async (c) => {
      const actor = await operator(c, 'ingestion.retry');
      return c.json(await c.var.services.opsPulse.retryImport(actor, c.req.valid('param').id, c.req.valid('json').reason), 200);
    },
  )
  .openapi(
    fixRoute(
      '/athletes/{id}/resume',
      'Release an athlete deferred by the rate budget now, when the budget has room (ingestion.retry, audited)',
      'ingestion.retry',
    ),
    async (c) => {
      const actor = await operator(c, 'ingestion.retry');
      return c.json(await c.var.services.opsPulse.resumeAthlete(actor, c.req.valid('param').id, c.req.valid('json').reason), 200);
    },
  )
  .openapi(
    fixRoute(
      '/stripe-events/{id}/reprocess',
      'Run an unresolved Stripe event again now (billing.manage, audited)',
      'billing.manage',
      highRisk('reprocess a Stripe event'),
    ),
    async (c) => {
      const actor = await operator(c, 'billing.manage');
      return c.json(await c.var.services.opsPulse.reprocessStripeEvent(actor, c.req.valid('param').id, c.req.valid('json').reason), 200);
    },
  )
  .openapi(
    fixRoute('/sms/{id}/retry', 'Send a failed SMS again now; consent and plan still apply (users.manage, audited)', 'users.manage'),
    async (c) => {
      const actor = await operator(c, 'users.manage');
      return c.json(await c.var.services.opsPulse.retrySms(actor, c.req.valid('param').id, c.req.valid('json').reason), 200);
    },
  )
  .openapi(
    fixRoute('/automation-runs/{id}/retry', 'One more attempt of a failed automation run now (users.manage, audited)', 'users.manage'),
    async (c) => {
      const actor = await operator(c, 'users.manage');
      return c.json(await c.var.services.opsPulse.retryAutomation(actor, c.req.valid('param').id, c.req.valid('json').reason), 200);
    },
  );
