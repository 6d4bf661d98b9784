import { and, eq, gt, ne, type SQL, sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import { sessions, users } from '../../db/schema';
import { userColumns, type UserRow } from './auth.repo';

// Session rows: only the token's hash is stored; the lookup may run on the HTTP driver (StatementExecutor).

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
  /** Set when an owner impersonates this user: high-risk actions are refused then (ADR 019). */
  impersonatorId: string | null;
}

export async function insertSession(
  db: Executor | StatementExecutor,
  input: {
    tokenHash: string;
    userId: string;
    authVersion: number;
    userAgent: string | null;
    expiresAt: Date;
    impersonatorId?: string | null;
  },
): Promise<{ id: string }> {
  const [row] = await db.insert(sessions).values(input).returning({ id: sessions.id });
  if (!row) throw new Error('session insert returned nothing');
  return row;
}

/**
 * The session and its user in one round trip; expired sessions are not found. `riders`: more columns the same
 * statement carries for the caller, each an expression of the session's user id; their values come back in
 * `riders`, in order (one JSON array column: however many there are, the statement's shape stays one).
 */
export async function findLiveSession(
  db: Executor | StatementExecutor,
  tokenHash: string,
  now: Date,
  riders: readonly ((userId: SQL) => SQL<unknown>)[] = [],
): Promise<{ session: SessionRow; user: UserRow; riders: unknown[] } | null> {
  const userId = sql`${users.id}`;
  const [row] = await db
    .select({
      session: sessionColumns,
      user: userColumns,
      riders: riders.length
        ? sql<unknown[]>`json_build_array(${sql.join(
            riders.map((r) => r(userId)),
            sql`, `,
          )})`
        : sql<null>`null`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)))
    .limit(1);
  return row ? { session: row.session, user: row.user, riders: Array.isArray(row.riders) ? row.riders : [] } : null;
}

export async function touchSession(db: Executor | StatementExecutor, id: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.id, id));
}

export async function deleteSessionByHash(db: Executor | StatementExecutor, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionById(db: Executor | StatementExecutor, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

/** Deletes one of the user's sessions; false when it is not theirs or does not exist. */
export async function deleteUserSession(db: Executor | StatementExecutor, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

export async function deleteUserSessions(db: Executor | StatementExecutor, userId: string, exceptId?: string): Promise<number> {
  const where = exceptId ? and(eq(sessions.userId, userId), ne(sessions.id, exceptId)) : eq(sessions.userId, userId);
  const rows = await db.delete(sessions).where(where).returning({ id: sessions.id });
  return rows.length;
}

export async function listUserSessions(db: Executor | StatementExecutor, userId: string, now: Date): Promise<SessionRow[]> {
  return db
    .select(sessionColumns)
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now)))
    .orderBy(sql`${sessions.lastSeenAt} desc`);
}
