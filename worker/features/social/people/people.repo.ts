// The people slice's SQL: settings, zones, follows, blocks, mutes and the directory. Who stands where to whom
// for reading is relations.repo.ts; this file writes those rows and lists them.
import { and, asc, type Column, count, eq, gt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { blocks, follows, mutes, privacyZones, socialProfiles, users } from '../../../db/schema';
import type { SocialSettingsUpdate, ZoneInput } from './people.schema';

const person = { id: users.id, displayName: users.displayName };
/** Neither has blocked the other (`other` is the listed person's id column). */
const notBlocked = (me: string, other: Column) =>
  sql`not exists (select 1 from ${blocks} where (${blocks.blockerId} = ${me} and ${blocks.blockedId} = ${other}) or (${blocks.blockerId} = ${other} and ${blocks.blockedId} = ${me}))`;

export function createPeopleRepo(db: Executor) {
  return {
    async user(id: string) {
      return (await db.select(person).from(users).where(eq(users.id, id)).limit(1))[0];
    },

    // Settings: the first save writes the row (private until chosen: no row means the defaults).
    async saveSettings(userId: string, patch: SocialSettingsUpdate, now: Date) {
      await db
        .insert(socialProfiles)
        .values({ userId, ...patch, updatedAt: now })
        .onConflictDoUpdate({ target: socialProfiles.userId, set: { ...patch, updatedAt: now } });
    },

    // Privacy zones: the owner's only.
    zones: (userId: string) =>
      db.select().from(privacyZones).where(eq(privacyZones.userId, userId)).orderBy(asc(privacyZones.createdAt), asc(privacyZones.id)),
    /** Adds a zone unless the athlete already has `max`; null then. The count and the insert are one statement. */
    async addZone(userId: string, z: ZoneInput, max: number) {
      const rows = await db.execute<{ id: string }>(sql`
        insert into ${privacyZones} (user_id, label, lat, lon, radius_m)
        select ${userId}, ${z.label}, ${z.lat}, ${z.lon}, ${z.radiusM}
        where (select count(*) from ${privacyZones} where user_id = ${userId}) < ${max}
        returning id`);
      return rows.rows?.[0]?.id ?? null;
    },
    async deleteZone(userId: string, id: string) {
      const rows = await db
        .delete(privacyZones)
        .where(and(eq(privacyZones.userId, userId), eq(privacyZones.id, id)))
        .returning({ id: privacyZones.id });
      return rows.length > 0;
    },

    // Follows.
    async follow(followerId: string, followeeId: string) {
      return (
        await db
          .select({ status: follows.status })
          .from(follows)
          .where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId)))
      )[0];
    },
    async insertFollow(followerId: string, followeeId: string, status: 'pending' | 'accepted', now: Date) {
      const rows = await db
        .insert(follows)
        .values({ followerId, followeeId, status, createdAt: now, acceptedAt: status === 'accepted' ? now : null })
        .onConflictDoNothing()
        .returning({ status: follows.status });
      return rows[0]?.status ?? null;
    },
    async deleteFollow(followerId: string, followeeId: string, status?: 'pending' | 'accepted') {
      const rows = await db
        .delete(follows)
        .where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId), status ? eq(follows.status, status) : undefined))
        .returning({ status: follows.status });
      return rows.length > 0;
    },
    async acceptFollow(followerId: string, followeeId: string, now: Date) {
      const rows = await db
        .update(follows)
        .set({ status: 'accepted', acceptedAt: now })
        .where(and(eq(follows.followerId, followerId), eq(follows.followeeId, followeeId), eq(follows.status, 'pending')))
        .returning({ status: follows.status });
      return rows.length > 0;
    },
    incoming: (me: string) =>
      db
        .select({ ...person, requestedAt: follows.createdAt })
        .from(follows)
        .innerJoin(users, eq(users.id, follows.followerId))
        .where(and(eq(follows.followeeId, me), eq(follows.status, 'pending'), notBlocked(me, users.id)))
        .orderBy(asc(follows.createdAt)),
    following: (me: string) =>
      db
        .select(person)
        .from(follows)
        .innerJoin(users, eq(users.id, follows.followeeId))
        .where(and(eq(follows.followerId, me), eq(follows.status, 'accepted'), notBlocked(me, users.id)))
        .orderBy(asc(users.displayName), asc(users.id)),
    followers: (me: string) =>
      db
        .select(person)
        .from(follows)
        .innerJoin(users, eq(users.id, follows.followerId))
        .where(and(eq(follows.followeeId, me), eq(follows.status, 'accepted'), notBlocked(me, users.id)))
        .orderBy(asc(users.displayName), asc(users.id)),
    /** Accepted follows both ways of one person, blocks left out. */
    async counts(userId: string) {
      const [followers] = await db
        .select({ n: count() })
        .from(follows)
        .where(and(eq(follows.followeeId, userId), eq(follows.status, 'accepted'), notBlocked(userId, follows.followerId)));
      const [following] = await db
        .select({ n: count() })
        .from(follows)
        .where(and(eq(follows.followerId, userId), eq(follows.status, 'accepted'), notBlocked(userId, follows.followeeId)));
      return { followers: followers?.n ?? 0, following: following?.n ?? 0 };
    },

    // Blocks and mutes.
    async insertBlock(blockerId: string, blockedId: string, now: Date) {
      await db.insert(blocks).values({ blockerId, blockedId, createdAt: now }).onConflictDoNothing();
    },
    /** Every follow and request between the two, either way. */
    async deleteFollowsBetween(a: string, b: string) {
      await db
        .delete(follows)
        .where(or(and(eq(follows.followerId, a), eq(follows.followeeId, b)), and(eq(follows.followerId, b), eq(follows.followeeId, a))));
    },
    async deleteBlock(blockerId: string, blockedId: string) {
      const rows = await db
        .delete(blocks)
        .where(and(eq(blocks.blockerId, blockerId), eq(blocks.blockedId, blockedId)))
        .returning({ id: blocks.blockedId });
      return rows.length > 0;
    },
    blocked: (me: string) =>
      db
        .select(person)
        .from(blocks)
        .innerJoin(users, eq(users.id, blocks.blockedId))
        .where(eq(blocks.blockerId, me))
        .orderBy(asc(users.displayName), asc(users.id)),
    async insertMute(muterId: string, mutedId: string, now: Date) {
      await db.insert(mutes).values({ muterId, mutedId, createdAt: now }).onConflictDoNothing();
    },
    async deleteMute(muterId: string, mutedId: string) {
      const rows = await db
        .delete(mutes)
        .where(and(eq(mutes.muterId, muterId), eq(mutes.mutedId, mutedId)))
        .returning({ id: mutes.mutedId });
      return rows.length > 0;
    },
    muted: (me: string) =>
      db
        .select(person)
        .from(mutes)
        .innerJoin(users, eq(users.id, mutes.mutedId))
        .where(and(eq(mutes.muterId, me), notBlocked(me, users.id)))
        .orderBy(asc(users.displayName), asc(users.id)),

    /** The directory: opted-in people whose name starts with `prefix`, by (lower name, id) after `after`. */
    directory(me: string, prefix: string, after: { name: string; id: string } | undefined, limit: number) {
      const lower = sql<string>`lower(${users.displayName})`;
      const escaped = prefix.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`);
      return db
        .select({ ...person, key: lower })
        .from(users)
        .innerJoin(socialProfiles, eq(socialProfiles.userId, users.id))
        .where(
          and(
            eq(socialProfiles.inDirectory, true),
            sql`${users.id} <> ${me}`,
            notBlocked(me, users.id),
            prefix ? sql`${lower} like ${`${escaped}%`}` : undefined,
            after ? or(gt(lower, after.name), and(eq(lower, after.name), gt(users.id, after.id))) : undefined,
          ),
        )
        .orderBy(asc(lower), asc(users.id))
        .limit(limit + 1);
    },
  };
}
export type PeopleRepo = ReturnType<typeof createPeopleRepo>;
