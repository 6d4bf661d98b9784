import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * The athlete's whole day, one value per (day, source, field): a check-in, a Garmin or Polar summary, an archive
 * or a FIT file each keep their own reading, so every field says where it came from and sources are never
 * spliced (issue 40, ADR 069). `external_id` is the provider's summary id: a re-pushed summary replaces its own
 * readings, wherever its day moved. Health data: never logged, shown to a coach only with its own consent.
 */
export const wellnessReadings = pgTable(
  'wellness_readings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    source: text('source').notNull(),
    field: text('field').notNull(),
    value: doublePrecision('value'),
    textValue: text('text_value'),
    externalId: text('external_id'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('wellness_readings_key_idx').on(t.userId, t.day, t.source, t.field),
    index('wellness_readings_field_idx').on(t.userId, t.field, t.day),
    index('wellness_readings_external_idx').on(t.userId, t.source, t.externalId).where(sql`${t.externalId} is not null`),
    check('wellness_readings_value_check', sql`${t.value} is not null or ${t.textValue} is not null`),
  ],
);

/**
 * The N=1 engine's state per athlete (ADR 070): the series it gathered — training (rewritten when the training
 * changed) and wellness (patched day by day after a check-in or a pushed sleep), both in engine-codec.ts's compact
 * form — and the family's last test. Derived: rebuilt from wellness_readings and the
 * activities, never exported; `version` serializes writers (a save expects the version it read).
 */
export const wellnessEngineState = pgTable('wellness_engine_state', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  version: integer('version').notNull().default(1),
  engineVersion: integer('engine_version').notNull(),
  analyticsVersion: integer('analytics_version').notNull(),
  training: jsonb('training').notNull(),
  wellness: jsonb('wellness').notNull(),
  result: jsonb('result').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});
