// SQL of the re-import: its privacy_requests rows, and the restored rows of the tables it restores, written
// under ids derived from the archive's (so a second re-import finds them and inserts nothing).
import { and, desc, eq, getTableColumns, inArray, lt, or, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../../db/executor';
import { activities, athleteThresholds, notificationPreferences, plans, privacyRequests, users } from '../../../db/schema';

export type ReimportRow = typeof privacyRequests.$inferSelect;
type Row = Record<string, unknown>;

const ONE_MONTH_MS = 30 * 24 * 60 * 60 * 1000;

/** An exported row (SQL column names, JSON values) as drizzle insert values: timestamps back to Dates. */
export function toValues(table: PgTable, row: Row): Row {
  const out: Row = {};
  for (const [key, col] of Object.entries(getTableColumns(table)) as [string, PgColumn][]) {
    if (!(col.name in row)) continue;
    const v = row[col.name];
    out[key] = v !== null && col.columnType === 'PgTimestamp' ? new Date(v as string) : v;
  }
  return out;
}

export function createReimportRepo(db: Executor) {
  return {
    async insertRequest(userId: string, objectKey: string, sizeBytes: number, now: Date): Promise<ReimportRow | null> {
      const [row] = await db
        .insert(privacyRequests)
        .values({
          kind: 'reimport',
          userId,
          dueAt: new Date(now.getTime() + ONE_MONTH_MS),
          runAfter: now,
          progress: { objectKey, sizeBytes },
        })
        .onConflictDoNothing()
        .returning();
      return row ?? null;
    },

    async list(userId: string, limit: number): Promise<ReimportRow[]> {
      return db
        .select()
        .from(privacyRequests)
        .where(and(eq(privacyRequests.userId, userId), eq(privacyRequests.kind, 'reimport')))
        .orderBy(desc(privacyRequests.requestedAt))
        .limit(limit);
    },

    /** Takes a queued re-import, or a running one whose consumer died (it is idempotent, so it runs again). */
    async claim(id: string, now: Date, staleBefore: Date): Promise<ReimportRow | null> {
      const [row] = await db
        .update(privacyRequests)
        .set({ status: 'running', startedAt: now, updatedAt: now })
        .where(
          and(
            eq(privacyRequests.id, id),
            eq(privacyRequests.kind, 'reimport'),
            or(
              eq(privacyRequests.status, 'queued'),
              and(eq(privacyRequests.status, 'running'), lt(privacyRequests.startedAt, staleBefore)),
            ),
          ),
        )
        .returning();
      return row ?? null;
    },

    async requeue(id: string, progress: Record<string, unknown>, now: Date): Promise<void> {
      await db.update(privacyRequests).set({ status: 'queued', progress, updatedAt: now }).where(eq(privacyRequests.id, id));
    },

    async finish(
      id: string,
      input: { status: 'done' | 'failed'; result: Record<string, unknown>; error?: string; now: Date },
    ): Promise<void> {
      await db
        .update(privacyRequests)
        .set({ status: input.status, result: input.result, error: input.error ?? null, completedAt: input.now, updatedAt: input.now })
        .where(eq(privacyRequests.id, id));
    },

    /** Rows into `table`, skipping any whose key is there already; the number inserted. */
    async insertMany(table: PgTable, rows: Row[]): Promise<number> {
      let inserted = 0;
      for (let i = 0; i < rows.length; i += 100) {
        const batch = rows.slice(i, i + 100).map((r) => toValues(table, r));
        if (!batch.length) continue;
        const out = await db
          .insert(table)
          .values(batch as never)
          .onConflictDoNothing()
          .returning({ one: sql<number>`1` });
        inserted += out.length;
      }
      return inserted;
    },

    async updateSettings(userId: string, row: Row): Promise<void> {
      const v = toValues(users, row) as Partial<typeof users.$inferInsert>;
      await db
        .update(users)
        .set({ displayName: v.displayName, units: v.units, timeZone: v.timeZone, birthDate: v.birthDate ?? null, sex: v.sex ?? null })
        .where(eq(users.id, userId));
    },

    async upsertPreferences(userId: string, row: Row): Promise<void> {
      const v = toValues(notificationPreferences, { ...row, user_id: userId }) as typeof notificationPreferences.$inferInsert;
      const { userId: _u, ...set } = v;
      await db.insert(notificationPreferences).values(v).onConflictDoUpdate({ target: notificationPreferences.userId, set });
    },

    /** Which of these (source, external id) pairs the account has, by pair → activity id. */
    async existingActivities(userId: string, keys: { source: string; externalId: string }[]): Promise<Map<string, string>> {
      if (!keys.length) return new Map();
      const rows = await db
        .select({ id: activities.id, source: activities.source, externalId: activities.externalId })
        .from(activities)
        .where(
          and(
            eq(activities.userId, userId),
            inArray(
              activities.externalId,
              keys.map((k) => k.externalId),
            ),
          ),
        );
      return new Map(rows.map((r) => [`${r.source}\u0000${r.externalId}`, r.id]));
    },

    async activityCount(userId: string): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(activities).where(eq(activities.userId, userId));
      return row?.n ?? 0;
    },

    async linkThresholds(userId: string, links: { id: string; activityId: string }[]): Promise<void> {
      for (const l of links)
        await db
          .update(athleteThresholds)
          .set({ activityId: l.activityId })
          .where(and(eq(athleteThresholds.id, l.id), eq(athleteThresholds.userId, userId), sql`${athleteThresholds.activityId} is null`));
    },

    async activePlanId(userId: string): Promise<string | null> {
      const [row] = await db
        .select({ id: plans.id })
        .from(plans)
        .where(and(eq(plans.userId, userId), eq(plans.status, 'active')));
      return row?.id ?? null;
    },
  };
}

export type ReimportRepo = ReturnType<typeof createReimportRepo>;
