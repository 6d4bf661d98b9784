import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { importJobs, ingestionState, ingestJobs } from '../../db/schema';
import { importedNothingWhere } from '../ingest';

// The writes behind Ops Pulse's ingestion buttons. Each is conditional on the state the row showed, so a
// button pressed twice (or after the sweep got there first) changes nothing the second time.

export function job(db: Executor, id: string) {
  return db
    .select({
      id: ingestJobs.id,
      userId: ingestJobs.userId,
      status: ingestJobs.status,
      attempts: ingestJobs.attempts,
      lastError: ingestJobs.lastError,
    })
    .from(ingestJobs)
    .where(eq(ingestJobs.id, id))
    .then((r) => r[0] ?? null);
}

/** Puts a stuck or failed job back on the queue with fresh attempts; false when it is not retryable. */
export async function requeueJob(db: Executor, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(ingestJobs)
    .set({ status: 'queued', attempts: 0, runAfter: null, startedAt: null, finishedAt: null, updatedAt: now })
    .where(and(eq(ingestJobs.id, id), inArray(ingestJobs.status, ['queued', 'running', 'deferred', 'error'])))
    .returning({ id: ingestJobs.id });
  return rows.length > 0;
}

/** The athlete's jobs waiting on the rate budget (not those parked by the brake: run_after is null). */
export async function releaseDeferred(db: Executor, userId: string, now: Date): Promise<string[]> {
  const rows = await db
    .update(ingestJobs)
    .set({ status: 'queued', runAfter: null, updatedAt: now })
    .where(and(eq(ingestJobs.userId, userId), eq(ingestJobs.status, 'deferred'), isNotNull(ingestJobs.runAfter)))
    .returning({ id: ingestJobs.id });
  return rows.map((r) => r.id);
}

export async function markQueued(db: Executor, userId: string, source: string): Promise<void> {
  await db
    .update(ingestionState)
    .set({ status: 'queued', resumeAt: null, updatedAt: sql`now()` })
    .where(and(eq(ingestionState.userId, userId), eq(ingestionState.source, source), eq(ingestionState.status, 'deferred')));
}

export function deferredState(db: Executor, userId: string) {
  return db
    .select({ source: ingestionState.source, resumeAt: ingestionState.resumeAt })
    .from(ingestionState)
    .where(and(eq(ingestionState.userId, userId), eq(ingestionState.status, 'deferred')));
}

export function importRow(db: Executor, id: string) {
  return db
    .select({
      id: importJobs.id,
      userId: importJobs.userId,
      status: importJobs.status,
      error: importJobs.error,
      skipped: importJobs.skipped,
      imported: importJobs.imported,
      duplicates: importJobs.duplicates,
    })
    .from(importJobs)
    .where(eq(importJobs.id, id))
    .then((r) => r[0] ?? null);
}

/** A failed import, or one that brought nothing in, runs again from the stored upload (the upsert makes a rerun converge). */
export async function requeueImport(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .update(importJobs)
    .set({ status: 'queued', error: null, attempts: 0, startedAt: null, finishedAt: null })
    .where(and(eq(importJobs.id, id), or(eq(importJobs.status, 'error'), importedNothingWhere())))
    .returning({ id: importJobs.id });
  return rows.length > 0;
}
