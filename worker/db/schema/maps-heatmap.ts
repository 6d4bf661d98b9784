import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { sport } from './activities';
import { users } from './users';

/** Raw bytes: Buffer to the driver (node-postgres' bytea), a Uint8Array back. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength),
  fromDriver: (v) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength),
});

/**
 * One heatmap bucket (issue 57, ADR 100): an athlete's tracks of one sport in one period — a UTC month `YYYY-MM`,
 * a year `YYYY` summed from its months, or `all` summed from the years — with the fingerprint of the tracks it was built from (stale when the
 * tracks' fingerprint differs), how many activities and their box (the summary fits the map to it).
 */
export const heatmapBuckets = pgTable(
  'heatmap_buckets',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sport: sport('sport').notNull(),
    period: text('period').notNull(),
    fingerprint: text('fingerprint').notNull(),
    activities: integer('activities').notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    minLon: doublePrecision('min_lon').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
    maxLon: doublePrecision('max_lon').notNull(),
    builtAt: timestamp('built_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.sport, t.period] }),
    check('heatmap_buckets_period', sql`${t.period} ~ '^([0-9]{4}(-[0-9]{2})?|all)$'`),
  ],
);

/**
 * One bucket's pixels in one Web Mercator tile (z/x/y as slippy maps, zooms 0–14): sparse (index gap, count) pairs
 * as varints, each count the activities whose line passes through that pixel, each counted once.
 * The key leads with the tile, so a tile request reads its rows in one index range.
 */
export const heatmapTiles = pgTable(
  'heatmap_tiles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    z: smallint('z').notNull(),
    x: integer('x').notNull(),
    y: integer('y').notNull(),
    sport: sport('sport').notNull(),
    period: text('period').notNull(),
    pixels: bytea('pixels').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.z, t.x, t.y, t.sport, t.period] }),
    index('heatmap_tiles_bucket_idx').on(t.userId, t.sport, t.period),
    check('heatmap_tiles_z', sql`${t.z} between 0 and 14`),
  ],
);

/** When the repair pass last compared an athlete's buckets with their tracks (it runs again after each sync). */
export const heatmapStates = pgTable('heatmap_states', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
});
