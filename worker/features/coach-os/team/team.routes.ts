import { z } from '@hono/zod-openapi';
import { errorResponses, json, jsonBody, UserIdParam } from '../../../http/openapi-shared';
import { createRoute, createRouter } from '../../../http/router';
import { highRisk, signedIn } from '../../../http/access';
import { actorOf, requireUser } from '../../../http/guards';
import { coachErrors, coachSecurity, member, orgEntitled, orgMember, orgOwner } from '../coach-os.http';
import { IdParam } from '../coach-os.schema';
import { Invitation, Invite, InviteInput, Team } from './team.schema';

const tags = ['Coach team'];
const security = coachSecurity;
const std = coachErrors;
const Done = z.object({ ok: z.literal(true) });

/** Mounted at /api/v1/coach: the org's members and invitations (owner changes them). */
export const teamRoutes = createRouter()
  .openapi(
    createRoute({
      access: orgMember,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/team',
      tags,
      security,
      summary: 'Your org’s coaches and pending invitations',
      responses: { 200: json(Team, 'Team'), ...std },
    }),
    async (c) => c.json(await c.var.services.team.team(await member(c)), 200),
  )
  .openapi(
    createRoute({
      access: orgOwner('Only the organisation’s owner can change its team.'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/team/invites',
      tags,
      security,
      middleware: [orgEntitled('staff_seats')] as const,
      summary: 'Invite a coach by email (owner). The answer is the same whether or not the address has an account',
      request: { body: jsonBody(InviteInput) },
      responses: {
        201: json(z.object({ invite: Invite, created: z.boolean() }), 'Invited (or already pending)'),
        409: errorResponses[409],
        ...std,
      },
    }),
    async (c) => c.json(await c.var.services.team.invite(await member(c), c.req.valid('json').email), 201),
  )
  .openapi(
    createRoute({
      access: orgOwner('Only the organisation’s owner can change its team.'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/team/invites/{id}',
      tags,
      security,
      summary: 'Cancel a pending invitation (owner)',
      request: { params: IdParam },
      responses: { 200: json(Done, 'Cancelled'), ...std },
    }),
    async (c) => {
      await c.var.services.team.cancelInvite(await member(c), c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      access: orgOwner('Only the organisation’s owner can change its team.'),
      risk: highRisk('remove a coach from the team'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/team/members/{userId}',
      tags,
      security,
      summary: 'Remove a staff coach from the org (owner); their bookings stay with the org',
      request: { params: UserIdParam },
      responses: { 200: json(Done, 'Removed'), 409: errorResponses[409], ...std },
    }),
    async (c) => {
      await c.var.services.team.removeMember(await member(c), c.req.valid('param').userId);
      return c.json({ ok: true as const }, 200);
    },
  );

/** Mounted at /api/v1/me/org-invites: the signed-in user's own invitations. */
export const myInvitesRoutes = createRouter()
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
      summary: 'Invitations to join a coaching org, sent to your account’s email',
      responses: { 200: json(z.object({ invitations: z.array(Invitation) }), 'Invitations'), ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json({ invitations: await c.var.services.team.invitationsFor(viewer.user) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/{id}/accept',
      tags,
      security,
      summary: 'Join the org as a coach (a coach account without an org)',
      request: { params: IdParam },
      responses: { 200: json(z.object({ orgId: z.uuid() }), 'Joined'), 409: errorResponses[409], ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json(await c.var.services.team.accept(actorOf(viewer), viewer.user, c.req.valid('param').id), 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/{id}/decline',
      tags,
      security,
      summary: 'Decline an invitation',
      request: { params: IdParam },
      responses: { 200: json(Done, 'Declined'), ...std },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      await c.var.services.team.decline(actorOf(viewer), viewer.user, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
