import { and, eq, gt, isNull, lt, ne, sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import { loginThrottle, passwordResetTokens, permissions, sessions, users } from '../../db/schema';
import type { UserRow } from '../../db/schema/users';

export type { UserRow };

export const userColumns = {
  id: users.id,
  email: users.email,
  role: users.role,
  displayName: users.displayName,
  units: users.units,
  timeZone: users.timeZone,
  birthDate: users.birthDate,
  sex: users.sex,
  authVersion: users.authVersion,
  analyticsVersion: users.analyticsVersion,
  blockedAt: users.blockedAt,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
};

const sessionColumns = {
  id: sessions.id,
  userId: sessions.userId,
  authVersion: sessions.authVersion,
  lastSeenAt: sessions.lastSeenAt,
  expiresAt: sessions.expiresAt,
  userAgent: sessions.userAgent,
  createdAt: sessions.createdAt,
  impersonatorId: sessions.impersonatorId,
};

export interface SessionRow {
  id: string;
  userId: string;
  authVersion: number;
  lastSeenAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  createdAt: Date;
  /** Set when an operator acts as this user (issue 15/16: high-risk actions are refused then). */
  impersonatorId: string | null;
}

export function createAuthRepo(db: Executor | StatementExecutor) {
  return {
    async findUserByEmail(email: string): Promise<(UserRow & { passwordHash: string }) | null> {
      const [row] = await db
        .select({ ...userColumns, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
        .limit(1);
      return row ?? null;
    },

    async findUserById(id: string): Promise<(UserRow & { passwordHash: string }) | null> {
      const [row] = await db
        .select({ ...userColumns, passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.id, id))
        .limit(1);
      return row ?? null;
    },

    /** Returns null when the email is already taken (case-insensitively). */
    async insertUser(input: { email: string; passwordHash: string; displayName: string }): Promise<UserRow | null> {
      const [row] = await db.insert(users).values(input).onConflictDoNothing().returning(userColumns);
      return row ?? null;
    },

    async updatePasswordHash(userId: string, passwordHash: string): Promise<void> {
      await db.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
    },

    /** The user's own password in place of an operator's temporary one; the flag goes with it. */
    async replaceTemporaryPassword(userId: string, passwordHash: string): Promise<void> {
      await db.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` }).where(eq(users.id, userId));
    },

    async insertSession(input: {
      tokenHash: string;
      userId: string;
      authVersion: number;
      userAgent: string | null;
      expiresAt: Date;
      impersonatorId?: string | null;
    }): Promise<{ id: string }> {
      const [row] = await db.insert(sessions).values(input).returning({ id: sessions.id });
      if (!row) throw new Error('session insert returned nothing');
      return row;
    },

    /** The session and its user in one round trip; expired sessions are not found. */
    async findLiveSession(tokenHash: string, now: Date): Promise<{ session: SessionRow; user: UserRow } | null> {
      const [row] = await db
        .select({
          session: sessionColumns,
          user: userColumns,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
        .limit(1);
      return row ?? null;
    },

    async touchSession(id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
      await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id));
    },

    async deleteSessionByHash(tokenHash: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },

    async deleteSessionById(id: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.id, id));
    },

    /** Deletes one of the user's sessions; false when it is not theirs or does not exist. */
    async deleteUserSession(userId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(sessions)
        .where(and(eq(sessions.id, id), eq(sessions.userId, userId)))
        .returning({ id: sessions.id });
      return rows.length > 0;
    },

    async deleteUserSessions(userId: string, exceptId?: string): Promise<number> {
      const where = exceptId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptId)) : eq(sessions.userId, userId);
      const rows = await db.delete(sessions).where(where).returning({ id: sessions.id });
      return rows.length;
    },

    async listUserSessions(userId: string, now: Date): Promise<SessionRow[]> {
      return db
        .select(sessionColumns)
        .from(sessions)
        .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
        .orderBy(sql`${sessions.lastSeenAt} desc`);
    },

    async deleteExpiredSessions(now: Date): Promise<number> {
      const rows = await db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id });
      return rows.length;
    },

    async findThrottleLock(keys: string[], now: Date): Promise<Date | null> {
      const rows = await db
        .select({ lockedUntil: loginThrottle.lockedUntil })
        .from(loginThrottle)
        .where(and(sql`${loginThrottle.key} = any(${sql.param(keys)}::text[])`, gt(loginThrottle.lockedUntil, now)));
      const times = rows.map((r) => r.lockedUntil?.getTime() ?? 0);
      return times.length ? new Date(Math.max(...times)) : null;
    },

    /** Counts a failure; a key quiet for `decaySeconds` starts again from one. Returns the new count. */
    async recordFailure(key: string, decaySeconds: number): Promise<number> {
      const [row] = await db
        .insert(loginThrottle)
        .values({ key, failures: 1 })
        .onConflictDoUpdate({
          target: loginThrottle.key,
          set: {
            failures: sql`case when ${loginThrottle.lastFailureAt} < now() - make_interval(secs => ${decaySeconds}) then 1 else ${loginThrottle.failures} + 1 end`,
            lastFailureAt: sql`now()`,
          },
        })
        .returning({ failures: loginThrottle.failures });
      return row?.failures ?? 1;
    },

    async lockThrottle(key: string, until: Date): Promise<void> {
      await db.update(loginThrottle).set({ lockedUntil: until }).where(eq(loginThrottle.key, key));
    },

    async clearThrottle(key: string): Promise<void> {
      await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
    },

    async insertResetToken(input: { tokenHash: string; userId: string; expiresAt: Date }): Promise<void> {
      await db.insert(passwordResetTokens).values(input);
    },

    /** Marks the token used in the same statement that checks it, so it works exactly once. */
    async consumeResetToken(tokenHash: string, now: Date): Promise<string | null> {
      const [row] = await db
        .update(passwordResetTokens)
        .set({ usedAt: now })
        .where(
          and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)),
        )
        .returning({ userId: passwordResetTokens.userId });
      return row?.userId ?? null;
    },

    async invalidateResetTokens(userId: string, now: Date): Promise<void> {
      await db
        .update(passwordResetTokens)
        .set({ usedAt: now })
        .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
    },

    async listPermissions(userId: string): Promise<string[]> {
      const rows = await db.select({ permission: permissions.permission }).from(permissions).where(eq(permissions.userId, userId));
      return rows.map((r) => r.permission);
    },
  };
}

export type AuthRepo = ReturnType<typeof createAuthRepo>;
