import { and, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { ingestJobs, ingestionState, systemFlags } from '../../db/schema';

export type JobStatus = 'queued' | 'running' | 'deferred' | 'done' | 'error';
export type IngestionStatus = 'queued' | 'running' | 'deferred' | 'paused' | 'done' | 'error';

export interface JobRow {
  id: string;
  userId: string;
  kind: string;
  payload: Record<string, unknown>;
  status: JobStatus;
  attempts: number;
}

const jobColumns = {
  id: ingestJobs.id,
  userId: ingestJobs.userId,
  kind: ingestJobs.kind,
  payload: ingestJobs.payload,
  status: ingestJobs.status,
  attempts: ingestJobs.attempts,
};

// The job runner's tables: ingest jobs, each athlete's ingestion progress per source, and the system flags (the brake).

export const OPEN_STATUSES: JobStatus[] = ['queued', 'running', 'deferred'];

/** Creates jobs once per dedupe key; returns only the ids that are new (those need a queue message). */
export async function insertJobs(
  db: Executor,
  jobs: { userId: string; kind: string; payload: Record<string, unknown>; dedupeKey: string; status?: JobStatus }[],
): Promise<string[]> {
  if (jobs.length === 0) return [];
  const rows = await db
    .insert(ingestJobs)
    .values(jobs.map((j) => ({ ...j, status: j.status ?? 'queued' })))
    .onConflictDoNothing({ target: ingestJobs.dedupeKey })
    .returning({ id: ingestJobs.id });
  return rows.map((r) => r.id);
}

/** The least a retried delivery waits (the queue's retry delays start at 10 s): a claim younger than this is live. */
const REDELIVERY_MIN_MS = 10_000;

/**
 * Takes the job for this worker; null when it is done, running elsewhere, or gone. A job left `running` by this same
 * delivery (`deliveryId`: the queue message's id, kept across its retries) is taken again: its run ended without
 * being able to say so (the database went away under it, or it ran past its deadline).
 */
export async function claim(db: Executor, id: string, now: Date, deliveryId?: string): Promise<JobRow | null> {
  const open = inArray(ingestJobs.status, ['queued', 'deferred']);
  const ours = deliveryId
    ? and(
        eq(ingestJobs.status, 'running'),
        eq(ingestJobs.deliveryId, deliveryId),
        lt(ingestJobs.updatedAt, new Date(now.getTime() - REDELIVERY_MIN_MS)),
      )
    : undefined;
  const [row] = await db
    .update(ingestJobs)
    .set({ status: 'running', startedAt: now, attempts: sql`${ingestJobs.attempts} + 1`, updatedAt: now, deliveryId: deliveryId ?? null })
    .where(and(eq(ingestJobs.id, id), ours ? or(open, ours) : open))
    .returning(jobColumns);
  return row ?? null;
}

/**
 * A done job keeps the reason of its last deferral (ops can see what it waited for), and the activities
 * it was first to store (`created`, in its payload) until an "analysis ready" notice announces them.
 */
export async function finish(
  db: Executor,
  id: string,
  status: 'done' | 'error',
  now: Date,
  error?: string,
  created: string[] = [],
): Promise<void> {
  await db
    .update(ingestJobs)
    .set({
      status,
      finishedAt: now,
      updatedAt: now,
      ...(error ? { lastError: error } : {}),
      ...(created.length ? { payload: sql`${ingestJobs.payload} || ${JSON.stringify({ created })}::jsonb` } : {}),
    })
    .where(eq(ingestJobs.id, id));
}

/**
 * Claims the finished jobs of a source whose new activities were not announced yet, marking them announced
 * in the same statement: of two jobs finishing together, one takes them and the other finds none.
 */
export async function takeUnannounced(db: Executor, userId: string, source: string): Promise<{ id: string; created: string[] }[]> {
  const rows = await db.execute(sql`
    update ingest_jobs set payload = payload || '{"announced": true}'::jsonb
    where id in (
      select id from ingest_jobs
      where user_id = ${userId} and kind like ${`${source}.%`} and status in ('done', 'error')
        and payload->'created' is not null and payload->'announced' is null
      for update skip locked)
    returning id, payload->'created' as created`);
  return rows.rows as { id: string; created: string[] }[];
}

/** Parks a job until `runAfter` (null: until the brake is released). */
export async function defer(db: Executor, id: string, runAfter: Date | null, reason: string, now: Date): Promise<void> {
  await db.update(ingestJobs).set({ status: 'deferred', runAfter, lastError: reason, updatedAt: now }).where(eq(ingestJobs.id, id));
}

export async function requeue(db: Executor, id: string, now: Date, error?: string): Promise<void> {
  await db
    .update(ingestJobs)
    .set({ status: 'queued', lastError: error ?? null, updatedAt: now })
    .where(eq(ingestJobs.id, id));
}

/** The athlete's open jobs of one source (kinds `<source>.…`): each source's state ends when its own jobs do. */
export async function countOpen(db: Executor, userId: string, source: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ingestJobs)
    .where(and(eq(ingestJobs.userId, userId), inArray(ingestJobs.status, OPEN_STATUSES), sql`${ingestJobs.kind} like ${`${source}.%`}`));
  return row?.n ?? 0;
}

