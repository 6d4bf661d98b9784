import type { AuthState, Viewer } from '../context';
import type { Permission, Role } from '../features/auth';
import { AppError, ErrorCode } from '../lib/errors';

// Shared by Hono routes (c.var.auth) and Remix loaders (context.auth): one rule set for both. They
// live with the middleware that builds the auth state; roles and permissions stay auth's vocabulary.

export async function requireUser(auth: AuthState): Promise<Viewer> {
  const viewer = await auth.viewer();
  if (!viewer) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Log in to continue.');
  return viewer;
}

export async function requireRole(auth: AuthState, ...roles: Role[]): Promise<Viewer> {
  const viewer = await requireUser(auth);
  if (!roles.includes(viewer.user.role)) throw new AppError(ErrorCode.FORBIDDEN, 'You do not have access to this.');
  return viewer;
}

export async function requirePermission(
  auth: AuthState,
  permissionsOf: (userId: string) => Promise<string[]>,
  permission: Permission,
): Promise<Viewer> {
  const viewer = await requireRole(auth, 'admin', 'owner');
  if (viewer.user.role === 'owner') return viewer;
  const granted = await permissionsOf(viewer.user.id);
  if (!granted.includes(permission)) throw new AppError(ErrorCode.FORBIDDEN, `This needs the "${permission}" permission.`);
  return viewer;
}

/** High-risk actions are the user's own act: refused (403 IMPERSONATION_BLOCKED) while an operator impersonates them. */
export function refuseWhileImpersonating(viewer: Viewer, what: string): void {
  if (viewer.impersonatorId)
    throw new AppError(ErrorCode.IMPERSONATION_BLOCKED, `You cannot ${what} while impersonating: only the user can do that.`);
}

export const actorOf = (viewer: Viewer) => ({ id: viewer.user.id, role: viewer.user.role });
