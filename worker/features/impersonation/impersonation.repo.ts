import { and, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { sessions, users } from '../../db/schema';
import { userColumns, type UserRow } from '../auth';

export interface ImpersonationRow {
  id: string;
  impersonatorId: string;
  /** The target's auth version when it started: a privilege change of the target ends it. */
  authVersion: number;
  expiresAt: Date;
}

// Impersonation sessions are rows of `sessions` (user_id = target, impersonator_id = owner); their
// token hash also binds them to the owner's own session (see impersonation.service.ts).
export function createImpersonationRepo(db: Executor) {
  return {
    async findUser(id: string): Promise<UserRow | null> {
      const [row] = await db.select(userColumns).from(users).where(eq(users.id, id)).limit(1);
      return row ?? null;
    },

    async insert(input: {
      tokenHash: string;
      userId: string;
      authVersion: number;
      impersonatorId: string;
      expiresAt: Date;
      userAgent: string | null;
    }) {
      const [row] = await db
        .insert(sessions)
        .values({ ...input, lastSeenAt: new Date() })
        .returning({ id: sessions.id });
      if (!row) throw new Error('impersonation insert returned nothing');
      return row;
    },

    /** Expired rows are found too, so their end can be recorded; only impersonation rows match. */
    async findByHash(tokenHash: string): Promise<{ session: ImpersonationRow; user: UserRow } | null> {
      const [row] = await db
        .select({
          session: {
            id: sessions.id,
            impersonatorId: sessions.impersonatorId,
            authVersion: sessions.authVersion,
            expiresAt: sessions.expiresAt,
          },
          user: userColumns,
        })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, tokenHash), isNotNull(sessions.impersonatorId)))
        .limit(1);
      if (!row?.session.impersonatorId) return null;
      return { session: { ...row.session, impersonatorId: row.session.impersonatorId }, user: row.user };
    },

    /** Deletes one impersonation session of this impersonator; the returned row says it was still there. */
    async delete(id: string, impersonatorId: string): Promise<{ id: string; userId: string } | null> {
      const [row] = await db
        .delete(sessions)
        .where(and(eq(sessions.id, id), eq(sessions.impersonatorId, impersonatorId)))
        .returning({ id: sessions.id, userId: sessions.userId });
      return row ?? null;
    },
  };
}
