import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from './coach';
import { users } from './users';

/** Who pays: an athlete (Free/Pro/Elite) or a coaching org (Team). */
export const billingOwnerType = pgEnum('billing_owner_type', ['user', 'org']);

/**
 * Our Stripe customer per payer, made before the first checkout (its metadata carries our id); one per
 * owner, so a double-clicked "Upgrade" finds the customer the first click made.
 */
export const billingCustomers = pgTable(
  'billing_customers',
  {
    stripeCustomerId: text('stripe_customer_id').primaryKey(),
    ownerType: billingOwnerType('owner_type').notNull(),
    ownerId: uuid('owner_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When syncCustomer last read this customer's subscriptions from Stripe. */
    syncedAt: timestamp('synced_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('billing_customers_owner_idx').on(t.ownerType, t.ownerId)],
);

/**
 * The mirror of a customer's Stripe subscriptions, written only by syncCustomer (delete and rewrite per
 * customer, under the customer's row lock), so event order and replays cannot leave it wrong.
 */
export const subscriptionMirror = pgTable(
  'subscription_mirror',
  {
    stripeSubscriptionId: text('stripe_subscription_id').primaryKey(),
    stripeCustomerId: text('stripe_customer_id')
      .notNull()
      .references(() => billingCustomers.stripeCustomerId, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    /** free | pro | elite | team, from the price's lookup key; null for a price we do not sell. */
    tier: text('tier'),
    interval: text('interval'),
    priceLookupKey: text('price_lookup_key'),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    trialEnd: timestamp('trial_end', { withTimezone: true }),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    canceledAt: timestamp('canceled_at', { withTimezone: true }),
    /** Since when Stripe has said past_due (kept across syncs while it stays so): the grace clock. */
    pastDueSince: timestamp('past_due_since', { withTimezone: true }),
    hasPaymentMethod: boolean('has_payment_method').notNull().default(false),
    syncedAt: timestamp('synced_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('subscription_mirror_customer_idx').on(t.stripeCustomerId)],
);

export const grantKind = pgEnum('membership_grant_kind', ['comp', 'invite_trial']);

/**
 * Time-bound tiers given without Stripe: operator comps (audited, revocable) and invite-code trials.
 * The self-serve trial is a Stripe subscription instead (so adding a card continues it). A grant is an
 * athlete's (Pro/Elite) or an org's (Team), never both.
 */
export const membershipGrants = pgTable(
  'membership_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').references(() => orgs.id, { onDelete: 'cascade' }),
    kind: grantKind('kind').notNull(),
    tier: text('tier').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    reason: text('reason').notNull().default(''),
    grantedBy: uuid('granted_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('membership_grants_user_idx').on(t.userId, t.endsAt),
    index('membership_grants_org_idx').on(t.orgId, t.endsAt),
    check(
      'membership_grants_tier_check',
      sql`(${t.userId} is not null and ${t.orgId} is null and ${t.tier} in ('pro', 'elite')) or (${t.orgId} is not null and ${t.userId} is null and ${t.tier} = 'team')`,
    ),
    check('membership_grants_window_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** The self-serve Pro trial, once per athlete: the row is the "used" mark, whatever became of the trial. */
export const membershipTrials = pgTable('membership_trials', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  stripeSubscriptionId: text('stripe_subscription_id'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Monthly usage per athlete and kind; `period` is the athlete's local month (YYYY-MM). A unit is taken
 * by one conditional upsert (used < limit), so concurrent requests at the limit cannot overshoot.
 */
export const usageCounters = pgTable(
  'usage_counters',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    used: integer('used').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.period] }), check('usage_counters_used_check', sql`${t.used} >= 0`)],
);

/** One row per unit taken, so a refund gives back exactly that unit, once (refunded_at is set once). */
export const usageUnits = pgTable(
  'usage_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    period: text('period').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
  },
  (t) => [index('usage_units_user_idx').on(t.userId, t.kind, t.period)],
);
