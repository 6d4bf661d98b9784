// The athlete's calendar feed: rows keyed by the SHA-256 of the URL's token (the token itself is never
// stored). At most one live (unrevoked) feed per athlete; the partial unique index enforces it.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { calendarFeeds, users } from '../../../db/schema';

export type FeedRow = typeof calendarFeeds.$inferSelect;

export function createCalendarFeedsRepo(db: Executor) {
  return {
    async live(userId: string): Promise<FeedRow | undefined> {
      const [row] = await db
        .select()
        .from(calendarFeeds)
        .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
        .orderBy(desc(calendarFeeds.createdAt))
        .limit(1);
      return row;
    },

    /** Serializes feed changes of one athlete to the end of the transaction (two creates at once: one after the other). */
    async lock(userId: string): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`calendar_feed:${userId}`}, 0))`);
    },

    /** Revokes the athlete's live feed, if any; true when one was live. */
    async revoke(userId: string, now: Date): Promise<boolean> {
      const rows = await db
        .update(calendarFeeds)
        .set({ revokedAt: now })
        .where(and(eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt)))
        .returning({ id: calendarFeeds.id });
      return rows.length > 0;
    },

    async insert(userId: string, tokenHash: string, now: Date): Promise<FeedRow> {
      const [row] = await db.insert(calendarFeeds).values({ userId, tokenHash, createdAt: now }).returning();
      return row!;
    },

    /** The live feed a token hash names, with what the feed needs of its owner (no session to read it from). */
    async byTokenHash(tokenHash: string) {
      const [row] = await db
        .select({
          feedId: calendarFeeds.id,
          user: {
            id: users.id,
            displayName: users.displayName,
            units: users.units,
            timeZone: users.timeZone,
            birthDate: users.birthDate,
            sex: users.sex,
            analyticsVersion: users.analyticsVersion,
          },
          blockedAt: users.blockedAt,
        })
        .from(calendarFeeds)
        .innerJoin(users, eq(users.id, calendarFeeds.userId))
        .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)));
      return row;
    },
  };
}
