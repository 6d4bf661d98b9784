import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { clientIp } from '../../http/client-ip';
import { createRoute, createRouter } from '../../http/router';
import { highRisk, publicAccess, signedIn } from '../../http/access';
import { errorResponses, json, jsonBody } from '../../http/openapi-shared';
import {
  Accepted,
  EmailChanged,
  EmailChangeToken,
  ForgotPasswordInput,
  LoginInput,
  RegisterInput,
  RequiredPasswordInput,
  ResetPasswordInput,
  UserEnvelope,
} from './auth.schema';
import { actorOf, refuseWhileImpersonating, requireUser } from '../../http/guards';
import { presentUser } from './present';
import { clearSessionCookie, cookieSettingsFor, serializeSessionCookie } from './session-cookie';
import { clearImpersonationCookie } from '../impersonation';

const tags = ['Auth'];
const meta = (c: Context<AppEnv>) => ({ ip: clientIp(c), userAgent: c.req.header('user-agent') ?? null });
const setSession = (c: Context<AppEnv>, token: string, userId: string) => {
  c.var.auth.setCookie = serializeSessionCookie(token, cookieSettingsFor(c.env.APP_ENV));
  c.var.auth.subjectId = userId;
};
const clearSession = (c: Context<AppEnv>) => {
  c.var.auth.setCookie = clearSessionCookie(cookieSettingsFor(c.env.APP_ENV));
};

