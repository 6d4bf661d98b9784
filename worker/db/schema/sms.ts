import { sql } from 'drizzle-orm';
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bookings, clients, orgs } from './coach';
import { users } from './users';

export const smsDirection = pgEnum('sms_direction', ['outbound', 'inbound']);
export const smsKind = pgEnum('sms_kind', ['confirmation', 'reminder', 'follow_up', 'automation', 'manual', 'inbound']);
/** `sending` is a claim by one cron tick or request (until claimed_until); the API shows it as scheduled. */
export const smsState = pgEnum('sms_state', ['scheduled', 'sending', 'sent', 'deferred', 'skipped', 'failed', 'received']);
export const smsTemplateKind = pgEnum('sms_template_kind', ['confirmation', 'reminder', 'follow_up']);

/**
 * Every SMS in or out. Outbound rows are planned ahead with a unique key
 * ("booking:<id>:<start minute>:reminder:1440"), so planning twice plans once; inbound rows are keyed by
 * Twilio's MessageSid, so a retried webhook stores nothing twice.
 */
export const smsMessages = pgTable(
  'sms_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null only for an inbound message from a number no client has. */
    orgId: uuid('org_id').references(() => orgs.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'cascade' }),
    bookingId: uuid('booking_id').references(() => bookings.id, { onDelete: 'set null' }),
    direction: smsDirection('direction').notNull(),
    kind: smsKind('kind').notNull(),
    state: smsState('state').notNull(),
    key: text('key').notNull(),
    body: text('body').notNull(),
    /** Inbound: the sender's number (outbound reads the client's current phone at send time). */
    fromPhone: text('from_phone'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    providerSid: text('provider_sid'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /** Why it was skipped or deferred, or what an inbound reply did. */
    reason: text('reason'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sms_messages_key_idx').on(t.key),
    uniqueIndex('sms_messages_provider_sid_idx').on(t.providerSid).where(sql`${t.providerSid} is not null`),
    index('sms_messages_due_idx').on(t.dueAt).where(sql`${t.state} in ('scheduled', 'deferred', 'sending')`),
    index('sms_messages_client_idx').on(t.clientId, t.createdAt),
    index('sms_messages_booking_idx').on(t.bookingId),
  ],
);

/** An org's own wording for each automatic message; the defaults apply to kinds without a row. */
export const smsTemplates = pgTable(
  'sms_templates',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    kind: smsTemplateKind('kind').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind] })],
);
