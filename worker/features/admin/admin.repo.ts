import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { permissions, users } from '../../db/schema';

type Role = 'athlete' | 'coach' | 'admin' | 'owner' | 'demo';

export function createAdminRepo(db: Executor) {
  // Any privilege change bumps auth_version, which rotates the user's session ids on their next request.
  const bump = { authVersion: sql`${users.authVersion} + 1`, updatedAt: sql`now()` };
  return {
    async findUserRole(userId: string): Promise<Role | null> {
      const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId)).limit(1);
      return row?.role ?? null;
    },
    async setRole(userId: string, role: Role): Promise<void> {
      await db
        .update(users)
        .set({ role, ...bump })
        .where(eq(users.id, userId));
    },
    async grant(userId: string, permission: string, grantedBy: string): Promise<boolean> {
      const rows = await db
        .insert(permissions)
        .values({ userId, permission, grantedBy })
        .onConflictDoNothing()
        .returning({ p: permissions.permission });
      if (rows.length) await db.update(users).set(bump).where(eq(users.id, userId));
      return rows.length > 0;
    },
    async revoke(userId: string, permission: string): Promise<boolean> {
      const rows = await db
        .delete(permissions)
        .where(and(eq(permissions.userId, userId), eq(permissions.permission, permission)))
        .returning({ p: permissions.permission });
      if (rows.length) await db.update(users).set(bump).where(eq(users.id, userId));
      return rows.length > 0;
    },
  };
}
