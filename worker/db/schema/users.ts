import { sql } from 'drizzle-orm';
import { boolean, date, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const userRole = pgEnum('user_role', ['athlete', 'coach', 'admin', 'owner', 'demo']);
export const unitSystem = pgEnum('unit_system', ['km', 'mi']);
export const sexValue = pgEnum('sex', ['female', 'male']);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull().default('athlete'),
    displayName: text('display_name').notNull(),
    units: unitSystem('units').notNull().default('km'),
    timeZone: text('time_zone').notNull().default('UTC'),
    // When the athlete chose or kept the zone (signup form, Settings, the Home question); null: never asked.
    timeZoneConfirmedAt: timestamp('time_zone_confirmed_at', { withTimezone: true }),
    birthDate: date('birth_date'),
    sex: sexValue('sex'),
    // Bumped on any privilege change; sessions minted under an older value are rotated.
    authVersion: integer('auth_version').notNull().default(1),
    // Bumped by every change to the athlete's training data: cached analytics answers are keyed by it.
    analyticsVersion: integer('analytics_version').notNull().default(0),
    /** Set by an operator's block: sessions are revoked, login, the calendar feed and the API refuse. */
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    blockedReason: text('blocked_reason'),
    /** An operator issued a one-time temporary password: every route but "set a new password" refuses. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`)],
);

/** A user as the app reads one (auth's `userColumns`): what every guard, route and loader sees. */
export type UserRow = {
  id: string;
  email: string;
  role: 'athlete' | 'coach' | 'admin' | 'owner' | 'demo';
  displayName: string;
  units: 'km' | 'mi';
  timeZone: string;
  /** Null until the athlete chose or kept a zone: the app then asks once whether to use the device's. */
  timeZoneConfirmedAt: Date | null;
  birthDate: string | null;
  sex: 'female' | 'male' | null;
  authVersion: number;
  analyticsVersion: number;
  /** Set while an operator has blocked the account (issue 16). */
  blockedAt: Date | null;
  /** A one-time temporary password is in force: only setting a new one is allowed. */
  mustChangePassword: boolean;
  createdAt: Date;
};

export const permissions = pgTable(
  'permissions',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    permission: text('permission').notNull(),
    grantedBy: uuid('granted_by').references(() => users.id, { onDelete: 'set null' }),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.permission] })],
);
