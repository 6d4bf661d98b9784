import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * An athlete's consent to bring a live door's wellness in (Polar's sleep and Nightly Recharge: "Wellness from
 * Polar" on Data sources, off by default; ADR 072), and the last poll. A row with `enabled_at` null is "off".
 * Only the consent and when it ran are here: the readings themselves are wellness_readings.
 */
export const doorWellness = pgTable(
  'door_wellness',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull(),
    enabledAt: timestamp('enabled_at', { withTimezone: true }),
    lastPollAt: timestamp('last_poll_at', { withTimezone: true }),
    /** Nights the last poll received (sleep and recharge records together). */
    lastPollRecords: integer('last_poll_records'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.provider] })],
);
