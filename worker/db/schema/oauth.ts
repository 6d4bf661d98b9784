import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * The per-minute window of an assistant connected by OAuth (ADR 107): one row per athlete and client, the same 120 a
 * minute as a key, taken by one `insert … on conflict do update` per /mcp request. Operational counters only.
 */
export const oauthRateWindows = pgTable(
  'oauth_rate_windows',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clientId: text('client_id').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    windowCount: integer('window_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.clientId] }), check('oauth_rate_windows_count_check', sql`${t.windowCount} > 0`)],
);
