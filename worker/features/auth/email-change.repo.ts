import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { emailChanges, users } from '../../db/schema';

// Email changes (ADR 040): rows keyed by the hashes of their two links; the open one per account is the pending change.

export type EmailChangeRow = typeof emailChanges.$inferSelect;

const open = and(isNull(emailChanges.confirmedAt), isNull(emailChanges.cancelledAt));

export async function findOpen(db: Executor, userId: string): Promise<EmailChangeRow | null> {
  const [row] = await db
    .select()
    .from(emailChanges)
    .where(and(eq(emailChanges.userId, userId), open))
    .limit(1);
  return row ?? null;
}

export async function cancelOpen(db: Executor, userId: string, at: Date): Promise<number> {
  const rows = await db
    .update(emailChanges)
    .set({ cancelledAt: at })
    .where(and(eq(emailChanges.userId, userId), open))
    .returning({ id: emailChanges.id });
  return rows.length;
}

export async function insert(
  db: Executor,
  row: { userId: string; oldEmail: string; newEmail: string; confirmTokenHash: string; confirmExpiresAt: Date; lastSentAt: Date },
): Promise<EmailChangeRow> {
  const [inserted] = await db.insert(emailChanges).values(row).returning();
  return inserted!;
}

/** A new link for the open request: the old one stops working. */
export async function replaceConfirmToken(db: Executor, id: string, hash: string, expiresAt: Date, at: Date): Promise<void> {
  await db
    .update(emailChanges)
    .set({ confirmTokenHash: hash, confirmExpiresAt: expiresAt, lastSentAt: at, sends: sql`${emailChanges.sends} + 1` })
    .where(eq(emailChanges.id, id));
}

/** The row a confirmation link belongs to, locked until the transaction ends (two clicks settle one after the other). */
export async function lockByConfirmHash(db: Executor, hash: string): Promise<EmailChangeRow | null> {
  const [row] = await db.select().from(emailChanges).where(eq(emailChanges.confirmTokenHash, hash)).for('update').limit(1);
  return row ?? null;
}

export async function lockByUndoHash(db: Executor, hash: string): Promise<EmailChangeRow | null> {
  const [row] = await db.select().from(emailChanges).where(eq(emailChanges.undoTokenHash, hash)).for('update').limit(1);
  return row ?? null;
}

export async function markConfirmed(db: Executor, id: string, at: Date, undoTokenHash: string, undoExpiresAt: Date): Promise<void> {
  await db.update(emailChanges).set({ confirmedAt: at, undoTokenHash, undoExpiresAt }).where(eq(emailChanges.id, id));
}

export async function markUndone(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(emailChanges).set({ undoneAt: at }).where(eq(emailChanges.id, id));
}

/**
 * Moves the account from one address to the other, only if it still has `from`; false otherwise. Another
 * account taking `to` first fails here on users_email_lower_idx (the caller turns that into a 409).
 */
export async function switchEmail(db: Executor, userId: string, from: string, to: string): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ email: to, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), eq(sql`lower(${users.email})`, from.toLowerCase())))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** The row behind a link, read only (the pages say which address a link is about before the button). */
export async function findByHash(db: Executor, kind: 'confirm' | 'undo', hash: string): Promise<EmailChangeRow | null> {
  const column = kind === 'confirm' ? emailChanges.confirmTokenHash : emailChanges.undoTokenHash;
  const [row] = await db.select().from(emailChanges).where(eq(column, hash)).limit(1);
  return row ?? null;
}
