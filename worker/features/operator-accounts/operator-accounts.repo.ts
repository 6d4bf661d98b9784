import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { passwordResetTokens, sessions, users } from '../../db/schema';

export interface AccountTarget {
  id: string;
  role: 'athlete' | 'coach' | 'admin' | 'owner' | 'demo';
  blockedAt: Date | null;
  blockedReason: string | null;
  mustChangePassword: boolean;
}

// Every change here bumps auth_version too, so a session minted before it cannot outlive it unnoticed.
const bump = { authVersion: sql`${users.authVersion} + 1`, updatedAt: sql`now()` };

export function createOperatorAccountsRepo(db: Executor) {
  return {
    /** The target row, locked for the rest of the transaction so two operators' actions queue up. */
    async lockTarget(userId: string): Promise<AccountTarget | null> {
      const [row] = await db
        .select({
          id: users.id,
          role: users.role,
          blockedAt: users.blockedAt,
          blockedReason: users.blockedReason,
          mustChangePassword: users.mustChangePassword,
        })
        .from(users)
        .where(eq(users.id, userId))
        .for('update');
      return row ?? null;
    },

    async setBlocked(userId: string, blockedAt: Date | null, blockedReason: string | null): Promise<void> {
      await db
        .update(users)
        .set({ blockedAt, blockedReason, ...bump })
        .where(eq(users.id, userId));
    },

    async setTemporaryPassword(userId: string, passwordHash: string): Promise<void> {
      await db
        .update(users)
        .set({ passwordHash, mustChangePassword: true, ...bump })
        .where(eq(users.id, userId));
    },

    /** The user's sessions and any impersonation sessions they hold as an operator; returns how many. */
    async deleteAllSessions(userId: string): Promise<number> {
      const rows = await db
        .delete(sessions)
        .where(or(eq(sessions.userId, userId), eq(sessions.impersonatorId, userId)))
        .returning({ id: sessions.id });
      return rows.length;
    },

    /** Reset links already mailed stop working (after a block, or once a temporary password replaces the flow). */
    async invalidateResetTokens(userId: string, now: Date): Promise<void> {
      await db
        .update(passwordResetTokens)
        .set({ usedAt: now })
        .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
    },
  };
}
