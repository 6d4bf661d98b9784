// Workout libraries and plan templates (ADR 058): a library workout is a planned workout without its day,
// kept by an athlete (user_id) or a coaching org (org_id), never both; a template is an org's block of weeks
// of its library workouts; an application records a template put on a client from a start day, once.
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients, orgs } from './coach';
import { plans } from './plans';
import { users } from './users';

export const libraryWorkouts = pgTable(
  'library_workouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').references(() => orgs.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    sport: text('sport').notNull(),
    type: text('type').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    durationSec: integer('duration_sec').notNull(),
    distanceM: real('distance_m'),
    targetLoad: real('target_load').notNull().default(0),
    intensity: jsonb('intensity'),
    steps: jsonb('steps').notNull().default([]),
    folder: text('folder'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('library_workouts_user_idx').on(t.userId, t.title),
    index('library_workouts_org_idx').on(t.orgId, t.title),
    check('library_workouts_owner_check', sql`(${t.userId} is null) <> (${t.orgId} is null)`),
    check('library_workouts_title_check', sql`char_length(${t.title}) between 1 and 200`),
  ],
);

export const planTemplates = pgTable(
  'plan_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    weeks: integer('weeks').notNull(),
    /** TemplateItem[]: { week (1-based), weekday (0 = Monday), workout (the library workout as it was saved) }. */
    items: jsonb('items').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('plan_templates_org_idx').on(t.orgId, t.createdAt)],
);

export const templateApplications = pgTable(
  'template_applications',
  {
    templateId: uuid('template_id')
      .notNull()
      .references(() => planTemplates.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    startDate: date('start_date').notNull(),
    planId: uuid('plan_id').references(() => plans.id, { onDelete: 'set null' }),
    changeId: uuid('change_id'),
    workouts: integer('workouts').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.templateId, t.clientId, t.startDate] })],
);
