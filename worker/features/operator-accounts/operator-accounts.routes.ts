import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { actorOf, requirePermission } from '../../http/guards';
import { errorResponses, IdParam, json, jsonBody } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { highRisk, withPermission, type Risk } from '../../http/access';
import { AccountState, ReasonInput, TemporaryPasswordIssued } from './operator-accounts.schema';

// Account safety actions: users.manage, a reason each, audited by the service.
const tags = ['Admin: accounts'];
const security = [{ session: [] }];
const errors = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
  409: errorResponses[409],
};
const manager = async (c: Context<AppEnv>) =>
  actorOf(await requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'users.manage'));

const action = (
  path: string,
  summary: string,
  description: string,
  ok: typeof AccountState | typeof TemporaryPasswordIssued,
  risk: Risk = 'normal',
) =>
  createRoute({
    access: withPermission('users.manage'),
    risk,
    dataUse: 'none',
    scope: 'none',
    method: 'post',
    path: `/users/{id}/${path}`,
    tags,
    security,
    summary,
    description,
    request: { params: IdParam, body: jsonBody(ReasonInput) },
    responses: { 200: json(ok, 'Done'), ...errors },
  });

export const operatorAccountsRoutes = createRouter()
  .openapi(
    action(
      'block',
      'Block an account (users.manage; an owner only by an owner)',
      'Signs out every session (impersonations included); login answers 403 ACCOUNT_BLOCKED, the calendar feed too. Never your own account.',
      AccountState,
    ),
    async (c) => {
      const actor = await manager(c);
      return c.json(await c.var.services.operatorAccounts.block(actor, c.req.valid('param').id, c.req.valid('json').reason), 200);
    },
  )
  .openapi(
    action(
      'unblock',
      'Unblock an account (users.manage)',
      'The user logs in again with their password; the calendar feed resumes.',
      AccountState,
    ),
    async (c) => {
      const actor = await manager(c);
      return c.json(await c.var.services.operatorAccounts.unblock(actor, c.req.valid('param').id, c.req.valid('json').reason), 200);
    },
  )
  .openapi(
    action(
      'password-reset',
      'Email the user a password-reset link (users.manage)',
      'The same one-time, 30-minute link as "forgot password", sent to their own inbox; the link never appears in the response or the audit.',
      AccountState,
      highRisk('send a password reset'),
    ),
    async (c) => {
      const actor = await manager(c);
      return c.json(
        await c.var.services.operatorAccounts.sendPasswordReset(actor, c.req.valid('param').id, c.req.valid('json').reason),
        200,
      );
    },
  )
  .openapi(
    action(
      'temporary-password',
      'Issue a one-time temporary password (users.manage; urgent cases)',
      'Shown once in this response (never stored, never audited). Sessions end; until the user sets a new one every API route answers 403 PASSWORD_CHANGE_REQUIRED. For an operator account, owners only.',
      TemporaryPasswordIssued,
      highRisk('issue a temporary password'),
    ),
    async (c) => {
      const actor = await manager(c);
      const issued = await c.var.services.operatorAccounts.issueTemporaryPassword(
        actor,
        c.req.valid('param').id,
        c.req.valid('json').reason,
      );
      c.header('Cache-Control', 'no-store');
      return c.json(issued, 200);
    },
  );
