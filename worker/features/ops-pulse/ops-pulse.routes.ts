import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { actorOf, requirePermission } from '../../http/guards';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { highRisk, withPermission, type Risk } from '../../http/access';
import type { Permission } from '../auth';
import { DataPolicyInput, DataPolicyView, FixInput, FixResult, IdParam, Pulse } from './ops-pulse.schema';
import { dataPolicyView } from './ops-pulse-policy';

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
    dataUse: 'none',
    scope: 'none',
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
      dataUse: 'none',
      scope: 'none',
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
    createRoute({
      access: withPermission('ops.read'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/data-policy',
      tags,
      security,
      summary: 'The Strava data-policy mode and what each source may feed (ops.read)',
      responses: { 200: json(DataPolicyView, 'The policy in force'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'ops.read');
      return c.json(await dataPolicyView(c.var.services.dataPolicy), 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('system.data_policy'),
      // Switching to strict starts cutting every athlete's Strava data down at the next night: never as someone else.
      risk: highRisk('switch the data policy'),
      dataUse: 'none',
      scope: 'none',
      method: 'put',
      path: '/data-policy',
      tags,
      security,
      summary: 'Switch the Strava data policy between default and strict (system.data_policy, audited as data_policy.mode_changed)',
      request: { body: jsonBody(DataPolicyInput) },
      responses: { 200: json(DataPolicyView, 'The policy now in force'), ...std },
    }),
    async (c) => {
      const actor = await operator(c, 'system.data_policy');
      await c.var.services.dataPolicy.setMode(actor, c.req.valid('json').mode);
      return c.json(await dataPolicyView(c.var.services.dataPolicy), 200);
    },
  )
  .openapi(
    fixRoute('/automation-runs/{id}/retry', 'One more attempt of a failed automation run now (users.manage, audited)', 'users.manage'),
    async (c) => {
      const actor = await operator(c, 'users.manage');
      return c.json(await c.var.services.opsPulse.retryAutomation(actor, c.req.valid('param').id, c.req.valid('json').reason), 200);
    },
  );
