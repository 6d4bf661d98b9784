import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { actorOf, requirePermission } from '../../http/guards';
import { errorResponses, json, jsonBody, UserIdParam } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { highRisk, withPermission } from '../../http/access';
import { AppError, ErrorCode } from '../../lib/errors';
import { presentGrant, presentStatus, presentSubscription } from './membership.present';
import {
  BillingEvents,
  CompInput,
  Figures,
  Grant,
  GrantParam,
  MembershipStatus,
  OrgCompInput,
  OrgGrantParam,
  OrgIdParam,
  TeamMirror,
} from './membership.schema';
import { resolveOrg } from './tier';

// Operators' side of memberships: every route needs billing.manage; every change is audited by the service.
const std = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
  409: errorResponses[409],
};
const security = [{ session: [] }];

/** An org's plan as operators see it: Team or not (subscription or comp), the Team subscription, its grants. */
async function orgView(c: Context<AppEnv>, orgId: string) {
  const mirror = await c.var.services.membership.orgMirror(orgId);
  const plan = await c.var.services.membership.orgPlan(orgId);
  const grants = await c.var.services.membership.orgGrants(orgId);
  return {
    plan: plan === 'team' ? ('team' as const) : null,
    subscription: presentSubscription(resolveOrg(mirror, c.var.services.clock.now())),
    subscriptions: mirror.length,
    grants: grants.map(presentGrant),
  };
}

const adminTags = ['Admin: membership'];
const billingAdmin = (c: Context<AppEnv>) => requirePermission(c.var.auth, c.var.services.auth.permissionsOf, 'billing.manage');

