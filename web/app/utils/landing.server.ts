import type { AppLoadContext } from '@remix-run/cloudflare';
import type { Viewer } from '../../../worker/context';

/**
 * Where a signed-in user starts: coaches on the business console (which offers to create or join an org
 * when they have none), and the platform owner there too when they run an org; everyone else on Home.
 * A coach who also trains reaches their own Home from the navigation (OWN_HOME).
 */
export async function landingFor(context: AppLoadContext, user: Pick<Viewer['user'], 'id' | 'role'>): Promise<'/coach' | '/home'> {
  if (user.role === 'coach') return '/coach';
  if (user.role === 'owner' && (await context.services.coach.membership({ id: user.id, role: user.role }))) return '/coach';
  return '/home';
}

/** A bare `/home` (after sign-in, a bookmark, the logo) is a landing; `?own` or a provider's return is the coach's own Home. */
export const meantOwnHome = (url: URL): boolean => url.searchParams.has('own') || url.searchParams.has('connected');
