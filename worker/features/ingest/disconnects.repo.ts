import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { providerDisconnects } from '../../db/schema';

// Ended provider connections and what they took with them (the athlete's Data sources page reads the latest).

export type DisconnectReason = (typeof providerDisconnects.$inferInsert)['reason'];

export interface DisconnectRow {
  reason: DisconnectReason;
  removedActivities: number;
  keptActivities: number;
  createdAt: Date;
}

export async function record(
  db: Executor,
  input: { userId: string; provider: 'strava'; reason: DisconnectReason; removedActivities: number; keptActivities: number },
): Promise<void> {
  await db.insert(providerDisconnects).values(input);
}

/** The athlete's most recent disconnect of the provider, if any. */
export async function latest(db: Executor, userId: string, provider: 'strava'): Promise<DisconnectRow | null> {
  const [row] = await db
    .select({
      reason: providerDisconnects.reason,
      removedActivities: providerDisconnects.removedActivities,
      keptActivities: providerDisconnects.keptActivities,
      createdAt: providerDisconnects.createdAt,
    })
    .from(providerDisconnects)
    .where(and(eq(providerDisconnects.userId, userId), eq(providerDisconnects.provider, provider)))
    .orderBy(desc(providerDisconnects.createdAt))
    .limit(1);
  return row ?? null;
}
