import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import { passwordResetTokens, permissions, users } from '../../db/schema';
import type { UserRow } from '../../db/schema/users';

export type { UserRow };

export const userColumns = {
  id: users.id,
  email: users.email,
  role: users.role,
  displayName: users.displayName,
  units: users.units,
  timeZone: users.timeZone,
  timeZoneConfirmedAt: users.timeZoneConfirmedAt,
  birthDate: users.birthDate,
  sex: users.sex,
  authVersion: users.authVersion,
  analyticsVersion: users.analyticsVersion,
  blockedAt: users.blockedAt,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
};

export async function findUserByEmail(
  db: Executor | StatementExecutor,
  email: string,
): Promise<(UserRow & { passwordHash: string }) | null> {
  const [row] = await db
    .select({ ...userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    .limit(1);
  return row ?? null;
}

export async function findUserById(db: Executor | StatementExecutor, id: string): Promise<(UserRow & { passwordHash: string }) | null> {
  const [row] = await db
    .select({ ...userColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}

/** Returns null when the email is already taken (case-insensitively). */
export async function insertUser(
  db: Executor | StatementExecutor,
  input: { email: string; passwordHash: string; displayName: string; timeZone?: string; timeZoneConfirmedAt?: Date },
): Promise<UserRow | null> {
  const [row] = await db.insert(users).values(input).onConflictDoNothing().returning(userColumns);
  return row ?? null;
}

export async function updatePasswordHash(db: Executor | StatementExecutor, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

/** The user's own password in place of an operator's temporary one; the flag goes with it. */
export async function replaceTemporaryPassword(db: Executor | StatementExecutor, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

export async function insertResetToken(
  db: Executor | StatementExecutor,
  input: { tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await db.insert(passwordResetTokens).values(input);
}

/** Marks the token used in the same statement that checks it, so it works exactly once. */
export async function consumeResetToken(db: Executor | StatementExecutor, tokenHash: string, now: Date): Promise<string | null> {
  const [row] = await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
    .returning({ userId: passwordResetTokens.userId });
  return row?.userId ?? null;
}

export async function invalidateResetTokens(db: Executor | StatementExecutor, userId: string, now: Date): Promise<void> {
  await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

export async function listPermissions(db: Executor | StatementExecutor, userId: string): Promise<string[]> {
  const rows = await db.select({ permission: permissions.permission }).from(permissions).where(eq(permissions.userId, userId));
  return rows.map((r) => r.permission);
}
