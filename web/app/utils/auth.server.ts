import { redirect, type AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';
import { clearSessionCookie, cookieSettingsFor, serializeSessionCookie } from '../../../worker/features/auth';
import { requirePermission } from '../../../worker/http/guards';
import type { Permission, RequestMeta } from '../../../worker/features/auth';
import { isAppError } from './forms.server';
import { safeNext } from './redirects';

type Args = { request: Request; context: AppLoadContext };
type Role = Viewer['user']['role'];

/** Where a user holding an operator's temporary password must go first (every other page sends them there). */
export const PASSWORD_REQUIRED_PATH = '/settings/password-required';

/** The signed-in viewer, whatever their password state: only the set-a-new-password page uses it directly. */
export async function requireSignedIn({ request, context }: Args): Promise<Viewer> {
  const viewer = await context.auth.viewer();
  if (viewer) return viewer;
  const url = new URL(request.url);
  throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
}

export async function requireViewer(args: Args): Promise<Viewer> {
  const viewer = await requireSignedIn(args);
  if (viewer.user.mustChangePassword) throw redirect(PASSWORD_REQUIRED_PATH);
  return viewer;
}

export async function requireRoleViewer(args: Args, ...roles: Role[]): Promise<Viewer> {
  const viewer = await requireViewer(args);
  if (!roles.includes(viewer.user.role)) throw new Response('Forbidden', { status: 403 });
  // No escalation: an impersonation session never opens the operator console, whatever the target's role.
  if (viewer.impersonatorId && (viewer.user.role === 'admin' || viewer.user.role === 'demo'))
    throw new Response('Not while impersonating', { status: 403 });
  return viewer;
}

/** Role check first (redirect or 403), then the explicit permission the worker's guard demands. */
export async function requireAdminPermission(args: Args, permission: Permission): Promise<Viewer> {
  await requireRoleViewer(args, 'admin', 'owner', 'demo');
  const { context } = args;
  try {
    return await requirePermission(context.auth, context.services.auth.permissionsOf, permission);
  } catch (err) {
    if (isAppError(err) && (err.code === 'FORBIDDEN' || err.code === 'UNAUTHENTICATED')) throw new Response('Forbidden', { status: 403 });
    throw err;
  }
}

/** Signup and login pages are for signed-out visitors; everyone else goes where they were headed. */
export async function redirectIfSignedIn({ request, context }: Args): Promise<void> {
  const viewer = await context.auth.viewer();
  if (viewer) throw redirect(safeNext(new URL(request.url).searchParams.get('next')));
}

export const sessionCookieHeader = (context: AppLoadContext, token: string) =>
  serializeSessionCookie(token, cookieSettingsFor(context.services.env.APP_ENV));

export const clearedCookieHeader = (context: AppLoadContext) => clearSessionCookie(cookieSettingsFor(context.services.env.APP_ENV));

export const requestMeta = (request: Request, context: AppLoadContext): RequestMeta => ({
  ip: context.clientIp,
  userAgent: request.headers.get('user-agent'),
});
