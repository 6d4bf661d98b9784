import { createRoute, createRouter } from '../../../http/router';
import { highRisk, signedIn } from '../../../http/access';
import { errorResponses, json, jsonBody } from '../../../http/openapi-shared';
import { actorOf, requireUser } from '../../../http/guards';
import { z } from '@hono/zod-openapi';
import { DeleteOrgInput, DeletionStatus, RequestDeletionInput } from './deletion.schema';

const tags = ['Account'];
const security = [{ session: [] }];

/** /api/v1/me/deletion: the athlete's own account deletion (ADR 042). */
export const deletionRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('see the account deletion'),
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Whether your account is scheduled for deletion, and when it runs',
      responses: { 200: json(DeletionStatus, 'Status'), 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      return c.json(await c.var.services.deletion.status(user.id), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('delete the account'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/',
      tags,
      security,
      summary: 'Delete your account after a 7-day grace period (password and the word DELETE); signs you out everywhere',
      description:
        'Refused (409) while you are the only owner of a coaching organisation. Logging in during the grace period offers to cancel; after it, everything is erased and a receipt is emailed.',
      request: { body: jsonBody(RequestDeletionInput) },
      responses: { 202: json(DeletionStatus, 'Scheduled'), 400: errorResponses[400], 401: errorResponses[401], 409: errorResponses[409] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json(await c.var.services.deletion.requestOwnDeletion(actorOf(viewer), c.req.valid('json')), 202);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('cancel the account deletion'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/',
      tags,
      security,
      summary: 'Cancel your scheduled account deletion (during the grace period)',
      responses: { 200: json(DeletionStatus, 'Cancelled'), 401: errorResponses[401], 404: errorResponses[404], 409: errorResponses[409] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json(await c.var.services.deletion.cancelOwnDeletion(actorOf(viewer)), 200);
    },
  );

/** /api/v1/coach/org/deletion: an owner deletes their coaching organisation. */
export const orgDeletionRoutes = createRouter().openapi(
  createRoute({
    access: signedIn,
    risk: highRisk('delete the organisation'),
    dataUse: 'none',
    scope: 'none',
    method: 'post',
    path: '/',
    tags: ['Coach'],
    security,
    summary: 'Delete your coaching organisation and its clients’ records (password and its name typed)',
    description: 'Linked athletes keep their own accounts and are told. 404 when you own no organisation.',
    request: { body: jsonBody(DeleteOrgInput) },
    responses: {
      202: json(z.object({ requestId: z.string() }).openapi('OrgDeletionAccepted'), 'Accepted'),
      400: errorResponses[400],
      401: errorResponses[401],
      404: errorResponses[404],
    },
  }),
  async (c) => {
    const viewer = await requireUser(c.var.auth);
    return c.json(await c.var.services.deletion.requestOrgDeletion(actorOf(viewer), c.req.valid('json')), 202);
  },
);