export const authRoutes = createRouter()
  .openapi(
    createRoute({
      access: publicAccess('an invite code'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/register',
      tags,
      summary: 'Create an account with an invite code; starts a session',
      request: { body: jsonBody(RegisterInput) },
      responses: { 201: json(UserEnvelope, 'Registered and signed in'), 400: errorResponses[400], 409: errorResponses[409] },
    }),
    async (c) => {
      const { user, token } = await c.var.services.auth.register(c.req.valid('json'), meta(c));
      setSession(c, token, user.id);
      return c.json({ user: presentUser(user) }, 201);
    },
  )
  .openapi(
    createRoute({
      access: publicAccess('the credentials sent'),
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/login',
      tags,
      summary: 'Sign in; rotates the session id',
      request: { body: jsonBody(LoginInput) },
      responses: { 200: json(UserEnvelope, 'Signed in'), 400: errorResponses[400], 401: errorResponses[401], 429: errorResponses[429] },
    }),
    async (c) => {
      const { user, token } = await c.var.services.auth.login(c.req.valid('json'), meta(c), c.var.auth.token);
      setSession(c, token, user.id);
      return c.json({ user: presentUser(user) }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: 'normal',
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/logout',
      tags,
      summary: 'Sign out this session',
      security: [{ session: [] }],
      responses: { 200: json(Accepted, 'Signed out'), 401: errorResponses[401] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      if (viewer.impersonationExpiresAt) {
        // Logging out while impersonating ends only the impersonation: the owner is back in their own session.
        await c.var.services.impersonation.end(viewer, 'logout');
        c.var.auth.impersonationCookie = clearImpersonationCookie(cookieSettingsFor(c.env.APP_ENV));
        return c.json({ ok: true as const }, 200);
      }
      if (c.var.auth.token) await c.var.services.sessions.revokeToken(c.var.auth.token);
      clearSession(c);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('sign out every session'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/logout-all',
      tags,
      summary: 'Sign out every session of this account, this one included',
      security: [{ session: [] }],
      responses: {
        200: json(z.object({ ok: z.literal(true), revoked: z.number().int() }), 'Signed out everywhere'),
        401: errorResponses[401],
      },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      const revoked = await c.var.services.auth.logoutEverywhere(actorOf(viewer));
      clearSession(c);
      return c.json({ ok: true as const, revoked }, 200);
    },
  )
  .openapi(
    createRoute({
      access: publicAccess('the email address; the link goes to its inbox'),
      risk: highRisk('ask for a password reset'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/password/forgot',
      tags,
      summary: 'Email a one-time reset link (answers the same whether or not the account exists)',
      request: { body: jsonBody(ForgotPasswordInput) },
      responses: { 202: json(Accepted, 'Accepted'), 400: errorResponses[400] },
    }),
    (c) => {
      c.var.services.auth.requestPasswordReset(c.req.valid('json').email);
      return c.json({ ok: true as const }, 202);
    },
  )
  .openapi(
    createRoute({
      access: publicAccess('the one-time reset token'),
      risk: highRisk('reset the password'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/password/reset',
      tags,
      summary: 'Set a new password with a reset token; signs out every session',
      request: { body: jsonBody(ResetPasswordInput) },
      responses: { 200: json(Accepted, 'Password changed'), 400: errorResponses[400] },
    }),
    async (c) => {
      await c.var.services.auth.resetPassword(c.req.valid('json'));
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      access: signedIn,
      risk: highRisk('set a new password'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/password/required',
      tags,
      security: [{ session: [] }],
      summary: "Replace an operator's one-time temporary password (the one call, with logout, allowed until then)",
      description:
        'While a temporary password is in force every other API route answers 403 PASSWORD_CHANGE_REQUIRED. The new password must differ from the temporary one and pass the password policy; every session is signed out and this one replaced.',
      request: { body: jsonBody(RequiredPasswordInput) },
      responses: { 200: json(Accepted, 'Changed'), 400: errorResponses[400], 401: errorResponses[401], 409: errorResponses[409] },
    }),
    async (c) => {
      const viewer = await requireUser(c.var.auth);
      refuseWhileImpersonating(viewer, 'set a new password');
      const { token } = await c.var.services.auth.setRequiredPassword(actorOf(viewer), c.req.valid('json').newPassword, meta(c).userAgent);
      setSession(c, token, viewer.user.id);
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      access: publicAccess('the one-time link sent to the new address'),
      risk: highRisk('change the email address'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/email-change/confirm',
      tags,
      summary: 'Confirm an email change from the new inbox: the address changes and every other session ends',
      description:
        "The caller's own session, if it is the account's, is re-issued; every other session is revoked. The old address is told, with an undo link valid 72 h. 400 TOKEN_INVALID for an unknown, used, replaced or expired link; 409 EMAIL_TAKEN when another account took the address first.",
      request: { body: jsonBody(EmailChangeToken) },
      responses: { 200: json(EmailChanged, 'Changed'), 400: errorResponses[400], 403: errorResponses[403], 409: errorResponses[409] },
    }),
    async (c) => {
      const viewer = c.var.auth.token ? await c.var.auth.viewer() : null;
      const done = await c.var.services.emailChange.confirm(
        c.req.valid('json').token,
        viewer ? { userId: viewer.user.id, impersonatorId: viewer.impersonatorId, userAgent: meta(c).userAgent } : null,
      );
      if (done.sessionToken) setSession(c, done.sessionToken, done.userId);
      return c.json({ ok: true as const, email: done.email }, 200);
    },
  )
  .openapi(
    createRoute({
      access: publicAccess('the one-time link sent to the old address'),
      risk: highRisk('change the email address'),
      dataUse: 'none',
      scope: 'none',
      method: 'post',
      path: '/email-change/undo',
      tags,
      summary: 'Undo an email change from the old inbox (within 72 h): the old address is back and every session ends',
      request: { body: jsonBody(EmailChangeToken) },
      responses: { 200: json(EmailChanged, 'Restored'), 400: errorResponses[400], 403: errorResponses[403], 409: errorResponses[409] },
    }),
    async (c) => {
      const viewer = c.var.auth.token ? await c.var.auth.viewer() : null;
      const done = await c.var.services.emailChange.undo(c.req.valid('json').token, viewer);
      // Their own sessions all ended: the browser's cookie goes too.
      if (viewer?.user.id === done.userId) clearSession(c);
      return c.json({ ok: true as const, email: done.email }, 200);
    },
  );
