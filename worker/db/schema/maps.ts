import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, pgTable, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { activities, sport } from './activities';
import { users } from './users';

/**
 * An activity's route as maps, the heatmap and segment matching read it (issue 57, ADR 099): the GPS positions
 * thinned to about 3 m apart with their seconds since the start, and the bounding box a GiST index serves. Derived
 * from `activity_streams` and rebuilt from them (`version`), never edited; the owner's whole route — every cut for
 * other people is made on read (social's `cutTrack`).
 */
export const activityTracks = pgTable(
  'activity_tracks',
  {
    activityId: uuid('activity_id')
      .primaryKey()
      .references(() => activities.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sport: sport('sport').notNull(),
    startTime: timestamp('start_time', { withTimezone: true }).notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    minLon: doublePrecision('min_lon').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    maxLon: doublePrecision('max_lon').notNull(),
    /** Google's encoded polyline, precision 6 (0.1 m): what the stream holds, without rounding a segment's gate away. */
    polyline: text('polyline').notNull(),
    /** Seconds since the activity start, one per polyline point. */
    seconds: integer('seconds').array().notNull(),
    distanceM: real('distance_m').notNull(),
    /** The thinning's version (TRACK_VERSION): a track of an older one is built again from the streams. */
    version: smallint('version').notNull(),
  },
  (t) => [
    index('activity_tracks_user_idx').on(t.userId, t.startTime),
    // A plain-Postgres spatial index (no PostGIS locally): routes whose box meets a segment's or a tile's.
    index('activity_tracks_box_idx').using('gist', sql`box(point(${t.minLon}, ${t.minLat}), point(${t.maxLon}, ${t.maxLat}))`),
  ],
);

/** Where each athlete's tracks stand against their history: the analytics version the last sync saw. */
export const mapStates = pgTable('map_states', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  analyticsVersion: integer('analytics_version').notNull(),
  syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
});

export const SEGMENT_VISIBILITIES = ['private', 'public'] as const;

/**
 * A stretch of road or trail an athlete named (issue 57, ADR 099): its path resampled every 10 m, the box the
 * GiST index serves, and where it came from. Public segments can be matched for anyone; private ones only for
 * their owner.
 */
export const segments = pgTable(
  'segments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sport: sport('sport').notNull(),
    visibility: text('visibility', { enum: SEGMENT_VISIBILITIES }).notNull().default('private'),
    /** The path, precision 6, resampled at a fixed spacing. */
    polyline: text('polyline').notNull(),
    distanceM: real('distance_m').notNull(),
    /** Metres climbed along it, when the source had elevation. */
    climbM: real('climb_m'),
    /** Average grade, %, when the source had elevation. */
    gradePct: real('grade_pct'),
    minLat: doublePrecision('min_lat').notNull(),
    minLon: doublePrecision('min_lon').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    maxLon: doublePrecision('max_lon').notNull(),
    /** The activity and seconds it was cut from; the link goes when that activity does. */
    sourceActivityId: uuid('source_activity_id').references(() => activities.id, { onDelete: 'set null' }),
    sourceFromS: integer('source_from_s'),
    sourceToS: integer('source_to_s'),
    /** When matching over every history it may meet finished; null while it runs. */
    matchedAt: timestamp('matched_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('segments_owner_idx').on(t.ownerId, t.createdAt),
    index('segments_box_idx').using('gist', sql`box(point(${t.minLon}, ${t.minLat}), point(${t.maxLon}, ${t.maxLat}))`),
    check('segments_name_check', sql`char_length(${t.name}) between 1 and 80`),
    check('segments_distance_check', sql`${t.distanceM} between 100 and 100000`),
  ],
);

/**
 * One pass of an activity over a segment, as the matcher found it: the seconds it entered and left (the receipt)
 * and the averages over them. Efforts are rebuilt by matching again, never edited.
 */
export const segmentEfforts = pgTable(
  'segment_efforts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    segmentId: uuid('segment_id')
      .notNull()
      .references(() => segments.id, { onDelete: 'cascade' }),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** When the effort began (the activity start plus `start_s`). */
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    startS: integer('start_s').notNull(),
    endS: integer('end_s').notNull(),
    elapsedS: integer('elapsed_s').notNull(),
    avgPowerW: real('avg_power_w'),
    avgHr: real('avg_hr'),
    avgSpeedMs: real('avg_speed_ms'),
    /** The matcher's discrete Fréchet distance to the segment, m: how closely the pass followed it. */
    frechetM: real('frechet_m').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('segment_efforts_pass_idx').on(t.segmentId, t.activityId, t.startS),
    index('segment_efforts_board_idx').on(t.segmentId, t.elapsedS),
    index('segment_efforts_user_idx').on(t.userId, t.segmentId, t.elapsedS),
    index('segment_efforts_activity_idx').on(t.activityId),
    check('segment_efforts_times_check', sql`${t.endS} > ${t.startS} and ${t.elapsedS} = ${t.endS} - ${t.startS}`),
  ],
);
