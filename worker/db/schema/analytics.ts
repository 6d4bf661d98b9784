import {
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
import type { DerivedFacts, EffortExclusion } from './activity-columns';
import { activities, activitySource, sport } from './activities';
import { users } from './users';

export const thresholdKind = pgEnum('threshold_kind', ['ftp', 'threshold_pace', 'css', 'lthr', 'max_hr', 'resting_hr']);
export const thresholdSource = pgEnum('threshold_source', ['manual', 'estimated']);
export const loadMethod = pgEnum('load_method', ['power_tss', 'rtss', 'hr_tss', 'swim_tss', 'duration_estimate']);

// Manual values form a dated history (a value applies from its date until the next one); an
// estimate is one row per kind, used for days no manual value covers.
export const athleteThresholds = pgTable(
  'athlete_thresholds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: thresholdKind('kind').notNull(),
    value: doublePrecision('value').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    // An estimate is stale from this day: no effort it rests on is left in its window (ADR 065).
    effectiveUntil: date('effective_until'),
    source: thresholdSource('source').notNull(),
    activityId: uuid('activity_id').references(() => activities.id, { onDelete: 'set null' }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('athlete_thresholds_user_kind_from_source_idx').on(t.userId, t.kind, t.source, t.effectiveFrom)],
);

/** Per activity: facts derived once from its streams, and the load computed from them and the thresholds. */
export const activityMetrics = pgTable(
  'activity_metrics',
  {
    activityId: uuid('activity_id')
      .primaryKey()
      .references(() => activities.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    facts: jsonb('facts').$type<DerivedFacts>().notNull(),
    load: doublePrecision('load').notNull(),
    loadMethod: loadMethod('load_method').notNull(),
    intensity: doublePrecision('intensity'),
    confidence: text('confidence').$type<'high' | 'medium' | 'low'>().notNull(),
  },
  (t) => [index('activity_metrics_user_idx').on(t.userId)],
);

/** Best efforts per activity (run distances in metres, power durations in seconds), for PB queries. */
export const activityEfforts = pgTable(
  'activity_efforts',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    kind: text('kind').$type<'run' | 'power'>().notNull(),
    key: integer('key').notNull(),
    /** Seconds for run distances, watts for power durations. */
    value: doublePrecision('value').notNull(),
    startOffsetS: integer('start_offset_s'),
    origin: text('origin').notNull(),
    localDate: date('local_date').notNull(),
    /**
     * Set when the effort is kept for the activity page but is not a best (ADR 007, "Implausible
     * bests"): faster than the world record, above a power ceiling, far beyond the athlete's history,
     * or from an activity whose sport was inferred or flagged implausible. PB reads skip these rows.
     */
    excludedReason: text('excluded_reason').$type<EffortExclusion>(),
    /** The number the effort was compared with: the record (s), the ceiling (W), the previous best (s). */
    excludedRef: doublePrecision('excluded_ref'),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.kind, t.key] }),
    index('activity_efforts_user_kind_key_idx').on(t.userId, t.kind, t.key, t.value),
  ],
);

/**
 * Daily totals of canonical activities per sport and source, maintained with every activity change.
 * Source is part of the key so each data use (owner display, shown to others, AI) sums only what it may.
 */
export const trainingDays = pgTable(
  'training_days',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    sport: sport('sport').notNull(),
    source: activitySource('source').notNull(),
    load: doublePrecision('load').notNull(),
    movingS: integer('moving_s').notNull(),
    distanceM: doublePrecision('distance_m').notNull(),
    elevationM: doublePrecision('elevation_m').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day, t.sport, t.source] })],
);

/** Athletes whose loads must be recomputed (an estimated threshold moved); a cron drains it. */
export const analyticsRebuilds = pgTable('analytics_rebuilds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  reason: text('reason').notNull(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A duration curve's point left out of every range: above what any human has produced (ADR 063, "Storage"); or
 * (`no_reading`) seconds a sensor sent nothing, which no window spans: then `startS` and `durationS` are the silence,
 * `value` is null and `note` says it in words.
 */
export interface CurveExclusion {
  durationS: number;
  value: number | null;
  startS: number;
  reason: 'power_ceiling' | 'world_record' | 'implausible_effort' | 'sport_inferred' | 'no_reading';
  /** The ceiling at that duration (W or m/s); null for a reason about the whole activity. */
  ref: number | null;
  note?: string;
}

/**
 * One activity's mean-maximal curve of one kind on the CURVE_DURATIONS ladder (61 points): the value and the
 * second its window starts, null where the activity is too short or the point does not count (then in `excluded`).
 * Rewritten with the activity's metrics; its source and day are copied so months rebuild from these rows alone.
 */
export const activityCurves = pgTable(
  'activity_curves',
  {
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'power' | 'speed' | 'hr'>().notNull(),
    userId: uuid('user_id').notNull(),
    sport: text('sport').$type<'ride' | 'run' | 'swim'>().notNull(),
    source: activitySource('source').notNull(),
    localDate: date('local_date').notNull(),
    values: doublePrecision('values').array().notNull(),
    starts: integer('starts').array().notNull(),
    excluded: jsonb('excluded').$type<CurveExclusion[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.activityId, t.kind] }),
    // Month rebuilds and a range's edge days read a few days of one athlete, every kind at once or one.
    index('activity_curves_user_date_idx').on(t.userId, t.localDate),
  ],
);

/**
 * Per athlete, kind, sport family, source and calendar month: the point-by-point best of that month's canonical
 * activities, each point with its receipt (activity, day, start second). A range reads whole months here and its
 * edge days from activity_curves; a changed month is rebuilt from activity_curves.
 */
export const curveMonths = pgTable(
  'curve_months',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'power' | 'speed' | 'hr'>().notNull(),
    sport: text('sport').$type<'ride' | 'run' | 'swim'>().notNull(),
    source: activitySource('source').notNull(),
    month: date('month').notNull(),
    values: doublePrecision('values').array().notNull(),
    activityIds: uuid('activity_ids').array().notNull(),
    dates: date('dates').array().notNull(),
    starts: integer('starts').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.sport, t.source, t.month] })],
);
