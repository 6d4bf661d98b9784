import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../../context';
import { createRoute, createRouter } from '../../../http/router';
import { highRisk } from '../../../http/access';
import { json, jsonBody } from '../../../http/openapi-shared';
import { IdParam } from '../coach-os.schema';
import {
  Automation,
  CreateAutomationInput,
  Preview,
  PreviewInput,
  Run,
  RunsQuery,
  Task,
  TasksQuery,
  UpdateAutomationInput,
} from './automations.schema';
import { coachErrors, coachSecurity, member, orgEntitled, orgMember } from '../coach-os.http';

const tags = ['Coach automations'];
const security = coachSecurity;
const std = coachErrors;

const svc = (c: Context<AppEnv>) => c.var.services.automations;

export const automationRoutes = createRouter()
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/automations',
      tags,
      security,
      summary: 'Your org’s automations with their next runs and last run',
      responses: { 200: json(z.object({ automations: z.array(Automation) }), 'Automations'), ...std },
    }),
    async (c) => c.json({ automations: await svc(c).list(await member(c)) }, 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/automations',
      tags,
      security,
      middleware: [orgEntitled('automations')] as const,
      summary: 'Create an automation (trigger, action, audience for schedules)',
      request: { body: jsonBody(CreateAutomationInput) },
      responses: { 201: json(Automation, 'Created'), ...std },
    }),
    async (c) => c.json(await svc(c).create(await member(c), c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/automations/preview',
      tags,
      security,
      summary: 'The next 5 run times of a draft trigger, in the org’s zone',
      request: { body: jsonBody(PreviewInput) },
      responses: { 200: json(Preview, 'Preview'), ...std },
    }),
    async (c) => c.json(svc(c).preview(await member(c), c.req.valid('json').trigger), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/automations/{id}',
      tags,
      security,
      summary: 'One automation',
      request: { params: IdParam },
      responses: { 200: json(Automation, 'Automation'), ...std },
    }),
    async (c) => c.json(await svc(c).get(await member(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'patch',
      path: '/automations/{id}',
      tags,
      security,
      summary: 'Change an automation, or enable/disable it (owner or its author)',
      description:
        'Only the fields sent change. Another org’s (or an unknown) automation id is 404 whatever the body; then an empty patch (`{}`, or only unknown keys, which are ignored) is refused with 400 VALIDATION “Nothing to update…”.',
      request: { params: IdParam, body: jsonBody(UpdateAutomationInput) },
      responses: { 200: json(Automation, 'Updated'), ...std },
    }),
    async (c) => c.json(await svc(c).update(await member(c), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: highRisk('delete an automation'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/automations/{id}',
      tags,
      security,
      summary: 'Delete an automation and its run history (owner or its author)',
      request: { params: IdParam },
      responses: { 200: json(z.object({ deleted: z.literal(true) }), 'Deleted'), ...std },
    }),
    async (c) => {
      await svc(c).remove(await member(c), c.req.valid('param').id);
      return c.json({ deleted: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/automations/{id}/runs',
      tags,
      security,
      summary: 'Recent runs, newest first, with failures and their errors',
      request: { params: IdParam, query: RunsQuery },
      responses: { 200: json(z.object({ runs: z.array(Run) }), 'Runs'), ...std },
    }),
    async (c) => c.json({ runs: await svc(c).runs(await member(c), c.req.valid('param').id, c.req.valid('query').limit) }, 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/clients/{id}/automations',
      tags,
      security,
      summary: 'Automations that act on this client and their recent runs for it',
      request: { params: IdParam },
      responses: {
        200: json(
          z.object({
            automations: z.array(
              z.object({
                id: z.uuid(),
                name: z.string(),
                enabled: z.boolean(),
                summary: z.string(),
                action: z.enum(['sms', 'email', 'task']),
              }),
            ),
            runs: z.array(Run),
          }),
          'Automations',
        ),
        ...std,
      },
    }),
    async (c) => c.json(await svc(c).forClient(await member(c), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/tasks',
      tags,
      security,
      summary: 'The org’s coach tasks (open by default)',
      request: { query: TasksQuery },
      responses: { 200: json(z.object({ tasks: z.array(Task) }), 'Tasks'), ...std },
    }),
    async (c) => c.json({ tasks: await svc(c).tasks(await member(c), c.req.valid('query').status) }, 200),
  )
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/tasks/{id}/done',
      tags,
      security,
      summary: 'Mark a task done (again is a no-op)',
      request: { params: IdParam },
      responses: { 200: json(Task, 'Done'), ...std },
    }),
    async (c) => c.json(await svc(c).taskDone(await member(c), c.req.valid('param').id), 200),
  );
