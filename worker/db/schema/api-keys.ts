import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from './coach';
import { users } from './users';

/**
 * Personal and team API keys (issue 59, ADR 105). The secret is shown once; only its SHA-256 is kept, and the
 * prefix is what lists and logs show. A team key has `orgId` and acts as `userId`, who must still own the org.
 * The per-key fixed window (`windowStart`, `windowCount`) is counted by one conditional UPDATE per request.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').references(() => orgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ratePerMinute: integer('rate_per_minute').notNull().default(120),
    windowStart: timestamp('window_start', { withTimezone: true }),
    windowCount: integer('window_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('api_keys_secret_hash_idx').on(t.secretHash),
    index('api_keys_user_idx').on(t.userId, t.createdAt),
    index('api_keys_org_idx').on(t.orgId, t.createdAt).where(sql`${t.orgId} is not null`),
    check('api_keys_scopes_check', sql`cardinality(${t.scopes}) > 0`),
    check('api_keys_rate_check', sql`${t.ratePerMinute} > 0`),
  ],
);
