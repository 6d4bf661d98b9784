import { and, desc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { permissions, sessions, users } from '../../db/schema';

type Role = 'athlete' | 'coach' | 'admin' | 'owner' | 'demo';

export interface UserSearch {
  q?: string;
  /** Match `q` against emails and names too; otherwise only ids (a masked viewer sees nothing else). */
  personalData: boolean;
  role?: Role;
  /** Keyset: the last row of the previous page (newest first). */
  after?: { createdAt: string; id: string };
  limit: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// ILIKE wildcards typed by the operator are literal characters.
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
// Spelled out with the outer table's name: in a single-table select drizzle leaves `users.id` unqualified,
// and inside the subquery a bare "id" would be the session's own id (so nothing ever matched).
const lastSeen = sql<Date | null>`(select max(s.last_seen_at) from ${sessions} s where s.user_id = ${users}.id)`.mapWith(
  sessions.lastSeenAt,
);

/** Operators' reads of accounts for support: search, one account's facts, its sessions. */
export function createAuthSupportRepo(db: Executor) {
  return {
    /**
     * A plain ILIKE over users (no trigram index yet): fine at our size; an exact uuid matches the id only,
     * a partial one matches ids starting with it. Emails and names only when `personalData`.
     */
    async searchUsers(s: UserSearch) {
      const where: SQL[] = [];
      const q = s.q?.trim();
      if (q && UUID.test(q)) where.push(eq(users.id, q.toLowerCase()));
      else if (q) {
        const like = `%${escapeLike(q)}%`;
        const byId = sql`${users.id}::text ilike ${`${escapeLike(q)}%`}`;
        const cond = s.personalData ? or(sql`${users.email} ilike ${like}`, sql`${users.displayName} ilike ${like}`, byId) : byId;
        if (cond) where.push(cond);
      }
      if (s.role) where.push(eq(users.role, s.role));
      if (s.after) {
        // Microsecond text from the row itself: a millisecond Date would skip rows created within that millisecond.
        where.push(sql`(${users.createdAt}, ${users.id}) < (${s.after.createdAt}::timestamptz, ${s.after.id}::uuid)`);
      }
      return db
        .select({
          id: users.id,
          email: users.email,
          displayName: users.displayName,
          role: users.role,
          createdAt: users.createdAt,
          blockedAt: users.blockedAt,
          lastSeenAt: lastSeen,
          cursor: sql<string>`to_char(${users.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
        })
        .from(users)
        .where(and(...where))
        .orderBy(desc(users.createdAt), desc(users.id))
        .limit(s.limit);
    },

    async account(userId: string) {
      const [row] = await db
        .select({
          id: users.id,
          email: users.email,
          displayName: users.displayName,
          role: users.role,
          units: users.units,
          timeZone: users.timeZone,
          birthDate: users.birthDate,
          blockedAt: users.blockedAt,
          blockedReason: users.blockedReason,
          mustChangePassword: users.mustChangePassword,
          createdAt: users.createdAt,
          lastSeenAt: lastSeen,
        })
        .from(users)
        .where(eq(users.id, userId))
        .limit(1);
      return row ?? null;
    },

    async permissionsOf(userId: string) {
      return db
        .select({ permission: permissions.permission, grantedAt: permissions.grantedAt })
        .from(permissions)
        .where(eq(permissions.userId, userId))
        .orderBy(permissions.permission);
    },

    /** Live sessions, impersonation ones included (the athlete's own list hides nothing either). */
    async sessionsOf(userId: string, now: Date, limit = 20) {
      return db
        .select({
          id: sessions.id,
          userAgent: sessions.userAgent,
          createdAt: sessions.createdAt,
          lastSeenAt: sessions.lastSeenAt,
          expiresAt: sessions.expiresAt,
          impersonatorId: sessions.impersonatorId,
        })
        .from(sessions)
        .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
        .orderBy(desc(sessions.lastSeenAt))
        .limit(limit);
    },
  };
}

export type AuthSupportRepo = ReturnType<typeof createAuthSupportRepo>;
