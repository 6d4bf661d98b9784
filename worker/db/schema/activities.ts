import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ACTIVITY_SOURCES,
  type ActivityExtras,
  type ActivityLap,
  type ActivityStreams,
  type BestEffort,
  type DataQualityNote,
  SPORTS,
} from './activity-columns';
import { users } from './users';

export const activitySource = pgEnum('activity_source', ACTIVITY_SOURCES);
export const sport = pgEnum('sport', SPORTS);

export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: activitySource('source').notNull(),
    externalId: text('external_id').notNull(),
    sport: sport('sport').notNull(),
    sportOriginal: text('sport_original').notNull(),
    name: text('name').notNull(),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    localStartDate: date('local_start_date').notNull(),
    timezone: text('timezone'),
    movingTimeS: integer('moving_time_s').notNull(),
    elapsedTimeS: integer('elapsed_time_s').notNull(),
    distanceM: doublePrecision('distance_m').notNull(),
    elevationGainM: doublePrecision('elevation_gain_m'),
    avgHr: doublePrecision('avg_hr'),
    maxHr: doublePrecision('max_hr'),
    avgPower: doublePrecision('avg_power'),
    normalizedPower: doublePrecision('normalized_power'),
    avgCadence: doublePrecision('avg_cadence'),
    calories: doublePrecision('calories'),
    isPrivate: boolean('is_private').notNull().default(false),
    detailComplete: boolean('detail_complete').notNull().default(false),
    // Hash of the stored content: a re-ingest of identical data writes nothing.
    contentHash: text('content_hash').notNull(),
    laps: jsonb('laps').$type<ActivityLap[]>().notNull().default([]),
    bestEfforts: jsonb('best_efforts').$type<BestEffort[]>().notNull().default([]),
    // When set, this row is the same effort as another source's row: lists and analytics skip it.
    duplicateOf: uuid('duplicate_of'),
    // What the plausibility layer cleaned or left out; shown on the activity page.
    dataQuality: jsonb('data_quality').$type<DataQualityNote[]>().notNull().default([]),
    sportInferred: boolean('sport_inferred').notNull().default(false),
    multisportGroup: text('multisport_group'),
    // Description, gear, commute (a Strava archive's CSV) and the Strava copy this row replaced (ADR 037).
    extras: jsonb('extras').$type<ActivityExtras>().notNull().default({}),
    // Set when the strict Strava policy's cache job cut a Strava API row down to what it may keep (ADR 036).
    cacheReducedAt: timestamp('cache_reduced_at', { withTimezone: true }),
    // The athlete's own labels, hidden-from-the-list flag and a delete still inside its undo window (ADR 064).
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    hidden: boolean('hidden').notNull().default(false),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('activities_user_source_external_idx').on(t.userId, t.source, t.externalId),
    index('activities_user_start_idx').on(t.userId, t.startTime),
    index('activities_canonical_idx').on(t.userId, t.startTime).where(sql`${t.duplicateOf} is null`),
    index('activities_deleted_idx').on(t.deletedAt).where(sql`${t.deletedAt} is not null`),
  ],
);

// "These are different activities": the athlete split a duplicate link. Keyed by (source, externalId)
// on both sides, so the choice survives deleting and re-importing either copy.
export const activityUnlinks = pgTable(
  'activity_unlinks',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    aSource: activitySource('a_source').notNull(),
    aExternalId: text('a_external_id').notNull(),
    bSource: activitySource('b_source').notNull(),
    bExternalId: text('b_external_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.aSource, t.aExternalId, t.bSource, t.bExternalId] })],
);

// Per-second series live apart from the row, so lists never read them.
export const activityStreams = pgTable('activity_streams', {
  activityId: uuid('activity_id')
    .primaryKey()
    .references(() => activities.id, { onDelete: 'cascade' }),
  streams: jsonb('streams').$type<ActivityStreams>().notNull(),
});

/** One bulk edit from the activities list: what each row was before, so Undo can put it back (ADR 064). */
export const activityBulkEdits = pgTable(
  'activity_bulk_edits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    before: jsonb('before').$type<BulkEditBefore[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('activity_bulk_edits_user_idx').on(t.userId, t.createdAt)],
);

/**
 * An activity the athlete deleted, by its provider and id only (ADR 068): a sync or live door that re-delivers it
 * after the purge skips it, counting the skip so the sync can say so, until the athlete brings it back.
 */
export const activityTombstones = pgTable(
  'activity_tombstones',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    source: activitySource('source').notNull(),
    externalId: text('external_id').notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull().defaultNow(),
    skippedCount: integer('skipped_count').notNull().default(0),
    lastSkippedAt: timestamp('last_skipped_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.source, t.externalId] })],
);

/** A row's editable state before a bulk edit. */
export interface BulkEditBefore {
  id: string;
  sport: (typeof SPORTS)[number];
  sportInferred: boolean;
  tags: string[];
  hidden: boolean;
  deletedAt: string | null;
  duplicateOf: string | null;
}
