import { and, asc, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { stripeEvents } from '../../db/schema';

export type StripeEventRow = typeof stripeEvents.$inferSelect;

export function createStripeEventsRepo(db: Executor) {
  return {
    /** Stores an event once per Stripe event id; undefined when it was already stored. */
    async insertOnce(e: { stripeEventId: string; type: string; created: Date; payload: unknown }): Promise<string | undefined> {
      const [row] = await db.insert(stripeEvents).values(e).onConflictDoNothing().returning({ id: stripeEvents.id });
      return row?.id;
    },

    async byStripeId(stripeEventId: string): Promise<Pick<StripeEventRow, 'id' | 'processedAt'> | undefined> {
      const [row] = await db
        .select({ id: stripeEvents.id, processedAt: stripeEvents.processedAt })
        .from(stripeEvents)
        .where(eq(stripeEvents.stripeEventId, stripeEventId));
      return row;
    },

    /** The event row, locked until the transaction ends: two consumers of one event run one after the other. */
    async lockForProcessing(id: string): Promise<StripeEventRow | undefined> {
      const [row] = await db.select().from(stripeEvents).where(eq(stripeEvents.id, id)).for('update');
      return row;
    },

    async countAttempt(id: string): Promise<void> {
      await db
        .update(stripeEvents)
        .set({ attempts: sql`${stripeEvents.attempts} + 1` })
        .where(eq(stripeEvents.id, id));
    },

    /** Events still waiting long after they arrived (their queue message was lost or dead-lettered). */
    async stale(before: Date, maxAttempts: number, limit: number): Promise<string[]> {
      const rows = await db
        .select({ id: stripeEvents.id })
        .from(stripeEvents)
        .where(and(isNull(stripeEvents.processedAt), lt(stripeEvents.receivedAt, before), lt(stripeEvents.attempts, maxAttempts)))
        .orderBy(asc(stripeEvents.receivedAt))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    async markProcessed(id: string, outcome: string): Promise<void> {
      await db
        .update(stripeEvents)
        .set({ processedAt: new Date(), outcome })
        .where(and(eq(stripeEvents.id, id), isNull(stripeEvents.processedAt)));
    },

    /** An operator's re-process: an unresolved (or still waiting) event is open again; null when it is not. */
    async reopen(id: string): Promise<{ outcome: string | null } | null> {
      const [before] = await db
        .select({ outcome: stripeEvents.outcome, processedAt: stripeEvents.processedAt })
        .from(stripeEvents)
        .where(eq(stripeEvents.id, id));
      if (!before || (before.processedAt && before.outcome !== 'unresolved')) return null;
      await db.update(stripeEvents).set({ processedAt: null, outcome: null }).where(eq(stripeEvents.id, id));
      return { outcome: before.outcome };
    },

    /** The newest events with their outcomes (operators; no payloads). */
    recent(limit: number) {
      return db
        .select({
          stripeEventId: stripeEvents.stripeEventId,
          type: stripeEvents.type,
          created: stripeEvents.created,
          receivedAt: stripeEvents.receivedAt,
          processedAt: stripeEvents.processedAt,
          outcome: stripeEvents.outcome,
          attempts: stripeEvents.attempts,
        })
        .from(stripeEvents)
        .orderBy(desc(stripeEvents.receivedAt))
        .limit(limit);
    },
  };
}
