import { createRoute, createRouter } from '../../http/router';
import { highRisk, signedIn } from '../../http/access';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import { actorOf, refuseWhileImpersonating, requireUser } from '../../http/guards';
import { clientIp } from '../../http/client-ip';
import { Accepted, EmailChangeInput, PendingEmailChangeEnvelope, presentUser } from '../auth';
import { ChangePasswordInput, Me, SessionIdParam, SessionList, UpdateProfileInput } from './account.schema';

const tags = ['Account'];
const security = [{ session: [] }];

export const accountRoutes = createRouter()
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
      summary: 'The signed-in user',
      responses: { 200: json(Me, 'You'), 401: errorResponses[401] },
    }),
    async (c) => {
      const { user } = await requireUser(c.var.auth);
      const [permissions, entitlements] = await Promise.all([
        user.role === 'admin' ? c.var.services.auth.permissionsOf(user.id) : Promise.resolve([]),
        c.var.services.membership.entitlements(user.id),
      ]);
      return c.json({ user: presentUser(user), permissions, entitlements }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'patch',
      path: '/',
      tags,
      security,
      summary: 'Update profile settings (name, units, time zone, birth date, sex)',
      description:
        'Only the fields sent change. An empty patch (`{}`, or only unknown keys, which are ignored) is refused with 400 VALIDATION “Nothing to update…”.',
      request: { body: jsonBody(UpdateProfileInput) },
      responses: { 200: json(Me, 'Updated'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const user = await c.var.services.account.updateProfile(actorOf(viewer), c.req.valid('json'));
      return c.json({ user: presentUser(user), permissions: [] }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('change the password'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/password',
      tags,
      security,
      summary: 'Change password; signs out your other sessions',
      request: { body: jsonBody(ChangePasswordInput) },
      responses: { 200: json(Accepted, 'Changed'), 400: errorResponses[400], 401: errorResponses[401] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const { currentPassword, newPassword } = c.req.valid('json');
      await c.var.services.auth.changePassword(actorOf(viewer), viewer.sessionId, currentPassword, newPassword);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('see the sessions'),
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/sessions',
      tags,
      security,
      summary: 'Your active sessions',
      responses: { 200: json(SessionList, 'Sessions'), 401: errorResponses[401] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      refuseWhileImpersonating(viewer, 'see the sessions');
      return c.json({ sessions: await c.var.services.sessions.list(viewer.user.id, viewer.sessionId) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('sign out sessions'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/sessions/{id}',
      tags,
      security,
      summary: 'Sign out one of your sessions',
      request: { params: SessionIdParam },
      responses: { 200: json(Accepted, 'Signed out'), 400: errorResponses[400], 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const { id } = c.req.valid('param');
      await c.var.services.account.revokeSession(actorOf(viewer), id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('change the email address'),
      dataUse: 'none',
      scope: 'none',
      method: 'get',
      path: '/email-change',
      tags,
      security,
      summary: 'The email change waiting for confirmation from the new address, if any',
      responses: { 200: json(PendingEmailChangeEnvelope, 'Pending change or null'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json({ pending: await c.var.services.emailChange.pending(viewer.user.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('change the email address'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/email-change',
      tags,
      security,
      summary: 'Ask to change the sign-in address: a link valid 24 h goes to the new address; nothing changes until it is opened',
      description:
        'Needs the password (a wrong one counts toward the sign-in throttle: 429 once locked). A new request replaces an open one. 409 EMAIL_TAKEN when another account uses the address.',
      request: { body: jsonBody(EmailChangeInput) },
      responses: {
        202: json(PendingEmailChangeEnvelope, 'Link sent to the new address'),
        400: errorResponses[400],
        401: errorResponses[401],
        403: errorResponses[403],
        409: errorResponses[409],
        429: errorResponses[429],
      },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const pending = await c.var.services.emailChange.request(actorOf(viewer), c.req.valid('json'), { ip: clientIp(c) });
      return c.json({ pending }, 202);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('change the email address'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/email-change/resend',
      tags,
      security,
      summary: 'Send the confirmation link again (a new link; the previous one stops working)',
      responses: {
        202: json(PendingEmailChangeEnvelope, 'Sent again'),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        429: errorResponses[429],
      },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      return c.json({ pending: await c.var.services.emailChange.resend(actorOf(viewer)) }, 202);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('change the email address'),
      dataUse: 'none',
      scope: 'none',
      method: 'delete',
      path: '/email-change',
      tags,
      security,
      summary: 'Cancel the email change waiting for confirmation (its link stops working)',
      responses: { 200: json(Accepted, 'Cancelled (or nothing was waiting)'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      await c.var.services.emailChange.cancel(actorOf(viewer));
      return c.json({ ok: true as const }, 200);
    },
  );
