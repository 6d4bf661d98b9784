import { and, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { importJobs, ingestionState, ingestJobs, stripeEvents, systemFlags, webhookEvents } from '../../db/schema';
import { importedNothingWhere } from '../ingest';

// Ops Pulse reads over the ingestion side (jobs, athletes' states, imports, provider webhooks): counts
// over the whole table, lists capped at ROWS (newest first), so the page stays one cheap round trip.
export const ROWS = 50;

const n = sql<number>`count(*)::int`;

export async function jobCounts(db: Executor, stuckBefore: Date, hourAgo: Date, dayAgo: Date) {
  const [row] = await db
    .select({
      queued: sql<number>`count(*) filter (where ${ingestJobs.status} = 'queued')::int`,
      running: sql<number>`count(*) filter (where ${ingestJobs.status} = 'running')::int`,
      deferred: sql<number>`count(*) filter (where ${ingestJobs.status} = 'deferred')::int`,
      stuck: sql<number>`count(*) filter (where ${stuckWhere(stuckBefore)})::int`,
      errorsLastHour: sql<number>`count(*) filter (where ${ingestJobs.status} = 'error' and ${ingestJobs.finishedAt} >= ${hourAgo})::int`,
      errorsLastDay: sql<number>`count(*) filter (where ${ingestJobs.status} = 'error' and ${ingestJobs.finishedAt} >= ${dayAgo})::int`,
      oldestOpen: sql<Date | null>`min(${ingestJobs.createdAt}) filter (where ${ingestJobs.status} in ('queued', 'deferred', 'running'))`,
      deadLetter: sql<number>`count(*) filter (where ${ingestJobs.status} = 'error')::int`,
    })
    .from(ingestJobs)
    .where(or(inArray(ingestJobs.status, ['queued', 'running', 'deferred']), eq(ingestJobs.status, 'error')));
  return { ...row!, oldestOpen: row?.oldestOpen ? new Date(row.oldestOpen) : null };
}

/** Failed jobs by their last error (the cause), in the last hour and day. */
export async function errorCauses(db: Executor, hourAgo: Date, dayAgo: Date) {
  return db
    .select({
      cause: sql<string>`coalesce(${ingestJobs.lastError}, 'unknown')`,
      lastHour: sql<number>`count(*) filter (where ${ingestJobs.finishedAt} >= ${hourAgo})::int`,
      lastDay: n,
    })
    .from(ingestJobs)
    .where(and(eq(ingestJobs.status, 'error'), gte(ingestJobs.finishedAt, dayAgo)))
    .groupBy(sql`1`)
    .orderBy(desc(n))
    .limit(20);
}

export function stuckJobs(db: Executor, stuckBefore: Date) {
  return db.select(jobCols).from(ingestJobs).where(stuckWhere(stuckBefore)).orderBy(desc(ingestJobs.updatedAt)).limit(ROWS);
}

export function failedJobs(db: Executor, dayAgo: Date) {
  return db
    .select(jobCols)
    .from(ingestJobs)
    .where(and(eq(ingestJobs.status, 'error'), gte(ingestJobs.finishedAt, dayAgo)))
    .orderBy(desc(ingestJobs.finishedAt))
    .limit(ROWS);
}

/** Athletes waiting on the rate budget (a resume time) or on the brake (none), and those in error. */
export function athleteStates(db: Executor, statuses: ('deferred' | 'paused' | 'error')[]) {
  return db
    .select({
      userId: ingestionState.userId,
      source: ingestionState.source,
      status: ingestionState.status,
      resumeAt: ingestionState.resumeAt,
      lastError: ingestionState.lastError,
      updatedAt: ingestionState.updatedAt,
    })
    .from(ingestionState)
    .where(inArray(ingestionState.status, statuses))
    .orderBy(desc(ingestionState.updatedAt))
    .limit(ROWS * 2);
}

export async function importCounts(db: Executor, dayAgo: Date) {
  const [row] = await db
    .select({
      queued: sql<number>`count(*) filter (where ${importJobs.status} = 'queued')::int`,
      running: sql<number>`count(*) filter (where ${importJobs.status} = 'running')::int`,
      failedLastDay: sql<number>`count(*) filter (where ${importJobs.status} = 'error' and ${importJobs.finishedAt} >= ${dayAgo})::int`,
      nothingLastDay: sql<number>`count(*) filter (where ${and(importedNothingWhere(), gte(importJobs.finishedAt, dayAgo))})::int`,
      deadLetter: sql<number>`count(*) filter (where ${importJobs.status} = 'error')::int`,
      oldestOpen: sql<Date | null>`min(${importJobs.createdAt}) filter (where ${importJobs.status} in ('queued', 'running'))`,
    })
    .from(importJobs);
  return { ...row!, oldestOpen: row?.oldestOpen ? new Date(row.oldestOpen) : null };
}

export function failedImports(db: Executor, dayAgo: Date) {
  return db
    .select({
      id: importJobs.id,
      userId: importJobs.userId,
      filename: importJobs.filename,
      error: importJobs.error,
      attempts: importJobs.attempts,
      finishedAt: importJobs.finishedAt,
    })
    .from(importJobs)
    .where(and(eq(importJobs.status, 'error'), gte(importJobs.finishedAt, dayAgo)))
    .orderBy(desc(importJobs.finishedAt))
    .limit(ROWS);
}

/** Imports of the last day that finished with nothing brought in, and what each entry was skipped for. */
export function emptyImports(db: Executor, dayAgo: Date) {
  return db
    .select({ id: importJobs.id, userId: importJobs.userId, skipped: importJobs.skipped, finishedAt: importJobs.finishedAt })
    .from(importJobs)
    .where(and(importedNothingWhere(), gte(importJobs.finishedAt, dayAgo)))
    .orderBy(desc(importJobs.finishedAt))
    .limit(ROWS);
}

/** Provider webhooks waiting for the queue, and what the processed ones came to (by outcome). */
export async function webhookBacklog(db: Executor) {
  const [row] = await db
    .select({ backlog: n, oldest: sql<Date | null>`min(${webhookEvents.receivedAt})` })
    .from(webhookEvents)
    .where(isNull(webhookEvents.processedAt));
  return { backlog: row?.backlog ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
}

export function webhookOutcomes(db: Executor, hourAgo: Date, dayAgo: Date, accepted: string[]) {
  return db
    .select({
      provider: webhookEvents.provider,
      reason: sql<string>`${webhookEvents.outcome}`,
      lastHour: sql<number>`count(*) filter (where ${webhookEvents.receivedAt} >= ${hourAgo})::int`,
      lastDay: n,
    })
    .from(webhookEvents)
    .where(
      and(
        isNotNull(webhookEvents.outcome),
        gte(webhookEvents.receivedAt, dayAgo),
        sql`${webhookEvents.outcome} not in (${sql.join(
          accepted.map((a) => sql`${a}`),
          sql`, `,
        )})`,
      ),
    )
    .groupBy(webhookEvents.provider, webhookEvents.outcome);
}

export function stripeOutcomes(db: Executor, hourAgo: Date, dayAgo: Date, accepted: string[]) {
  return db
    .select({
      reason: sql<string>`${stripeEvents.outcome}`,
      lastHour: sql<number>`count(*) filter (where ${stripeEvents.receivedAt} >= ${hourAgo})::int`,
      lastDay: n,
    })
    .from(stripeEvents)
    .where(
      and(
        isNotNull(stripeEvents.outcome),
        gte(stripeEvents.receivedAt, dayAgo),
        sql`${stripeEvents.outcome} not in (${sql.join(
          accepted.map((a) => sql`${a}`),
          sql`, `,
        )})`,
      ),
    )
    .groupBy(stripeEvents.outcome);
}

export async function flag(db: Executor, key: string): Promise<{ value: unknown; updatedAt: Date } | null> {
  const [row] = await db
    .select({ value: systemFlags.value, updatedAt: systemFlags.updatedAt })
    .from(systemFlags)
    .where(eq(systemFlags.key, key));
  return row ?? null;
}

const jobCols = {
  id: ingestJobs.id,
  userId: ingestJobs.userId,
  kind: ingestJobs.kind,
  status: ingestJobs.status,
  attempts: ingestJobs.attempts,
  lastError: ingestJobs.lastError,
  startedAt: ingestJobs.startedAt,
  runAfter: ingestJobs.runAfter,
  updatedAt: ingestJobs.updatedAt,
  finishedAt: ingestJobs.finishedAt,
};

/**
 * Stuck: running since before the threshold (its worker died), deferred long past its time (its delayed
 * message was lost) or queued that long without a worker taking it. The sweep rescues the first two.
 */
function stuckWhere(before: Date) {
  return or(
    and(eq(ingestJobs.status, 'running'), lt(ingestJobs.startedAt, before)),
    and(eq(ingestJobs.status, 'deferred'), lt(ingestJobs.runAfter, before)),
    and(eq(ingestJobs.status, 'queued'), lt(ingestJobs.updatedAt, before)),
  );
}
