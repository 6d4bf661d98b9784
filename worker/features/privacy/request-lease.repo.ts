// The lease on a privacy request (ADR 089), one mechanism for exports and deletions: a run takes the request while
// no other run holds it, renews the lease from its heartbeat, and a killed run's lease lapses for the minute sweep.
import { and, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { privacyRequests } from '../../db/schema';

export type PrivacyRequestRow = typeof privacyRequests.$inferSelect;

export function requestLease(db: Executor) {
  return {
    /** Takes request `id` under a lease until `leaseUntil` when `open` holds and no other run holds it. */
    async claim(id: string, now: Date, leaseUntil: Date, open: SQL): Promise<PrivacyRequestRow | null> {
      const [row] = await db
        .update(privacyRequests)
        .set({ status: 'running', startedAt: sql`coalesce(${privacyRequests.startedAt}, ${now})`, leaseUntil, updatedAt: now })
        .where(and(eq(privacyRequests.id, id), open, sql`coalesce(${privacyRequests.leaseUntil}, '-infinity') < ${now}`))
        .returning();
      return row ?? null;
    },

    /** The run's heartbeat: false once the request is no longer running under a lease (released, finished). */
    async renewLease(id: string, leaseUntil: Date): Promise<boolean> {
      const rows = await db
        .update(privacyRequests)
        .set({ leaseUntil })
        .where(and(eq(privacyRequests.id, id), eq(privacyRequests.status, 'running'), isNotNull(privacyRequests.leaseUntil)))
        .returning({ id: privacyRequests.id });
      return rows.length > 0;
    },
  };
}
