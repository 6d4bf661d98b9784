import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // The producer's idempotency key: a redelivered queue message inserts nothing new.
    dedupeKey: text('dedupe_key').notNull().unique(),
    kind: text('kind').notNull(),
    /** The preference category of `kind` (plan, analysis, load, coach, account): the center filters by it. */
    category: text('category').notNull().default('account'),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp('read_at', { withTimezone: true }),
    // Deleting hides the row but keeps its dedupe key, so a late redelivery cannot bring it back.
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notifications_user_created_idx').on(t.userId, t.createdAt),
    // The retention sweep (180 days), across users.
    index('notifications_created_idx').on(t.createdAt),
    // The bell's count: a user's unread, undeleted rows.
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null and ${t.deletedAt} is null`),
  ],
);

export const emailMode = pgEnum('email_mode', ['daily', 'weekly', 'alerts', 'off']);

/** One row per user who changed anything; a missing row means the defaults (notification-preferences.ts). */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  emailMode: emailMode('email_mode').notNull().default('daily'),
  /** Local minutes after midnight (in users.time_zone) for the daily digest and the Monday summary. */
  sendMinute: smallint('send_minute').notNull().default(420),
  /** { [category]: { inApp?: boolean, email?: boolean } }; a missing entry is the category's default. */
  channels: jsonb('channels').$type<Record<string, { inApp?: boolean; email?: boolean }>>().notNull().default({}),
  /** Do-not-disturb windows in local time: [{ day: 1..7 (ISO, Monday 1), start, end }] in minutes; end ≤ start runs past midnight. */
  dnd: jsonb('dnd').$type<{ day: number; start: number; end: number }[]>().notNull().default([]),
  /** { [category]: boolean }: Web Push per category on the athlete's subscribed devices; a missing entry is the default. */
  push: jsonb('push').$type<Record<string, boolean>>().notNull().default({}),
  /** The daily workout reminder (ADR 079): off by default; `reminderMinute` is local minutes after midnight. */
  reminderOn: boolean('reminder_on').notNull().default(false),
  reminderMinute: smallint('reminder_minute').notNull().default(420),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The fan-out gate: one row per trigger's dedupe key, written in the fan-out's transaction. */
export const notificationEvents = pgTable(
  'notification_events',
  {
    dedupeKey: text('dedupe_key').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notification_events_user_idx').on(t.userId, t.createdAt), index('notification_events_created_idx').on(t.createdAt)],
);

/**
 * One Web Push subscription per browser install (ADR 076). The endpoint is a capability URL: never logged.
 * A subscription the browser no longer holds is retired on the next app open; 404/410 from the push service deletes it.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The app install's own id (kept in the browser): a new endpoint from the same install replaces the old. */
    installId: uuid('install_id').notNull(),
    endpoint: text('endpoint').notNull().unique(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    /** A short device label from the user agent ("Chrome on Android"), for Settings and support. */
    label: text('label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
    lastErrorCode: text('last_error_code'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('push_subscriptions_install_idx').on(t.userId, t.installId).where(sql`${t.retiredAt} is null`)],
);

export const deliveryStatus = pgEnum('notification_delivery_status', ['scheduled', 'sending', 'sent', 'skipped', 'failed']);
export const deliveryKind = pgEnum('notification_delivery_kind', ['single', 'digest', 'daily', 'weekly']);

/**
 * The email outbox. A row is one message to send: a single event, a burst digest (the events after the
 * first inside the digest window), the daily summary, or the Monday summary. Deferred rows (do-not-disturb,
 * send time, digest window) wait here as `scheduled` until due; nothing is dropped.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Unique per message: the event's key for single/weekly, the digest's key for grouped ones. */
    dedupeKey: text('dedupe_key').notNull().unique(),
    kind: deliveryKind('kind').notNull(),
    category: text('category').notNull(),
    type: text('type').notNull(),
    /** Open digest this row collects into (`digest:<user>:<type>`, `daily:<user>:<local date>`); only while scheduled. */
    groupKey: text('group_key'),
    /** The events this message carries: [{ type, dedupeKey, data, at }]. */
    items: jsonb('items').$type<{ type: string; dedupeKey: string; data: Record<string, unknown>; at: string }[]>().notNull().default([]),
    status: deliveryStatus('status').notNull().default('scheduled'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** Why it waits or was not sent: dnd, send_time, digest_window, category_off, mode, no_email, needs_pro… */
    reason: text('reason'),
    attempts: integer('attempts').notNull().default(0),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
    /** email (the default) or push: a push row is one event to one subscription (ADR 076). */
    channel: text('channel').$type<'email' | 'push'>().notNull().default('email'),
    pushSubscriptionId: uuid('push_subscription_id').references(() => pushSubscriptions.id, { onDelete: 'set null' }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('notification_deliveries_due_idx').on(t.dueAt).where(sql`${t.status} = 'scheduled'`),
    uniqueIndex('notification_deliveries_open_group_idx').on(t.groupKey).where(sql`${t.status} = 'scheduled'`),
    // The digest rule's lookup: this user's latest email of a type.
    index('notification_deliveries_user_type_due_idx').on(t.userId, t.type, t.dueAt),
    // The retention sweep: finished rows by age.
    index('notification_deliveries_finished_idx').on(t.updatedAt).where(sql`${t.status} in ('sent', 'skipped', 'failed')`),
  ],
);
