import { and, eq, inArray, lt, or } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { ingestJobs } from '../../db/schema';
import type { JobStatus } from './ingest.repo';

// Operators' retries: an athlete's failed or stuck jobs, locked, then queued again from a clean slate.

export interface RetryableJob {
  id: string;
  kind: string;
  status: JobStatus;
  attempts: number;
  lastError: string | null;
}

const cols = {
  id: ingestJobs.id,
  kind: ingestJobs.kind,
  status: ingestJobs.status,
  attempts: ingestJobs.attempts,
  lastError: ingestJobs.lastError,
};

export async function lockJob(db: Executor, userId: string, jobId: string): Promise<RetryableJob | null> {
  const [row] = await db
    .select(cols)
    .from(ingestJobs)
    .where(and(eq(ingestJobs.id, jobId), eq(ingestJobs.userId, userId)))
    .for('update');
  return row ?? null;
}

/** Failed jobs, and jobs running or deferred past the stuck limits (their worker or message was lost). */
export function lockRetryable(db: Executor, userId: string, runningBefore: Date, deferredBefore: Date): Promise<RetryableJob[]> {
  return db
    .select(cols)
    .from(ingestJobs)
    .where(
      and(
        eq(ingestJobs.userId, userId),
        or(
          eq(ingestJobs.status, 'error'),
          and(eq(ingestJobs.status, 'running'), lt(ingestJobs.startedAt, runningBefore)),
          and(eq(ingestJobs.status, 'deferred'), lt(ingestJobs.runAfter, deferredBefore)),
        ),
      ),
    )
    .orderBy(ingestJobs.createdAt)
    .for('update');
}

/** Queued again with its attempts reset (or parked, while the brake is on: run_after null = released on resume). */
export async function requeue(db: Executor, ids: string[], paused: boolean, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(ingestJobs)
    .set({
      status: paused ? 'deferred' : 'queued',
      attempts: 0,
      runAfter: null,
      finishedAt: null,
      lastError: paused ? 'paused' : null,
      updatedAt: now,
    })
    .where(inArray(ingestJobs.id, ids));
}