export const membershipAdminRoutes = createRouter()
  .openapi(
    createRoute({
      access: withPermission('billing.manage'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/billing/figures',
      tags: adminTags,
      security,
      summary: 'Subscribers by tier, MRR, trials and conversion, churn this month (billing.manage)',
      responses: { 200: json(Figures, 'Figures'), ...std },
    }),
    async (c) => {
      await billingAdmin(c);
      return c.json(await c.var.services.membership.figures(), 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('billing.manage'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/billing/events',
      tags: adminTags,
      security,
      summary: 'The newest Stripe events and their outcomes (billing.manage)',
      responses: { 200: json(BillingEvents, 'Events'), ...std },
    }),
    async (c) => {
      await billingAdmin(c);
      const events = await c.var.services.stripeEvents.recent(50);
      const iso = (d: Date | null) => (d ? d.toISOString() : null);
      return c.json(
        {
          events: events.map((e) => ({
            ...e,
            created: e.created.toISOString(),
            receivedAt: e.receivedAt.toISOString(),
            processedAt: iso(e.processedAt),
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      access: withPermission('billing.manage'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/orgs/{orgId}/membership',
      tags: adminTags,
      security,
      summary: 'An org’s Team plan and its subscription mirror (billing.manage)',
      request: { params: OrgIdParam },
      responses: { 200: json(TeamMirror, 'Plan'), ...std },
    }),
    async (c) => {
      await billingAdmin(c);
      return c.json(await orgView(c, c.req.valid('param').orgId), 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('billing.manage'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/orgs/{orgId}/membership/resync',
      tags: adminTags,
      security,
      summary: 'Re-read an org’s subscriptions from Stripe now (billing.manage, audited)',
      request: { params: OrgIdParam },
      responses: { 200: json(TeamMirror, 'Synced'), ...std },
    }),
    async (c) => {
      const actor = actorOf(await billingAdmin(c));
      const { orgId } = c.req.valid('param');
      await c.var.services.billingSync.resync(actor, 'org', orgId);
      return c.json(await orgView(c, orgId), 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('billing.manage'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/users/{userId}/membership',
      tags: adminTags,
      security,
      summary: 'A user’s tier, subscription mirror and grants (billing.manage)',
      request: { params: UserIdParam },
      responses: { 200: json(z.object({ status: MembershipStatus, grants: z.array(Grant) }), 'Membership'), ...std },
    }),
    async (c) => {
      await billingAdmin(c);
      const { userId } = c.req.valid('param');
      const user = await c.var.services.auth.userById(userId);
      if (!user) throw new AppError(ErrorCode.NOT_FOUND, 'No such user.');
      const status = presentStatus(await c.var.services.membership.status({ id: user.id, timeZone: user.timeZone }));
      return c.json({ status, grants: (await c.var.services.membership.grantsOf(user.id)).map(presentGrant) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('billing.manage'),
      risk: highRisk('grant a comp'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/users/{userId}/comps',
      tags: adminTags,
      security,
      summary: 'Grant a time-bound Pro or Elite comp (billing.manage, audited)',
      request: { params: UserIdParam, body: jsonBody(CompInput) },
      responses: { 201: json(Grant, 'Granted'), ...std },
    }),
    async (c) => {
      const actor = actorOf(await billingAdmin(c));
      const { userId } = c.req.valid('param');
      if (!(await c.var.services.auth.userById(userId))) throw new AppError(ErrorCode.NOT_FOUND, 'No such user.');
      return c.json(presentGrant(await c.var.services.membership.grantComp(actor, userId, c.req.valid('json'))), 201);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('billing.manage'),
      risk: highRisk('revoke a comp'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/users/{userId}/comps/{grantId}/revoke',
      tags: adminTags,
      security,
      summary: 'Revoke a comp (billing.manage, audited)',
      request: { params: GrantParam },
      responses: { 200: json(Grant, 'Revoked'), ...std },
    }),
    async (c) => {
      const actor = actorOf(await billingAdmin(c));
      const { userId, grantId } = c.req.valid('param');
      return c.json(presentGrant(await c.var.services.membership.revokeComp(actor, userId, grantId)), 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('billing.manage'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/users/{userId}/membership/resync',
      tags: adminTags,
      security,
      summary: 'Re-read a user’s subscriptions from Stripe now (billing.manage, audited)',
      request: { params: UserIdParam },
      responses: { 200: json(MembershipStatus, 'Synced'), ...std },
    }),
    async (c) => {
      const actor = actorOf(await billingAdmin(c));
      const { userId } = c.req.valid('param');
      const user = await c.var.services.auth.userById(userId);
      if (!user) throw new AppError(ErrorCode.NOT_FOUND, 'No such user.');
      await c.var.services.billingSync.resync(actor, 'user', user.id);
      return c.json(presentStatus(await c.var.services.membership.status({ id: user.id, timeZone: user.timeZone })), 200);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('billing.manage'),
      risk: highRisk('grant a comp'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/orgs/{orgId}/comps',
      tags: adminTags,
      security,
      summary: 'Give an org the Team plan for a time, without Stripe (billing.manage, audited)',
      request: { params: OrgIdParam, body: jsonBody(OrgCompInput) },
      responses: { 201: json(Grant, 'Granted'), ...std },
    }),
    async (c) => {
      const actor = actorOf(await billingAdmin(c));
      const { orgId } = c.req.valid('param');
      if (!(await c.var.services.coach.orgById(orgId))) throw new AppError(ErrorCode.NOT_FOUND, 'No such organisation.');
      return c.json(presentGrant(await c.var.services.membership.grantOrgComp(actor, orgId, c.req.valid('json'))), 201);
    },
  )
  .openapi(
    createRoute({
      access: withPermission('billing.manage'),
      risk: highRisk('revoke a comp'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/orgs/{orgId}/comps/{grantId}/revoke',
      tags: adminTags,
      security,
      summary: 'Revoke an org’s Team comp (billing.manage, audited)',
      request: { params: OrgGrantParam },
      responses: { 200: json(Grant, 'Revoked'), ...std },
    }),
    async (c) => {
      const actor = actorOf(await billingAdmin(c));
      const { orgId, grantId } = c.req.valid('param');
      return c.json(presentGrant(await c.var.services.membership.revokeOrgComp(actor, orgId, grantId)), 200);
    },
  );
