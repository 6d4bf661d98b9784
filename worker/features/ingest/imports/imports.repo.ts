import { and, desc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { importJobs } from '../../../db/schema';
import type { ImportSummary } from '../../../db/schema/ingest';

/** The stored errors of an import that failed for a passing reason (a crash, a deploy): running it again can help. */
export const IMPORT_INTERRUPTED = 'The import was interrupted. Try uploading the file again.';
export const IMPORT_FAILED = 'The import failed. Try uploading the file again.';
export const TRANSIENT_IMPORT_ERRORS: readonly string[] = [IMPORT_INTERRUPTED, IMPORT_FAILED];

export type ImportRow = typeof importJobs.$inferSelect;
export type { ImportSummary };

/**
 * An import that finished yet brought nothing in: every entry skipped (a corrupt file, an archive of unreadable
 * ones). Not a success to anyone: operators see it beside the failed imports and may run it again.
 */
export const importedNothing = (r: Pick<ImportRow, 'status' | 'imported' | 'duplicates'>) =>
  r.status === 'done' && r.imported === 0 && r.duplicates === 0;
/** The same, as a condition on `import_jobs` (for the operators' reads). */
export const importedNothingWhere = () => and(eq(importJobs.status, 'done'), eq(importJobs.imported, 0), eq(importJobs.duplicates, 0));

export function createImportsRepo(db: Executor) {
  return {
    async insert(input: { userId: string; filename: string; objectKey: string; sizeBytes: number; id: string }): Promise<ImportRow> {
      const [row] = await db.insert(importJobs).values(input).returning();
      if (!row) throw new Error('import insert returned nothing');
      return row;
    },
    /** The same, once per id (a re-import's derived id): false when the row was there already. */
    async insertIfAbsent(input: { userId: string; filename: string; objectKey: string; sizeBytes: number; id: string }): Promise<boolean> {
      const rows = await db
        .insert(importJobs)
        .values(input)
        .onConflictDoNothing({ target: importJobs.id })
        .returning({ id: importJobs.id });
      return rows.length > 0;
    },
    /**
     * Takes the job under a lease until `leaseUntil`; null when it is done, or running under a live lease (a second
     * delivery of its message while the first runs). A running job whose lease lapsed (its worker was killed) is
     * taken again: the upserts make the rerun converge.
     */
    async claim(id: string, leaseUntil: Date): Promise<ImportRow | null> {
      const lapsed = and(eq(importJobs.status, 'running'), lt(importJobs.leaseUntil, sql`now()`));
      const [row] = await db
        .update(importJobs)
        .set({ status: 'running', startedAt: sql`now()`, attempts: sql`${importJobs.attempts} + 1`, leaseUntil })
        .where(and(eq(importJobs.id, id), or(inArray(importJobs.status, ['queued', 'error']), lapsed)))
        .returning();
      return row ?? null;
    },
    /** The heartbeat: false once the job is no longer running (finished, or re-queued by the sweep). */
    async renewLease(id: string, leaseUntil: Date): Promise<boolean> {
      const rows = await db
        .update(importJobs)
        .set({ leaseUntil })
        .where(and(eq(importJobs.id, id), eq(importJobs.status, 'running')))
        .returning({ id: importJobs.id });
      return rows.length > 0;
    },
    async finish(
      id: string,
      result: {
        status: 'done' | 'error';
        kind?: string | null;
        found: number;
        imported: number;
        duplicates: number;
        skipped: ImportRow['skipped'];
        warnings?: ImportRow['warnings'];
        summary?: ImportSummary;
        error?: string | null;
      },
    ) {
      await db
        .update(importJobs)
        .set({ ...result, error: result.error ?? null, finishedAt: sql`now()`, leaseUntil: null })
        .where(eq(importJobs.id, id));
    },
    /**
     * Jobs left 'running' by a consumer that died (a deploy, a crash, a killed worker): their lease lapsed, or,
     * without a lease (claimed before leases), started before `staleBefore`. Queued again while they have attempts
     * left (and not sent again by `lostQueued` before `sendAgainAfter`), else failed with a plain message.
     * Returns the re-queued ids.
     */
    async reclaimStale(staleBefore: Date, maxAttempts: number, sendAgainAfter: Date): Promise<string[]> {
      const stale = and(
        eq(importJobs.status, 'running'),
        or(lt(importJobs.leaseUntil, sql`now()`), and(isNull(importJobs.leaseUntil), lt(importJobs.startedAt, staleBefore))),
      );
      await db
        .update(importJobs)
        .set({ status: 'error', error: IMPORT_INTERRUPTED, finishedAt: sql`now()`, leaseUntil: null })
        .where(and(stale, gte(importJobs.attempts, maxAttempts)));
      const rows = await db
        .update(importJobs)
        .set({ status: 'queued', leaseUntil: sendAgainAfter })
        .where(stale)
        .returning({ id: importJobs.id });
      return rows.map((r) => r.id);
    },
    /**
     * Queued jobs untouched for `quietMs` (their message was lost: a local queue does not survive a restart), to be
     * sent again. A queued row's lease_until marks when the sweep may send it next, so a long backlog gets one
     * extra message per `quietMs`, not one per minute.
     */
    async lostQueued(quietMs: number): Promise<string[]> {
      const now = Date.now();
      const rows = await db
        .update(importJobs)
        .set({ leaseUntil: new Date(now + quietMs) })
        .where(
          and(
            eq(importJobs.status, 'queued'),
            or(
              lt(importJobs.leaseUntil, new Date(now)),
              and(
                isNull(importJobs.leaseUntil),
                lt(sql`coalesce(${importJobs.startedAt}, ${importJobs.createdAt})`, new Date(now - quietMs)),
              ),
            ),
          ),
        )
        .returning({ id: importJobs.id });
      return rows.map((r) => r.id);
    },
    /** An operator's retry: the job locked by owner (another athlete's job is not found). */
    async lockOwned(userId: string, id: string): Promise<ImportRow | null> {
      const [row] = await db
        .select()
        .from(importJobs)
        .where(and(eq(importJobs.userId, userId), eq(importJobs.id, id)))
        .for('update');
      return row ?? null;
    },
    /** Back to the queue from a clean slate: fresh attempts, no error, no finish time. */
    async resetForRetry(id: string): Promise<void> {
      await db
        .update(importJobs)
        .set({ status: 'queued', attempts: 0, error: null, finishedAt: null, leaseUntil: null })
        .where(eq(importJobs.id, id));
    },
    /**
     * Of the activities a file held (by source and external id), those first stored since `since` (the
     * upload): what this import brought, whichever attempt stored it, and nothing a concurrent import did.
     */
    async createdSince(userId: string, since: Date, keys: { source: string; externalId: string }[]): Promise<string[]> {
      if (keys.length === 0) return [];
      const rows = await db.execute(sql`
        select a.id from activities a
        join unnest(${sql.param(keys.map((k) => k.source))}::text[], ${sql.param(keys.map((k) => k.externalId))}::text[]) as k(source, external_id)
          on a.source::text = k.source and a.external_id = k.external_id
        where a.user_id = ${userId} and a.created_at >= ${since.toISOString()}`);
      return (rows.rows as { id: string }[]).map((r) => r.id);
    },
    async requeue(id: string): Promise<void> {
      await db.update(importJobs).set({ status: 'queued', leaseUntil: null }).where(eq(importJobs.id, id));
    },
    /** Scoped by owner: another athlete's job is simply not found. */
    async find(userId: string, id: string): Promise<ImportRow | null> {
      const [row] = await db
        .select()
        .from(importJobs)
        .where(and(eq(importJobs.userId, userId), eq(importJobs.id, id)));
      return row ?? null;
    },
    findById: (id: string) =>
      db
        .select()
        .from(importJobs)
        .where(eq(importJobs.id, id))
        .then((r) => r[0] ?? null),
    list: (userId: string, limit: number) =>
      db.select().from(importJobs).where(eq(importJobs.userId, userId)).orderBy(desc(importJobs.createdAt)).limit(limit),
  };
}
