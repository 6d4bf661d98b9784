import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
  jsonb,
  boolean,
} from 'drizzle-orm/pg-core';
import { users } from './users';

export const orgRole = pgEnum('org_role', ['owner', 'coach']);
export const smsConsent = pgEnum('sms_consent', ['unknown', 'granted', 'revoked']);
export const clientPackageStatus = pgEnum('client_package_status', ['active', 'cancelled']);
export const ledgerKind = pgEnum('ledger_kind', ['use', 'release']);

/**
 * A coaching business. Its time zone and settings live here and only here: SMS text, quiet hours,
 * reminders, the calendar and reports all read them from this row.
 */
export const orgs = pgTable('orgs', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull(),
  quietStart: time('quiet_start'),
  quietEnd: time('quiet_end'),
  /** Minutes before a booking at which reminders go out. */
  reminderOffsets: jsonb('reminder_offsets').$type<number[]>().notNull().default([1440, 120]),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const orgMembers = pgTable(
  'org_members',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: orgRole('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A coach works in one org (the org is resolved from the signed-in coach on every request).
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), uniqueIndex('org_members_user_idx').on(t.userId)],
);

export const orgInviteStatus = pgEnum('org_invite_status', ['pending', 'accepted', 'declined', 'cancelled']);

/**
 * An owner's invitation for a coach to join the org, addressed to an email (so it can go out before the
 * person has an account, and the owner learns nothing about which emails have one). Accepted by the
 * signed-in user with that email; at most one pending invitation per org and address.
 */
export const orgInvites = pgTable(
  'org_invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    status: orgInviteStatus('status').notNull().default('pending'),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('org_invites_pending_idx').on(t.orgId, sql`lower(${t.email})`).where(sql`${t.status} = 'pending'`),
    index('org_invites_email_idx').on(sql`lower(${t.email})`),
  ],
);

export const clients = pgTable(
  'clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** E.164. */
    phone: text('phone'),
    email: text('email'),
    notes: text('notes').notNull().default(''),
    smsConsent: smsConsent('sms_consent').notNull().default('unknown'),
    athleteUserId: uuid('athlete_user_id').references(() => users.id, { onDelete: 'set null' }),
    archived: boolean('archived').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('clients_org_idx').on(t.orgId, t.name),
    uniqueIndex('clients_org_phone_idx').on(t.orgId, t.phone).where(sql`${t.phone} is not null`),
  ],
);

export const athleteLinkStatus = pgEnum('athlete_link_status', ['pending', 'accepted', 'declined', 'cancelled', 'revoked']);

/**
 * The athlete's consent for a coach's org to see their training as one of its clients. The coach asks by
 * email; the athlete signed in with that email accepts or declines, and either side can end it later.
 * The row stays as the record of who agreed when. At most one live (pending or accepted) link per client,
 * and an athlete is linked to at most one client of an org.
 */
export const athleteLinks = pgTable(
  'athlete_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    status: athleteLinkStatus('status').notNull().default('pending'),
    athleteUserId: uuid('athlete_user_id').references(() => users.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Set while the athlete lets this coach's org change their training plan; only the athlete sets or clears it. */
    planEditGrantedAt: timestamp('plan_edit_granted_at', { withTimezone: true }),
    /** Set while the athlete shares their wellness with this coach's org (a consent beside training's); only they set it. */
    wellnessSharedAt: timestamp('wellness_shared_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('athlete_links_live_idx').on(t.clientId).where(sql`${t.status} in ('pending', 'accepted')`),
    uniqueIndex('athlete_links_athlete_idx').on(t.orgId, t.athleteUserId).where(sql`${t.status} = 'accepted'`),
    index('athlete_links_email_idx').on(sql`lower(${t.email})`).where(sql`${t.status} = 'pending'`),
  ],
);

export const packageTypes = pgTable('package_types', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => orgs.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  sessions: integer('sessions').notNull(),
  sessionMinutes: integer('session_minutes').notNull(),
  priceCents: integer('price_cents').notNull(),
  currency: text('currency').notNull(),
  validityDays: integer('validity_days'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const clientPackages = pgTable(
  'client_packages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    packageTypeId: uuid('package_type_id').references(() => packageTypes.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    sessionsTotal: integer('sessions_total').notNull(),
    sessionsRemaining: integer('sessions_remaining').notNull(),
    purchasedOn: date('purchased_on').notNull(),
    expiresOn: date('expires_on'),
    status: clientPackageStatus('status').notNull().default('active'),
    /** What created it: a coach ("manual") or a payment (the Stripe object id), unique so a replay adds nothing. */
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('client_packages_client_idx').on(t.clientId, t.expiresOn),
    uniqueIndex('client_packages_source_idx').on(t.source).where(sql`${t.source} <> 'manual'`),
    // The count can never leave [0, total], whatever path changes it.
    check('client_packages_remaining_range', sql`${t.sessionsRemaining} between 0 and ${t.sessionsTotal}`),
  ],
);

/**
 * Every change to a session count, keyed by its cause ("booking:<id>", "manual:<client id>:<idempotency key>"):
 * the unique cause makes each effect happen at most once. A release points at the use it undoes.
 */
export const sessionLedger = pgTable(
  'session_ledger',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    clientPackageId: uuid('client_package_id')
      .notNull()
      .references(() => clientPackages.id, { onDelete: 'cascade' }),
    kind: ledgerKind('kind').notNull(),
    cause: text('cause').notNull(),
    releaseOf: uuid('release_of'),
    bookingId: uuid('booking_id'),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('session_ledger_kind_cause_idx').on(t.kind, t.cause),
    uniqueIndex('session_ledger_release_of_idx').on(t.releaseOf).where(sql`${t.releaseOf} is not null`),
    index('session_ledger_client_idx').on(t.clientId, t.createdAt),
  ],
);

export const bookingStatus = pgEnum('booking_status', ['scheduled', 'confirmed', 'completed', 'cancelled', 'no_show']);

export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    coachId: uuid('coach_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    location: text('location').notNull().default(''),
    notes: text('notes').notNull().default(''),
    status: bookingStatus('status').notNull().default('scheduled'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('bookings_org_starts_idx').on(t.orgId, t.startsAt),
    index('bookings_coach_starts_idx').on(t.coachId, t.startsAt),
    index('bookings_open_ends_idx').on(t.endsAt).where(sql`${t.status} in ('scheduled', 'confirmed')`),
    check('bookings_ends_after_starts', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);
