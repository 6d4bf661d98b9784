import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { activities } from './activities';
import { users } from './users';

/**
 * The social layer (issue 42, ADR 083). Everything is private until the athlete chooses: no row here means a
 * private profile, posts private by default, out of the directory, no public page and off every leaderboard.
 * A stricter setting above wins: profile → post → field.
 */
export const socialProfiles = pgTable(
  'social_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'private' approves each follower; 'public' accepts follows at once. */
    profileVisibility: text('profile_visibility').notNull().default('private'),
    /** A page anyone (signed out too) may open, only when the athlete turns it on. */
    publicPage: boolean('public_page').notNull().default(false),
    /** Findable by name in the directory; hidden by default. */
    inDirectory: boolean('in_directory').notNull().default(false),
    defaultPostVisibility: text('default_post_visibility').notNull().default('private'),
    /** Fields hidden on every post, whatever the post says. */
    hideMap: boolean('hide_map').notNull().default(false),
    hideHeartRate: boolean('hide_heart_rate').notNull().default(false),
    hidePacePower: boolean('hide_pace_power').notNull().default(false),
    hideNotes: boolean('hide_notes').notNull().default(false),
    /** The first and last metres of every shared map hidden (ADR 082): 200 m by default, up to a mile. */
    endCutM: integer('end_cut_m').notNull().default(200),
    hideWholeMap: boolean('hide_whole_map').notNull().default(false),
    leaderboardOptIn: boolean('leaderboard_opt_in').notNull().default(false),
    /** A moderation suspension: nothing new is shared until then; export and deletion stay open. */
    suspendedUntil: timestamp('suspended_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('social_profiles_visibility_check', sql`${t.profileVisibility} in ('public', 'private')`),
    check('social_profiles_post_visibility_check', sql`${t.defaultPostVisibility} in ('public', 'followers', 'private')`),
    check('social_profiles_end_cut_check', sql`${t.endCutM} between 0 and 1609`),
  ],
);

/** An address the athlete hides on every shared map (ADR 082): the disc is shifted by a secret stable offset. */
export const privacyZones = pgTable(
  'privacy_zones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    lat: doublePrecision('lat').notNull(),
    lon: doublePrecision('lon').notNull(),
    radiusM: integer('radius_m').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('privacy_zones_radius_check', sql`${t.radiusM} between 200 and 1609`),
    check('privacy_zones_label_check', sql`char_length(${t.label}) between 1 and 60`),
    index('privacy_zones_user_idx').on(t.userId),
  ],
);

/** A follow, or a request to follow a private profile (pending until accepted; a decline deletes it). */
export const follows = pgTable(
  'follows',
  {
    followerId: uuid('follower_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    followeeId: uuid('followee_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.followerId, t.followeeId] }),
    check('follows_status_check', sql`${t.status} in ('pending', 'accepted')`),
    check('follows_self_check', sql`${t.followerId} <> ${t.followeeId}`),
    index('follows_followee_idx').on(t.followeeId, t.status),
  ],
);

/** A block: symmetric in effect everywhere, whoever made it. */
export const blocks = pgTable(
  'blocks',
  {
    blockerId: uuid('blocker_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blockedId: uuid('blocked_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.blockerId, t.blockedId] }),
    check('blocks_self_check', sql`${t.blockerId} <> ${t.blockedId}`),
    index('blocks_blocked_idx').on(t.blockedId),
  ],
);

/** A mute: a followed athlete's posts kept out of the feed without unfollowing; the muted one is not told. */
export const mutes = pgTable(
  'mutes',
  {
    muterId: uuid('muter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    mutedId: uuid('muted_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.muterId, t.mutedId] }), check('mutes_self_check', sql`${t.muterId} <> ${t.mutedId}`)],
);

/**
 * A training-log entry: an activity shared (its numbers come from the activity, through the one serializer) or a
 * free entry. `dayAt` orders the feed by the day trained, so a late upload lands with its day, not on top.
 */
export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    activityId: uuid('activity_id').references(() => activities.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body'),
    /** A free entry's own numbers; an activity post reads the activity's. */
    sport: text('sport'),
    durationS: integer('duration_s'),
    distanceM: doublePrecision('distance_m'),
    rpe: smallint('rpe'),
    visibility: text('visibility').notNull(),
    hideMap: boolean('hide_map').notNull().default(false),
    hideHeartRate: boolean('hide_heart_rate').notNull().default(false),
    hidePacePower: boolean('hide_pace_power').notNull().default(false),
    hideNotes: boolean('hide_notes').notNull().default(false),
    /** When it was trained: the activity's start, or the entry's. */
    dayAt: timestamp('day_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Hidden by a moderator: seen by its author only, with the reason. */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
  },
  (t) => [
    check('posts_kind_check', sql`${t.kind} in ('activity', 'entry')`),
    check('posts_activity_check', sql`(${t.kind} = 'activity') = (${t.activityId} is not null)`),
    check('posts_visibility_check', sql`${t.visibility} in ('public', 'followers', 'private')`),
    check('posts_title_check', sql`char_length(${t.title}) between 1 and 200`),
    check('posts_body_check', sql`${t.body} is null or char_length(${t.body}) <= 2000`),
    check('posts_rpe_check', sql`${t.rpe} is null or ${t.rpe} between 1 and 10`),
    uniqueIndex('posts_activity_idx').on(t.activityId),
    index('posts_author_day_idx').on(t.authorId, t.dayAt, t.id),
    // The feed's keyset order, read backwards per followee (migration 0054).
    index('posts_author_feed_idx').on(t.authorId, t.dayAt, t.createdAt, t.id),
  ],
);

export const postKudos = pgTable(
  'post_kudos',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] }), index('post_kudos_user_idx').on(t.userId)],
);

/** A comment on a post (≤ 1,000 characters); its author or the post's author may delete it. */
export const postComments = pgTable(
  'post_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
  },
  (t) => [
    check('post_comments_body_check', sql`char_length(${t.body}) between 1 and 1000`),
    index('post_comments_post_idx').on(t.postId, t.createdAt),
    index('post_comments_author_idx').on(t.authorId),
  ],
);
