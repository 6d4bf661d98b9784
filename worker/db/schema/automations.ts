import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clients, orgs } from './coach';
import { users } from './users';

export const automationRunStatus = pgEnum('automation_run_status', ['pending', 'succeeded', 'failed', 'skipped']);

/**
 * An org's rule: a trigger (schedule or event), an action and, for schedules, an audience; all three
 * as validated JSON (automations.schema.ts). `next_run_at` is set only for schedules and advanced by
 * one conditional UPDATE per firing, so two overlapping cron ticks cannot both fire a slot.
 */
export const automations = pgTable(
  'automations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    /** The coach who made it: emails and tasks go to them (the owner when they have left). */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    trigger: jsonb('trigger').$type<Record<string, unknown>>().notNull(),
    action: jsonb('action').$type<Record<string, unknown>>().notNull(),
    audience: jsonb('audience').$type<Record<string, unknown> | null>(),
    nextRunAt: timestamp('next_run_at', { withTimezone: true }),
    /** The org zone next_run_at was computed in: when the org moves, the next tick recomputes it. */
    timeZone: text('time_zone'),
    lastRunAt: timestamp('last_run_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('automations_org_idx').on(t.orgId, t.createdAt),
    index('automations_due_idx').on(t.nextRunAt).where(sql`${t.enabled} and ${t.nextRunAt} is not null`),
  ],
);

/**
 * One firing of an automation for one subject and occasion. The unique key
 * ("automation:<id>:client:<id>:package:<id>:expires-in-7") makes a replayed event or a second scan
 * fire nothing twice; a failed attempt is retried in place (attempt, next_attempt_at) up to a limit.
 */
export const automationRuns = pgTable(
  'automation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    automationId: uuid('automation_id')
      .notNull()
      .references(() => automations.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** What the run acts on beyond the client (a package id, the slot instant …), for the message variables. */
    context: jsonb('context').$type<Record<string, string>>().notNull().default({}),
    status: automationRunStatus('status').notNull().default('pending'),
    /** Why it was skipped, or how it succeeded when not plainly ("deferred: quiet hours"). */
    detail: text('detail'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    attempt: integer('attempt').notNull().default(0),
    /**
     * When the run may be taken (again): a short lease while an attempt runs (a crashed attempt is
     * retried after it), the backoff after a failure, null once it is settled for good.
     */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('automation_runs_key_idx').on(t.key),
    index('automation_runs_automation_idx').on(t.automationId, t.startedAt),
    index('automation_runs_client_idx').on(t.clientId, t.startedAt),
    index('automation_runs_retry_idx').on(t.nextAttemptAt).where(sql`${t.nextAttemptAt} is not null`),
  ],
);

/** The coach's to-do items; an automation's task action creates one per run key, once. */
export const coachTasks = pgTable(
  'coach_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    runId: uuid('run_id').references(() => automationRuns.id, { onDelete: 'set null' }),
    key: text('key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('coach_tasks_key_idx').on(t.orgId, t.key), index('coach_tasks_open_idx').on(t.orgId, t.doneAt, t.dueAt)],
);
