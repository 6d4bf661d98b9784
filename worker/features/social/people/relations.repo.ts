// The only SQL of who stands where to whom: one round trip for a viewer and an owner, and the sets a feed or a
// board needs. A block counts whichever of the two made it (ADR 083).
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../../db/executor';
import { blocks, follows, mutes, socialProfiles, users } from '../../../db/schema';

export type SocialProfileRow = typeof socialProfiles.$inferSelect;

export interface PairRow {
  blocked: boolean;
  /** The viewer's follow of the owner: accepted, pending or none. */
  follow: 'accepted' | 'pending' | null;
  muted: boolean;
}

/** Whether either of the two blocked the other: the one condition every block check asks. */
const blockedSql = (a: string, b: string) =>
  sql<boolean>`exists (select 1 from ${blocks} where (${blocks.blockerId} = ${a} and ${blocks.blockedId} = ${b}) or (${blocks.blockerId} = ${b} and ${blocks.blockedId} = ${a}))`;

/** The viewer's accepted follows, minus blocks either way (the followee's id is `follows.followee_id`). */
const followedBy = (viewerId: string) =>
  and(
    eq(follows.followerId, viewerId),
    eq(follows.status, 'accepted'),
    sql`not exists (select 1 from ${blocks} where (${blocks.blockerId} = ${viewerId} and ${blocks.blockedId} = ${follows.followeeId}) or (${blocks.blockerId} = ${follows.followeeId} and ${blocks.blockedId} = ${viewerId}))`,
  );

export function createRelationsRepo(db: Executor | StatementExecutor) {
  return {
    async blockedBetween(a: string, b: string): Promise<boolean> {
      const [row] = await db.select({ blocked: blockedSql(a, b) }).from(sql`(select 1) as one`);
      return Boolean(row?.blocked);
    },
    async pair(viewerId: string, ownerId: string): Promise<PairRow> {
      const [row] = await db
        .select({
          blocked: blockedSql(viewerId, ownerId),
          follow: sql<
            'accepted' | 'pending' | null
          >`(select ${follows.status} from ${follows} where ${follows.followerId} = ${viewerId} and ${follows.followeeId} = ${ownerId})`,
          muted: sql<boolean>`exists (select 1 from ${mutes} where ${mutes.muterId} = ${viewerId} and ${mutes.mutedId} = ${ownerId})`,
        })
        .from(sql`(select 1) as one`);
      return { blocked: Boolean(row?.blocked), follow: row?.follow ?? null, muted: Boolean(row?.muted) };
    },
    /** The columns the serializer may show of a person (its PersonView), or undefined for nobody. */
    person: async (userId: string): Promise<{ id: string; displayName: string } | undefined> =>
      (await db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.id, userId)).limit(1))[0],
    profile: async (userId: string): Promise<SocialProfileRow | undefined> =>
      (await db.select().from(socialProfiles).where(eq(socialProfiles.userId, userId)).limit(1))[0],
    profiles: async (userIds: string[]): Promise<SocialProfileRow[]> =>
      userIds.length === 0 ? [] : db.select().from(socialProfiles).where(inArray(socialProfiles.userId, userIds)),
    /** Everyone the viewer follows (accepted), minus blocks either way. */
    async followees(viewerId: string): Promise<string[]> {
      const rows = await db.select({ id: follows.followeeId }).from(follows).where(followedBy(viewerId));
      return rows.map((r) => r.id);
    },
    /** The viewer and their followees as a subquery of one column, `id`: a feed page reads them in its own statement. */
    feedAuthors: (viewerId: string): SQL =>
      sql`select ${viewerId}::uuid as id union all select ${follows.followeeId} from ${follows} where ${followedBy(viewerId)}`,
    /** Everyone the viewer blocked or was blocked by. */
    async blockedEitherWay(viewerId: string): Promise<string[]> {
      const rows = await db
        .select({ a: blocks.blockerId, b: blocks.blockedId })
        .from(blocks)
        .where(or(eq(blocks.blockerId, viewerId), eq(blocks.blockedId, viewerId)));
      return [...new Set(rows.map((r) => (r.a === viewerId ? r.b : r.a)))];
    },
  };
}
