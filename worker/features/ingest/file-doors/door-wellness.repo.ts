// SQL for a live door's wellness consent and its last poll (door_wellness, ADR 072).
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { doorWellness, providerConnections } from '../../../db/schema';
import type { FileProviderName } from '../../../providers/file-provider/file-provider';

export interface DoorWellnessRow {
  enabledAt: Date | null;
  lastPollAt: Date | null;
  lastPollRecords: number | null;
}

export async function find(db: Executor, userId: string, provider: FileProviderName): Promise<DoorWellnessRow | null> {
  const [r] = await db
    .select({ enabledAt: doorWellness.enabledAt, lastPollAt: doorWellness.lastPollAt, lastPollRecords: doorWellness.lastPollRecords })
    .from(doorWellness)
    .where(and(eq(doorWellness.userId, userId), eq(doorWellness.provider, provider)));
  return r ?? null;
}

/** On (since `at`, kept when already on) or off. Returns whether it was off before. */
export async function setEnabled(db: Executor, userId: string, provider: FileProviderName, at: Date | null): Promise<boolean> {
  const before = await find(db, userId, provider);
  await db
    .insert(doorWellness)
    .values({ userId, provider, enabledAt: at, updatedAt: sql`now()` })
    .onConflictDoUpdate({
      target: [doorWellness.userId, doorWellness.provider],
      set: { enabledAt: at === null ? null : sql`coalesce(${doorWellness.enabledAt}, excluded.enabled_at)`, updatedAt: sql`now()` },
    });
  return !before?.enabledAt;
}

export async function markPolled(db: Executor, userId: string, provider: FileProviderName, at: Date, records: number): Promise<void> {
  await db
    .update(doorWellness)
    .set({ lastPollAt: at, lastPollRecords: records, updatedAt: sql`now()` })
    .where(and(eq(doorWellness.userId, userId), eq(doorWellness.provider, provider)));
}

/** Athletes with the consent on and a live connection to the door (one that does not need them again). */
export async function due(db: Executor, provider: FileProviderName): Promise<{ userId: string; connectionId: string }[]> {
  return db
    .select({ userId: doorWellness.userId, connectionId: providerConnections.id })
    .from(doorWellness)
    .innerJoin(
      providerConnections,
      // provider_connections.provider is an enum, door_wellness.provider text: compared as text.
      and(eq(providerConnections.userId, doorWellness.userId), sql`${providerConnections.provider}::text = ${doorWellness.provider}`),
    )
    .where(and(eq(doorWellness.provider, provider), isNotNull(doorWellness.enabledAt), isNull(providerConnections.reconnectNeededAt)));
}
