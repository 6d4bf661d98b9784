import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const providerName = pgEnum('provider_name', ['strava', 'garmin', 'polar']);

/** A linked provider account. Tokens are AES-GCM ciphertexts (key from a secret binding). */
export const providerConnections = pgTable(
  'provider_connections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: providerName('provider').notNull(),
    externalAthleteId: text('external_athlete_id').notNull(),
    accessTokenEnc: text('access_token_enc').notNull(),
    refreshTokenEnc: text('refresh_token_enc').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** What the access token had left when the provider issued it (6 h at Strava): sets how early it is refreshed. */
    tokenLifetimeS: integer('token_lifetime_s').notNull().default(21_600),
    /** The provider refused our refresh token (access revoked or lapsed): nothing is fetched until the athlete reconnects. */
    reconnectNeededAt: timestamp('reconnect_needed_at', { withTimezone: true }),
    scopes: text('scopes').notNull(),
    /** When the permissions in `scopes` changed at the provider, from its last applied ping: an older ping is ignored (ADR 087). */
    scopesChangedAt: timestamp('scopes_changed_at', { withTimezone: true }),
    /** The athlete's separate consent to send planned workouts to this provider (Garmin's Training API, ADR 057); dies with the connection. */
    workoutsConsentAt: timestamp('workouts_consent_at', { withTimezone: true }),
    /** The athlete's consent to store wellness from this provider's health summaries (Garmin Health API, ADR 071); dies with the connection. */
    wellnessConsentAt: timestamp('wellness_consent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('provider_connections_user_provider_idx').on(t.userId, t.provider),
    uniqueIndex('provider_connections_external_idx').on(t.provider, t.externalAthleteId),
  ],
);

export const ingestionStatus = pgEnum('ingestion_status', ['queued', 'running', 'deferred', 'paused', 'done', 'error']);

/** What Home shows: one row per athlete and source. */
export const ingestionState = pgTable(
  'ingestion_state',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: text('source').notNull(),
    status: ingestionStatus('status').notNull(),
    resumeAt: timestamp('resume_at', { withTimezone: true }),
    doneCount: integer('done_count').notNull().default(0),
    totalEstimate: integer('total_estimate'),
    lastError: text('last_error'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.source] })],
);

export const jobStatus = pgEnum('job_status', ['queued', 'running', 'deferred', 'done', 'error']);

/**
 * Every unit of ingestion work. Queue messages carry only the job id; the row says what to do and
 * whether it is already done, so redelivery and the stuck-job sweep are harmless.
 */
export const ingestJobs = pgTable(
  'ingest_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    dedupeKey: text('dedupe_key').notNull(),
    status: jobStatus('status').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    runAfter: timestamp('run_after', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** The queue message that last claimed the job: the same delivery, retried, may take it again (ADR 090). */
    deliveryId: text('delivery_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ingest_jobs_dedupe_idx').on(t.dedupeKey),
    index('ingest_jobs_user_status_idx').on(t.userId, t.status),
    index('ingest_jobs_running_idx').on(t.startedAt).where(sql`${t.status} = 'running'`),
  ],
);

/** Provider webhook deliveries, deduplicated by the event's identity. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provider: text('provider').notNull(),
    dedupeKey: text('dedupe_key').notNull().unique(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    outcome: text('outcome'),
  },
  // The retention sweep's rows: payloads not yet erased, by age (an erased row leaves the index).
  (t) => [index('webhook_events_payload_retention_idx').on(t.receivedAt).where(sql`${t.payload} <> '{}'::jsonb`)],
);

/** Global switches (e.g. the ingestion brake). */
export const systemFlags = pgTable('system_flags', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Signed OAuth `state` values are single-use: the nonce is recorded when consumed. */
export const oauthStates = pgTable(
  'oauth_states',
  {
    nonce: text('nonce').primaryKey(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('oauth_states_consumed_idx').on(t.consumedAt)],
);

/** What an import did beyond its counts: Strava copies upgraded, and a Strava archive's own tally (ADR 037). */
export interface ImportSummary {
  /** Strava API copies replaced in place by this upload's originals (same id, links and notes). */
  upgraded?: number;
  /** Strava API copies left as they were: the upload had only a summary of them (its file missing or unreadable). */
  keptStrava?: number;
  /** A Strava archive: the rows of its activities.csv and what became of them. */
  stravaArchive?: { rows: number; withFiles: number; manual: number; missing: number; unreadable: number };
  /**
   * Wellness in FIT files (ADR 072): readings by kind, values dropped as impossible, and what was left out and why
   * (counts and reasons only: no values, days or names).
   */
  wellness?: { weight: number; sleep: number; hrv: number; rejected: number; left: string[] };
  /**
   * A Garmin export's wellness files (ADR 073), per kind (daily, sleep, hrv, weight, vo2max): records read, stored,
   * already stored as they are, left out by reason; and the export's JSON files nobody reads.
   */
  garminWellness?: {
    kinds: Record<string, { read: number; stored: number; alreadyHad: number; skipped: Record<string, number>; valuesLeftOut?: number }>;
    otherFiles: number;
  };
}

export const importStatus = pgEnum('import_status', ['queued', 'running', 'done', 'error']);

/** One uploaded file (or archive) and what came of it. The bytes live in R2 under `objectKey`. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    objectKey: text('object_key').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    status: importStatus('status').notNull().default('queued'),
    kind: text('kind'),
    found: integer('found').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    duplicates: integer('duplicates').notNull().default(0),
    skipped: jsonb('skipped').$type<{ name: string; reason: string; detail?: string }[]>().notNull().default([]),
    // Imported, but something was left out or cleaned (points without time, a truncated file, …).
    warnings: jsonb('warnings').$type<{ name: string; reason: string; detail?: string }[]>().notNull().default([]),
    summary: jsonb('summary').$type<ImportSummary>().notNull().default({}),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** A running job's claim, renewed by its consumer's heartbeat; lapsed, the minute sweep re-queues it (ADR 089). */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (t) => [
    index('import_jobs_user_created_idx').on(t.userId, t.createdAt),
    index('import_jobs_running_lease_idx').on(t.leaseUntil).where(sql`${t.status} = 'running'`),
  ],
);

export const disconnectReason = pgEnum('disconnect_reason', ['athlete', 'revoked_at_provider', 'operator']);

/**
 * One ended connection and what it took with it: who ended it, how many of the provider's activities were
 * deleted and how many of the athlete's own stayed. The athlete's Data sources page says it back; the row is
 * also our record of the deletion a provider's terms require.
 */
export const providerDisconnects = pgTable(
  'provider_disconnects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: providerName('provider').notNull(),
    reason: disconnectReason('reason').notNull(),
    removedActivities: integer('removed_activities').notNull(),
    keptActivities: integer('kept_activities').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('provider_disconnects_user_idx').on(t.userId, t.provider, t.createdAt)],
);
