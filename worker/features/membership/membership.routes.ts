import type { Context } from 'hono';
import type { AppEnv, Viewer } from '../../context';
import { actorOf, requireUser } from '../../http/guards';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { createRoute, createRouter } from '../../http/router';
import { highRisk, publicAccess, signedIn, type Access } from '../../http/access';
import { AppError, ErrorCode } from '../../lib/errors';
import type { Payer } from './billing-sync.service';
import { FREE_ORG_ACTIVE_CLIENTS, TIERS } from './entitlements';
import { presentCatalog, presentInvoice, presentStatus, presentSubscription } from './membership.present';
import {
  CheckoutInput,
  InvoiceList,
  MembershipStatus,
  PlanCatalog,
  RedirectUrl,
  SyncInput,
  TeamCheckoutInput,
  TeamStatus,
} from './membership.schema';
import { resolveOrg } from './tier';

const tags = ['Membership'];
const security = [{ session: [] }];
const std = {
  400: errorResponses[400],
  401: errorResponses[401],
  403: errorResponses[403],
  404: errorResponses[404],
  409: errorResponses[409],
};

const athletePayer = ({ user, impersonatorId }: Viewer): Payer => ({
  type: 'user',
  id: user.id,
  name: user.displayName,
  email: user.email,
  impersonatorId,
});
const statusOf = async (c: Context<AppEnv>, v: Viewer) =>
  presentStatus(await c.var.services.membership.status({ id: v.user.id, timeZone: v.user.timeZone }));

export const membershipRoutes = createRouter()
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/',
      tags,
      security,
      summary: 'Your membership: tier, subscription, usage this month',
      responses: { 200: json(MembershipStatus, 'Membership'), ...std },
    }),
    async (c) => c.json(await statusOf(c, await requireUser(c.var.auth)), 200),
  )
  .openapi(
    createRoute({
      access: publicAccess('the price list; it marks the tier when signed in'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/plans',
      tags,
      summary: 'The plans, their features, quotas and prices (public; marks your tier when signed in)',
      responses: { 200: json(PlanCatalog, 'Plans') },
    }),
    async (c) => {
      const viewer = await c.var.auth.viewer();
      const current = viewer ? (await c.var.services.membership.resolve(viewer.user.id)).tier : null;
      return c.json(presentCatalog(current), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('start a checkout'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/checkout',
      tags,
      security,
      summary: 'Start Stripe Checkout for Pro or Elite, monthly or yearly',
      request: { body: jsonBody(CheckoutInput) },
      responses: { 200: json(RedirectUrl, 'Where to send the browser'), ...std },
    }),
    async (c) => {
      const { tier, interval } = c.req.valid('json');
      const url = await c.var.services.billingSync.startCheckout(
        athletePayer(await requireUser(c.var.auth)),
        tier,
        interval,
        '/settings/membership',
      );
      return c.json({ url }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('open the billing portal'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/portal',
      tags,
      security,
      summary: 'Open the Stripe customer portal (plan, card, cancellation)',
      responses: { 200: json(RedirectUrl, 'Portal'), ...std },
    }),
    async (c) =>
      c.json({ url: await c.var.services.billingSync.portal(athletePayer(await requireUser(c.var.auth)), '/settings/membership') }, 200),
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('start a trial'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/trial',
      tags,
      security,
      summary: 'Start your 7-day Pro trial (once, no card)',
      responses: { 200: json(MembershipStatus, 'Trial started'), ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      await c.var.services.billingSync.startTrial({ ...athletePayer(viewer), type: 'user' });
      return c.json(await statusOf(c, viewer), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/sync',
      tags,
      security,
      summary: 'After Checkout: read your subscription from Stripe now (webhooks may lag)',
      request: { body: jsonBody(SyncInput) },
      responses: { 200: json(MembershipStatus, 'Synced'), ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      await c.var.services.billingSync.syncAfterCheckout(athletePayer(viewer), c.req.valid('json').sessionId);
      return c.json(await statusOf(c, viewer), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/invoices',
      tags,
      security,
      summary: 'Your invoices, newest first',
      responses: { 200: json(InvoiceList, 'Invoices'), ...std },
    }),
    async (c) =>
      c.json(
        { invoices: (await c.var.services.billingSync.invoices(athletePayer(await requireUser(c.var.auth)))).map(presentInvoice) },
        200,
      ),
  );

/** The org's Team plan; only the owner buys or manages it. */
async function orgPayer(c: Context<AppEnv>, ownerOnly: boolean): Promise<{ payer: Payer; isOwner: boolean }> {
  const viewer = await requireUser(c.var.auth);
  const m = await c.var.services.coach.membership(actorOf(viewer));
  if (!m) throw new AppError(ErrorCode.NOT_FOUND, 'You are not part of a coaching organisation yet.');
  const isOwner = m.role === 'owner';
  if (ownerOnly && !isOwner) throw new AppError(ErrorCode.FORBIDDEN, 'Only the organisation’s owner manages its plan.');
  return {
    payer: { type: 'org', id: m.org.id, name: m.org.name, email: viewer.user.email, impersonatorId: viewer.impersonatorId },
    isOwner,
  };
}

// The Team plan's routes declare the check their handlers make (orgPayer), so it runs before validation.
const orgBilling: Access = { kind: 'org-member', check: (c) => orgPayer(c, false) };
const orgBillingOwner: Access = { kind: 'org-owner', check: (c) => orgPayer(c, true) };

export const coachBillingRoutes = createRouter()
  .openapi(
    createRoute({
      access: orgBilling,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/billing',
      tags,
      security,
      summary: 'The org’s Team plan',
      responses: { 200: json(TeamStatus, 'Plan'), ...std },
    }),
    async (c) => {
      const { payer, isOwner } = await orgPayer(c, false);
      const status = await c.var.services.membership.orgStatus(payer.id);
      return c.json(
        {
          plan: status.team ? ('team' as const) : null,
          subscription: presentSubscription(status.subscription),
          comp: status.grant ? { endsAt: status.grant.endsAt.toISOString() } : null,
          limits: { activeClientsWithoutTeam: FREE_ORG_ACTIVE_CLIENTS, seats: TIERS.team.seats ?? 1 },
          isOwner,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      access: orgBillingOwner,
      risk: highRisk('start a checkout'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/billing/checkout',
      tags,
      security,
      summary: 'Start Stripe Checkout for the Team plan (owner)',
      request: { body: jsonBody(TeamCheckoutInput) },
      responses: { 200: json(RedirectUrl, 'Checkout'), ...std },
    }),
    async (c) => {
      const { payer } = await orgPayer(c, true);
      return c.json({ url: await c.var.services.billingSync.startCheckout(payer, 'team', c.req.valid('json').interval, '/pricing') }, 200);
    },
  )
  .openapi(
    createRoute({
      access: orgBillingOwner,
      risk: highRisk('open the billing portal'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/billing/portal',
      tags,
      security,
      summary: 'The Team plan in the Stripe portal (owner)',
      responses: { 200: json(RedirectUrl, 'Portal'), ...std },
    }),
    async (c) => c.json({ url: await c.var.services.billingSync.portal((await orgPayer(c, true)).payer, '/pricing') }, 200),
  );
