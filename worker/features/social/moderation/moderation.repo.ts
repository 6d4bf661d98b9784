// Moderation's SQL on the athlete's side: what a reported target is and whose, the reporter's reports and
// their hourly count, the author's notices and their one appeal. Reads only the posts columns 0053 made.
import { and, desc, eq, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { moderationActions, moderationReports, postComments, posts, users } from '../../../db/schema';
import type { TargetKind } from './moderation.schema';

export type ReportRow = typeof moderationReports.$inferSelect;
export type ActionRow = typeof moderationActions.$inferSelect;

/** A target as moderation sees it: whose it is, whether a moderator hid it, and (post, comment) its post. */
export interface TargetRow {
  userId: string;
  hiddenAt: Date | null;
  post: { id: string; authorId: string; visibility: string; hiddenAt: Date | null } | null;
}

export function createModerationRepo(db: Executor) {
  return {
    async target(kind: TargetKind, id: string): Promise<TargetRow | null> {
      if (kind === 'profile') {
        const [u] = await db.select({ id: users.id }).from(users).where(eq(users.id, id)).limit(1);
        return u ? { userId: u.id, hiddenAt: null, post: null } : null;
      }
      if (kind === 'post') {
        const [p] = await db
          .select({ id: posts.id, authorId: posts.authorId, visibility: posts.visibility, hiddenAt: posts.hiddenAt })
          .from(posts)
          .where(eq(posts.id, id))
          .limit(1);
        return p ? { userId: p.authorId, hiddenAt: p.hiddenAt, post: p } : null;
      }
      const [c] = await db
        .select({
          authorId: postComments.authorId,
          hiddenAt: postComments.hiddenAt,
          postId: posts.id,
          postAuthorId: posts.authorId,
          visibility: posts.visibility,
          postHiddenAt: posts.hiddenAt,
        })
        .from(postComments)
        .innerJoin(posts, eq(posts.id, postComments.postId))
        .where(eq(postComments.id, id))
        .limit(1);
      return c
        ? {
            userId: c.authorId,
            hiddenAt: c.hiddenAt,
            post: { id: c.postId, authorId: c.postAuthorId, visibility: c.visibility, hiddenAt: c.postHiddenAt },
          }
        : null;
    },

    /** Serialises one reporter's reports (the hourly count and the insert), so ten at once cannot become twenty. */
    lockReporter: (reporterId: string) =>
      db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`moderation_report:${reporterId}`}, 0))`),

    /** The reporter's reports made since `since`: how many, and the oldest (when the window frees a place). */
    async madeSince(reporterId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
      const [r] = await db
        .select({ count: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${moderationReports.createdAt})` })
        .from(moderationReports)
        .where(and(eq(moderationReports.reporterId, reporterId), gte(moderationReports.createdAt, since)));
      return { count: r?.count ?? 0, oldest: r?.oldest ? new Date(r.oldest) : null };
    },

    /** The new report, or null when this reporter already reported this target (the first one stands). */
    async insertReport(row: typeof moderationReports.$inferInsert): Promise<ReportRow | null> {
      const [made] = await db.insert(moderationReports).values(row).onConflictDoNothing().returning();
      return made ?? null;
    },

    async reportOf(reporterId: string, kind: TargetKind, targetId: string): Promise<ReportRow | undefined> {
      const [r] = await db
        .select()
        .from(moderationReports)
        .where(
          and(
            eq(moderationReports.reporterId, reporterId),
            eq(moderationReports.targetKind, kind),
            eq(moderationReports.targetId, targetId),
          ),
        )
        .limit(1);
      return r;
    },

    /** What moderators did to this athlete's things, newest first (dismissals are not about them). */
    notices: (userId: string): Promise<ActionRow[]> =>
      db
        .select()
        .from(moderationActions)
        .where(and(eq(moderationActions.targetUserId, userId), ne(moderationActions.kind, 'dismiss')))
        .orderBy(desc(moderationActions.createdAt), desc(moderationActions.id))
        .limit(200),

    async action(id: string): Promise<ActionRow | undefined> {
      const [a] = await db.select().from(moderationActions).where(eq(moderationActions.id, id)).limit(1);
      return a;
    },

    /** The author's one appeal: written only while none was made, on a kind one may appeal. */
    async appeal(id: string, userId: string, text: string, at: Date, kinds: readonly string[]): Promise<ActionRow | null> {
      const [a] = await db
        .update(moderationActions)
        .set({ appealText: text, appealedAt: at })
        .where(
          and(
            eq(moderationActions.id, id),
            eq(moderationActions.targetUserId, userId),
            isNull(moderationActions.appealedAt),
            inArray(moderationActions.kind, [...kinds]),
          ),
        )
        .returning();
      return a ?? null;
    },
  };
}
export type ModerationRepo = ReturnType<typeof createModerationRepo>;
