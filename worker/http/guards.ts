import type { AuthState, Viewer } from '../context';
// The vocabulary leaf, not auth's index: every feature's routes load these guards (ADR 026).
import { DEMO_PERMISSIONS, type Permission, type Role } from '../lib/access-vocabulary';
import { AppError, ErrorCode } from '../lib/errors';

// Shared by Hono routes (c.var.auth) and Remix loaders (context.auth): one rule set for both. They
// live with the middleware that builds the auth state; roles and permissions are the access vocabulary.

export async function requireUser(auth: AuthState): Promise<Viewer> {
  const viewer = await auth.viewer();
  if (!viewer) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Log in to continue.');
  return viewer;
}

const CONSOLE_ROLES: readonly Role[] = ['admin', 'owner', 'demo'];

export async function requireRole(auth: AuthState, ...roles: Role[]): Promise<Viewer> {
  const viewer = await requireUser(auth);
  if (!roles.includes(viewer.user.role)) throw new AppError(ErrorCode.FORBIDDEN, 'You do not have access to this.');
  // No escalation: an impersonated admin (or demo) is let in by nothing but their console role: refused.
  // An impersonated coach still sees the coach console ('coach', 'owner' routes), as the coach would.
  if (CONSOLE_ROLES.includes(viewer.user.role)) refuseWhileImpersonating(viewer, 'use the operator console');
  return viewer;
}

export async function requirePermission(
  auth: AuthState,
  permissionsOf: (userId: string) => Promise<string[]>,
  permission: Permission,
): Promise<Viewer> {
  const viewer = await requireRole(auth, 'admin', 'owner', 'demo');
  if (await holds(viewer, permissionsOf, permission)) return viewer;
  throw new AppError(ErrorCode.FORBIDDEN, `This needs the "${permission}" permission.`);
}

/** Whether the viewer holds a permission (owners all, demo the read-only set, admins what was granted). */
export async function holds(
  viewer: Viewer,
  permissionsOf: (userId: string) => Promise<string[]>,
  permission: Permission,
): Promise<boolean> {
  const { role, id } = viewer.user;
  if (role === 'owner') return true;
  if (role === 'demo') return DEMO_PERMISSIONS.includes(permission);
  if (role !== 'admin') return false;
  return (await permissionsOf(id)).includes(permission);
}

/** High-risk actions are the user's own act: refused (403 IMPERSONATION_BLOCKED) while an operator impersonates them. */
export function refuseWhileImpersonating(who: { impersonatorId?: string | null }, what: string): void {
  if (who.impersonatorId)
    throw new AppError(ErrorCode.IMPERSONATION_BLOCKED, `You cannot ${what} while impersonating: only the user can do that.`);
}

/** The audit actor; it carries the impersonator so services can refuse high-risk acts on both paths (API and pages). */
export const actorOf = (viewer: Viewer) => ({ id: viewer.user.id, role: viewer.user.role, impersonatorId: viewer.impersonatorId });
