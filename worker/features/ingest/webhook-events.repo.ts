import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { webhookEvents } from '../../db/schema';

// Provider webhook deliveries, stored once by their dedupe key and processed off the request path.

/** The new row's id; null when this delivery was already stored. */
export async function insert(db: Executor, provider: string, dedupeKey: string, payload: Record<string, unknown>): Promise<string | null> {
  const rows = await db
    .insert(webhookEvents)
    .values({ provider, dedupeKey, payload })
    .onConflictDoNothing()
    .returning({ id: webhookEvents.id });
  return rows[0]?.id ?? null;
}

export async function find(db: Executor, id: string) {
  const [row] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, id));
  return row ?? null;
}

export async function markProcessed(db: Executor, id: string, outcome: string): Promise<void> {
  await db.update(webhookEvents).set({ processedAt: sql`now()`, outcome }).where(eq(webhookEvents.id, id));
}
