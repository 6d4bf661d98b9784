import { redirect, type ActionFunctionArgs } from '@remix-run/cloudflare';
import { clearedCookieHeader } from '~/utils/auth.server';
import { endImpersonation } from '~/utils/impersonation.server';

// Logging out changes state, so it is POST only; a GET (a typed URL, a prefetch) just goes home.
export const loader = () => redirect('/');

export async function action({ context }: ActionFunctionArgs) {
  // While impersonating, logging out ends only the impersonation: the owner is back in their own session.
  const viewer = await context.auth.viewer();
  if (viewer?.impersonationExpiresAt) return endImpersonation(context, viewer, 'logout');
  if (context.auth.token) await context.services.sessions.revokeToken(context.auth.token);
  return redirect('/', { headers: { 'Set-Cookie': clearedCookieHeader(context) } });
}