/** Jobs parked by the brake, released together on resume. */
export async function releasePaused(db: Executor, now: Date): Promise<string[]> {
  const rows = await db
    .update(ingestJobs)
    .set({ status: 'queued', runAfter: null, updatedAt: now })
    .where(and(eq(ingestJobs.status, 'deferred'), isNull(ingestJobs.runAfter)))
    .returning({ id: ingestJobs.id });
  return rows.map((r) => r.id);
}

/** One athlete's jobs of a kind that were parked until they act (deferred with no time), queued again. */
export async function releaseParkedFor(db: Executor, userId: string, kindPrefix: string, now: Date): Promise<string[]> {
  const rows = await db
    .update(ingestJobs)
    .set({ status: 'queued', runAfter: null, updatedAt: now })
    .where(
      and(
        eq(ingestJobs.userId, userId),
        sql`${ingestJobs.kind} like ${`${kindPrefix}%`}`,
        eq(ingestJobs.status, 'deferred'),
        isNull(ingestJobs.runAfter),
      ),
    )
    .returning({ id: ingestJobs.id });
  return rows.map((r) => r.id);
}

/** Running too long (a worker died) or deferred long past their time (a message was lost). */
export async function rescueStuck(
  db: Executor,
  runningBefore: Date,
  deferredBefore: Date,
  now: Date,
  queuedBefore: Date = new Date(0),
): Promise<string[]> {
  const rows = await db
    .update(ingestJobs)
    .set({ status: 'queued', updatedAt: now })
    .where(
      or(
        and(eq(ingestJobs.status, 'running'), lt(ingestJobs.startedAt, runningBefore)),
        and(eq(ingestJobs.status, 'deferred'), lt(ingestJobs.runAfter, deferredBefore)),
        // Sent back to the queue for a retry whose message never came (issue 43: seen under a provider fault).
        and(eq(ingestJobs.status, 'queued'), lt(ingestJobs.updatedAt, queuedBefore)),
      ),
    )
    .returning({ id: ingestJobs.id });
  return rows.map((r) => r.id);
}

export async function countsByStatus(db: Executor, userId: string) {
  return db
    .select({ status: ingestJobs.status, n: sql<number>`count(*)::int` })
    .from(ingestJobs)
    .where(eq(ingestJobs.userId, userId))
    .groupBy(ingestJobs.status);
}

export async function deleteJobs(db: Executor, userId: string, kindPrefix: string): Promise<void> {
  await db.delete(ingestJobs).where(and(eq(ingestJobs.userId, userId), sql`${ingestJobs.kind} like ${`${kindPrefix}%`}`));
}

export async function upsertState(
  db: Executor,
  userId: string,
  source: string,
  patch: Partial<{
    status: IngestionStatus;
    resumeAt: Date | null;
    doneCount: number;
    totalEstimate: number | null;
    lastError: string | null;
    startedAt: Date;
  }>,
): Promise<void> {
  await db
    .insert(ingestionState)
    .values({ userId, source, status: patch.status ?? 'queued', ...patch })
    .onConflictDoUpdate({ target: [ingestionState.userId, ingestionState.source], set: { ...patch, updatedAt: sql`now()` } });
}

/** Marks the athlete's ingestion running; writes only when it was not already (jobs run by the hundred). */
export async function markRunning(db: Executor, userId: string, source: string): Promise<void> {
  await db
    .update(ingestionState)
    .set({ status: 'running', resumeAt: null, updatedAt: sql`now()` })
    .where(and(eq(ingestionState.userId, userId), eq(ingestionState.source, source), ne(ingestionState.status, 'running')));
}

export async function bumpDone(db: Executor, userId: string, source: string): Promise<void> {
  await db
    .update(ingestionState)
    .set({ doneCount: sql`${ingestionState.doneCount} + 1`, updatedAt: sql`now()` })
    .where(and(eq(ingestionState.userId, userId), eq(ingestionState.source, source)));
}

export async function addEstimate(db: Executor, userId: string, source: string, n: number): Promise<void> {
  await db
    .update(ingestionState)
    .set({ totalEstimate: sql`coalesce(${ingestionState.totalEstimate}, 0) + ${n}`, updatedAt: sql`now()` })
    .where(and(eq(ingestionState.userId, userId), eq(ingestionState.source, source)));
}

export function getStates(db: Executor, userId: string) {
  return db.select().from(ingestionState).where(eq(ingestionState.userId, userId));
}

export async function deleteState(db: Executor, userId: string, source: string): Promise<void> {
  await db.delete(ingestionState).where(and(eq(ingestionState.userId, userId), eq(ingestionState.source, source)));
}

export async function setStatesWhere(db: Executor, from: IngestionStatus, to: IngestionStatus): Promise<void> {
  await db.update(ingestionState).set({ status: to, updatedAt: sql`now()` }).where(eq(ingestionState.status, from));
}

export async function getFlag(db: Executor, key: string): Promise<unknown> {
  const [row] = await db.select({ value: systemFlags.value }).from(systemFlags).where(eq(systemFlags.key, key));
  return row?.value;
}

export async function setFlag(db: Executor, key: string, value: unknown, by: string | null): Promise<void> {
  await db
    .insert(systemFlags)
    .values({ key, value, updatedBy: by })
    .onConflictDoUpdate({ target: systemFlags.key, set: { value, updatedBy: by, updatedAt: sql`now()` } });
}
