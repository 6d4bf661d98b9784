import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { smsMessages } from '../../../db/schema';

/**
 * An operator's retry of an SMS that failed for good: due now with fresh attempts, its error cleared.
 * Only from 'failed' (never a sent one), so a double press or a racing tick sends it once.
 */
export async function reopenFailedSms(db: Executor, id: string, now: Date): Promise<{ id: string; orgId: string | null } | null> {
  const [row] = await db
    .update(smsMessages)
    .set({ state: 'scheduled', dueAt: now, attempts: 0, errorCode: null, errorMessage: null, reason: 'operator_retry', updatedAt: now })
    .where(and(eq(smsMessages.id, id), eq(smsMessages.state, 'failed'), eq(smsMessages.direction, 'outbound')))
    .returning({ id: smsMessages.id, orgId: smsMessages.orgId });
  return row ?? null;
}
