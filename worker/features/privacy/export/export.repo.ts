// SQL of the export: its privacy_requests rows, and one person's rows of any table of the data map, read in
// keyset pages (the table's primary key), so a ten-year history streams instead of loading.
import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../../db/executor';
import {
  activities,
  activityMetrics,
  activityNotes,
  coachConversations,
  coachMessages,
  importJobs,
  plannedWorkouts,
  plans,
  privacyRequests,
} from '../../../db/schema';
import type { PersonalTable } from '../data-map';
import { ownedBy } from '../data-map.repo';
import { type PrivacyRequestRow, requestLease } from '../request-lease.repo';

export type { PrivacyRequestRow };

type Row = Record<string, unknown>;
/** A keyset position: the last row's primary-key values, JSON-safe. */
export type Cursor = (string | number | boolean | null)[];

/** The primary-key columns of a table, in order (a single `primaryKey()` column or a composite key). */
export function primaryKeyOf(table: PgTable): PgColumn[] {
  const config = getTableConfig(table);
  const single = config.columns.filter((c) => c.primary);
  if (single.length) return single;
  const composite = config.primaryKeys[0]?.columns;
  if (composite?.length) return composite;
  throw new Error(`${config.name} has no primary key to page by`);
}

const jsonSafe = (v: unknown): string | number | boolean | null =>
  v instanceof Date ? v.toISOString() : v === undefined ? null : (v as string | number | boolean | null);

const ONE_MONTH_MS = 30 * 24 * 60 * 60 * 1000;

