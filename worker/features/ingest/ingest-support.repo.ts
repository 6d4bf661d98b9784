import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { importJobs, ingestJobs, providerConnections, webhookEvents } from '../../db/schema';

/** Operators' reads of one athlete's data pipeline, for support. Never selects token columns. */
export function createIngestSupportRepo(db: Executor) {
  return {
    connections(userId: string) {
      return db
        .select({
          provider: providerConnections.provider,
          externalAthleteId: providerConnections.externalAthleteId,
          expiresAt: providerConnections.expiresAt,
          scopes: providerConnections.scopes,
          createdAt: providerConnections.createdAt,
          updatedAt: providerConnections.updatedAt,
        })
        .from(providerConnections)
        .where(eq(providerConnections.userId, userId));
    },

    /** The newest Strava webhook delivery about this provider athlete (owner_id in Strava's payload). */
    async lastWebhook(provider: string, externalAthleteId: string) {
      const [row] = await db
        .select({
          receivedAt: webhookEvents.receivedAt,
          processedAt: webhookEvents.processedAt,
          outcome: webhookEvents.outcome,
          objectType: sql<string | null>`${webhookEvents.payload}->>'object_type'`,
          aspectType: sql<string | null>`${webhookEvents.payload}->>'aspect_type'`,
        })
        .from(webhookEvents)
        .where(and(eq(webhookEvents.provider, provider), sql`${webhookEvents.payload}->>'owner_id' = ${externalAthleteId}`))
        .orderBy(desc(webhookEvents.receivedAt))
        .limit(1);
      return row ?? null;
    },

    latestJobs(userId: string, limit = 10) {
      return db
        .select({
          id: ingestJobs.id,
          kind: ingestJobs.kind,
          status: ingestJobs.status,
          attempts: ingestJobs.attempts,
          runAfter: ingestJobs.runAfter,
          lastError: ingestJobs.lastError,
          createdAt: ingestJobs.createdAt,
          updatedAt: ingestJobs.updatedAt,
        })
        .from(ingestJobs)
        .where(eq(ingestJobs.userId, userId))
        .orderBy(desc(ingestJobs.updatedAt), desc(ingestJobs.id))
        .limit(limit);
    },

    latestImports(userId: string, limit = 10) {
      return db
        .select({
          id: importJobs.id,
          filename: importJobs.filename,
          status: importJobs.status,
          kind: importJobs.kind,
          found: importJobs.found,
          imported: importJobs.imported,
          duplicates: importJobs.duplicates,
          skipped: sql<number>`jsonb_array_length(${importJobs.skipped})`,
          warnings: sql<number>`jsonb_array_length(${importJobs.warnings})`,
          error: importJobs.error,
          attempts: importJobs.attempts,
          createdAt: importJobs.createdAt,
          finishedAt: importJobs.finishedAt,
        })
        .from(importJobs)
        .where(eq(importJobs.userId, userId))
        .orderBy(desc(importJobs.createdAt))
        .limit(limit);
    },
  };
}

export type IngestSupportRepo = ReturnType<typeof createIngestSupportRepo>;
