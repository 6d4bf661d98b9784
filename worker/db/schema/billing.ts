import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clients, orgs, packageTypes } from './coach';
import { users } from './users';

/**
 * Every Stripe event we accepted (signature verified), once per Stripe event id: a redelivery or a
 * replay finds the row and adds nothing. The queue consumer sets processed_at and the outcome.
 */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stripeEventId: text('stripe_event_id').notNull(),
    type: text('type').notNull(),
    /** Stripe's own `created` (when the event happened at Stripe). */
    created: timestamp('created', { withTimezone: true }).notNull(),
    payload: jsonb('payload').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** processed | duplicate | ignored | unresolved | not_paid | … (set with processed_at). */
    outcome: text('outcome'),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    uniqueIndex('stripe_events_event_id_idx').on(t.stripeEventId),
    index('stripe_events_unprocessed_idx').on(t.receivedAt).where(sql`${t.processedAt} is null`),
    // The retention sweep's rows: payloads not yet erased, by age.
    index('stripe_events_payload_retention_idx').on(t.receivedAt).where(sql`${t.payload} <> '{}'::jsonb`),
  ],
);

export const moneyKind = pgEnum('money_kind', ['income', 'refund', 'expense']);
export const moneySource = pgEnum('money_source', ['stripe', 'manual']);

/**
 * The coach's money, one row per income, refund or expense, in integer minor units (cents) and
 * always positive: the kind says which way it goes. Stripe rows carry the Stripe key they came
 * from (`external_id`, unique), so a replayed event can never count twice.
 */
export const moneyEvents = pgTable(
  'money_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    kind: moneyKind('kind').notNull(),
    amountCents: integer('amount_cents').notNull(),
    /** ISO 4217, lower case as Stripe writes it. */
    currency: text('currency').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** The org-local calendar date of occurred_at (at write time). */
    occurredOn: date('occurred_on').notNull(),
    clientId: uuid('client_id').references(() => clients.id, { onDelete: 'set null' }),
    packageTypeId: uuid('package_type_id').references(() => packageTypes.id, { onDelete: 'set null' }),
    source: moneySource('source').notNull(),
    externalId: text('external_id'),
    /** Stripe payment intent the money moved through: links a refund to its payment. */
    paymentRef: text('payment_ref'),
    description: text('description').notNull().default(''),
    category: text('category'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('money_events_external_idx').on(t.externalId).where(sql`${t.externalId} is not null`),
    index('money_events_org_time_idx').on(t.orgId, t.occurredAt),
    index('money_events_client_idx').on(t.clientId, t.occurredAt),
    index('money_events_payment_idx').on(t.paymentRef).where(sql`${t.paymentRef} is not null`),
    check('money_events_amount_positive', sql`${t.amountCents} > 0`),
    check('money_events_currency', sql`${t.currency} ~ '^[a-z]{3}$'`),
  ],
);