export function createExportRepo(db: Executor) {
  const lease = requestLease(db);
  return {
    /** A new export request, or null when one is already open (the partial unique index: one at a time). */
    async insertRequest(userId: string, now: Date): Promise<PrivacyRequestRow | null> {
      const [row] = await db
        .insert(privacyRequests)
        .values({ kind: 'export', userId, dueAt: new Date(now.getTime() + ONE_MONTH_MS), runAfter: now })
        .onConflictDoNothing()
        .returning();
      return row ?? null;
    },

    async openRequest(userId: string): Promise<PrivacyRequestRow | null> {
      const [row] = await db
        .select()
        .from(privacyRequests)
        .where(
          and(
            eq(privacyRequests.userId, userId),
            eq(privacyRequests.kind, 'export'),
            inArray(privacyRequests.status, ['queued', 'running']),
          ),
        )
        .limit(1);
      return row ?? null;
    },

    async list(userId: string, limit: number): Promise<PrivacyRequestRow[]> {
      return db
        .select()
        .from(privacyRequests)
        .where(and(eq(privacyRequests.userId, userId), eq(privacyRequests.kind, 'export')))
        .orderBy(desc(privacyRequests.requestedAt))
        .limit(limit);
    },

    /** The person's own export request; another person's is not there. */
    async find(userId: string, id: string): Promise<PrivacyRequestRow | null> {
      const [row] = await db
        .select()
        .from(privacyRequests)
        .where(and(eq(privacyRequests.id, id), eq(privacyRequests.userId, userId), eq(privacyRequests.kind, 'export')));
      return row ?? null;
    },

    /**
     * Takes the request for one slice of work: queued or running, and not held by another consumer (a lease in
     * lease_until, renewed by the slice's heartbeat, so a redelivered message does not write the same archive twice
     * at once; a killed worker's lease lapses and the minute sweep queues the request again, ADR 089).
     */
    claim: (id: string, now: Date, leaseUntil: Date) =>
      lease.claim(id, now, leaseUntil, and(eq(privacyRequests.kind, 'export'), inArray(privacyRequests.status, ['queued', 'running']))!),

    /** The slice's heartbeat: only while it holds the lease (a checkpoint or the finish released it). */
    renewLease: lease.renewLease,

    /**
     * The minute sweep's half (ADR 089): exports whose worker died — running with a lapsed lease — or whose
     * message was lost (queued, or between slices, and quiet since `quietBefore`). Marked touched and answered,
     * to be queued again; the claim's lease keeps a second delivery from writing at the same time.
     */
    async lapsed(now: Date, quietBefore: Date): Promise<string[]> {
      const rows = await db
        .update(privacyRequests)
        .set({ leaseUntil: null, updatedAt: now })
        .where(
          and(
            eq(privacyRequests.kind, 'export'),
            inArray(privacyRequests.status, ['queued', 'running']),
            sql`(${privacyRequests.leaseUntil} < ${now} or (${privacyRequests.leaseUntil} is null and ${privacyRequests.updatedAt} < ${quietBefore}))`,
          ),
        )
        .returning({ id: privacyRequests.id });
      return rows.map((r) => r.id);
    },

    async status(id: string): Promise<string | null> {
      const [row] = await db.select({ status: privacyRequests.status }).from(privacyRequests).where(eq(privacyRequests.id, id));
      return row?.status ?? null;
    },

    async releaseLease(id: string, now: Date): Promise<void> {
      await db.update(privacyRequests).set({ leaseUntil: null, updatedAt: now }).where(eq(privacyRequests.id, id));
    },

    /** A checkpoint: the progress saved and the lease released, so the next slice's delivery may claim. */
    async saveProgress(id: string, progress: Record<string, unknown>, now: Date): Promise<void> {
      await db.update(privacyRequests).set({ progress, leaseUntil: null, updatedAt: now }).where(eq(privacyRequests.id, id));
    },

    async markReady(id: string, input: { progress: Record<string, unknown>; result: Record<string, unknown>; now: Date; expiresAt: Date }) {
      await db
        .update(privacyRequests)
        .set({
          status: 'ready',
          leaseUntil: null,
          progress: input.progress,
          result: input.result,
          completedAt: input.now,
          expiresAt: input.expiresAt,
          updatedAt: input.now,
        })
        .where(and(eq(privacyRequests.id, id), eq(privacyRequests.status, 'running')));
    },

    async markFailed(id: string, error: string, now: Date): Promise<void> {
      await db
        .update(privacyRequests)
        .set({ status: 'failed', error, completedAt: now, leaseUntil: null, updatedAt: now })
        .where(and(eq(privacyRequests.id, id), inArray(privacyRequests.status, ['queued', 'running'])));
    },

    /** One page of the person's rows of a data-map table, after `cursor`, keyed by SQL column names. */
    async page(
      entry: PersonalTable,
      userId: string,
      cursor: Cursor | null,
      limit: number,
    ): Promise<{ rows: Row[]; cursor: Cursor | null }> {
      const table = entry.table;
      const pk = primaryKeyOf(table);
      const after: SQL | undefined = cursor
        ? sql`(${sql.join(pk, sql`, `)}) > (${sql.join(
            cursor.map((v) => sql`${v}`),
            sql`, `,
          )})`
        : undefined;
      const columns = Object.entries(getTableColumns(table)) as [string, PgColumn][];
      const omit = new Set((entry.export as { omit?: readonly PgColumn[] }).omit ?? []);
      const found = (await db
        .select()
        .from(table as PgTable)
        .where(and(ownedBy(entry, userId), after))
        .orderBy(...pk.map((c) => asc(c)))
        .limit(limit)) as Row[];
      const keys = pk.map((c) => columns.find(([, col]) => col.name === c.name)![0]);
      const last = found.at(-1);
      const rows = found.map((r) => {
        const out: Row = {};
        for (const [key, col] of columns) if (!omit.has(col)) out[col.name] = r[key] ?? null;
        return out;
      });
      return { rows, cursor: last ? keys.map((k) => jsonSafe(last[k])) : null };
    },

    /** Activities with the athlete's note and RPE and their load, for the spreadsheet view. */
    async activitySheet(userId: string, afterId: string | null, limit: number) {
      return db
        .select({
          id: activities.id,
          startTime: activities.startTime,
          localStartDate: activities.localStartDate,
          name: activities.name,
          sport: activities.sport,
          sportOriginal: activities.sportOriginal,
          source: activities.source,
          externalId: activities.externalId,
          movingTimeS: activities.movingTimeS,
          elapsedTimeS: activities.elapsedTimeS,
          distanceM: activities.distanceM,
          elevationGainM: activities.elevationGainM,
          avgHr: activities.avgHr,
          maxHr: activities.maxHr,
          avgPower: activities.avgPower,
          normalizedPower: activities.normalizedPower,
          avgCadence: activities.avgCadence,
          calories: activities.calories,
          duplicateOf: activities.duplicateOf,
          load: activityMetrics.load,
          loadMethod: activityMetrics.loadMethod,
          rpe: activityNotes.rpe,
          note: activityNotes.note,
        })
        .from(activities)
        .leftJoin(activityNotes, eq(activityNotes.activityId, activities.id))
        .leftJoin(activityMetrics, eq(activityMetrics.activityId, activities.id))
        .where(and(eq(activities.userId, userId), afterId ? sql`${activities.id} > ${afterId}` : undefined))
        .orderBy(asc(activities.id))
        .limit(limit);
    },

    async workoutSheet(userId: string, afterId: string | null, limit: number) {
      return db
        .select({
          id: plannedWorkouts.id,
          planId: plannedWorkouts.planId,
          planStatus: plans.status,
          date: plannedWorkouts.date,
          slot: plannedWorkouts.slot,
          week: plannedWorkouts.week,
          phase: plannedWorkouts.phase,
          sport: plannedWorkouts.sport,
          type: plannedWorkouts.type,
          title: plannedWorkouts.title,
          durationSec: plannedWorkouts.durationSec,
          distanceM: plannedWorkouts.distanceM,
          targetLoad: plannedWorkouts.targetLoad,
          skipped: plannedWorkouts.skipped,
          linkedActivityId: plannedWorkouts.linkedActivityId,
          description: plannedWorkouts.description,
          why: plannedWorkouts.why,
        })
        .from(plannedWorkouts)
        .innerJoin(plans, eq(plans.id, plannedWorkouts.planId))
        .where(and(eq(plannedWorkouts.userId, userId), afterId ? sql`${plannedWorkouts.id} > ${afterId}` : undefined))
        .orderBy(asc(plannedWorkouts.id))
        .limit(limit);
    },

    async coachMessageSheet(userId: string, afterId: string | null, limit: number) {
      return db
        .select({
          id: coachMessages.id,
          conversationId: coachMessages.conversationId,
          conversation: coachConversations.title,
          createdAt: coachMessages.createdAt,
          role: coachMessages.role,
          status: coachMessages.status,
          content: coachMessages.content,
        })
        .from(coachMessages)
        .innerJoin(coachConversations, eq(coachConversations.id, coachMessages.conversationId))
        .where(and(eq(coachMessages.userId, userId), afterId ? sql`${coachMessages.id} > ${afterId}` : undefined))
        .orderBy(asc(coachMessages.id))
        .limit(limit);
    },

    /** The names the athlete's uploads had, by import id (an original is archived under its own name). */
    async uploadNames(userId: string, importIds: string[]): Promise<Map<string, string>> {
      if (!importIds.length) return new Map();
      const rows = await db
        .select({ id: importJobs.id, filename: importJobs.filename })
        .from(importJobs)
        .where(and(eq(importJobs.userId, userId), inArray(importJobs.id, importIds)));
      return new Map(rows.map((r) => [r.id, r.filename]));
    },

    /** The athlete's plans after `afterId`, oldest id first. */
    async planIds(userId: string, afterId: string | null, limit: number): Promise<{ id: string; startDate: string }[]> {
      return db
        .select({ id: plans.id, startDate: plans.startDate })
        .from(plans)
        .where(and(eq(plans.userId, userId), afterId ? sql`${plans.id} > ${afterId}` : undefined))
        .orderBy(asc(plans.id))
        .limit(limit);
    },
  };
}

export type ExportRepo = ReturnType<typeof createExportRepo>;
