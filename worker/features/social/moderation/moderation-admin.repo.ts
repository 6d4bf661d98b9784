// Moderation's SQL on the operator's side: the queue grouped by target with what the moderator must read, the
// actions and their effects (hidden posts and comments, suspensions), closing a target's reports, appeals.
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { moderationActions, moderationReports, postComments, posts, socialProfiles, users } from '../../../db/schema';
import type { ActionRow } from './moderation.repo';
import type { TargetKind } from './moderation.schema';

export interface GroupRow {
  targetKind: TargetKind;
  targetId: string;
  targetUserId: string;
  open: number;
  total: number;
  firstReportedAt: string;
  reports: { id: string; reason: string; note: string | null; status: string; createdAt: string }[];
}

export function createModerationAdminRepo(db: Executor) {
  return {
    /** Reports grouped by target: targets with open reports first, oldest first; then the latest closed ones. */
    async groups(limit: number): Promise<GroupRow[]> {
      const { rows } = await db.execute(sql`
        select target_kind as "targetKind", target_id as "targetId", target_user_id as "targetUserId",
               (count(*) filter (where status = 'open'))::int as "open", count(*)::int as "total",
               min(created_at) as "firstReportedAt",
               json_agg(json_build_object('id', id, 'reason', reason, 'note', note, 'status', status, 'createdAt', created_at)
                        order by created_at) as "reports"
        from ${moderationReports}
        group by target_kind, target_id, target_user_id
        order by (count(*) filter (where status = 'open') > 0) desc,
                 case when count(*) filter (where status = 'open') > 0 then min(created_at) end asc,
                 max(coalesce(resolved_at, created_at)) desc
        limit ${limit}`);
      return (rows as unknown as GroupRow[]).map((r) => ({ ...r, firstReportedAt: new Date(r.firstReportedAt).toISOString() }));
    },

    postsById: (ids: string[]) =>
      ids.length
        ? db
            .select({
              id: posts.id,
              title: posts.title,
              body: posts.body,
              visibility: posts.visibility,
              hiddenAt: posts.hiddenAt,
              hiddenReason: posts.hiddenReason,
            })
            .from(posts)
            .where(inArray(posts.id, ids))
        : Promise.resolve([]),

    commentsById: (ids: string[]) =>
      ids.length
        ? db
            .select({
              id: postComments.id,
              body: postComments.body,
              postId: postComments.postId,
              hiddenAt: postComments.hiddenAt,
              hiddenReason: postComments.hiddenReason,
            })
            .from(postComments)
            .where(inArray(postComments.id, ids))
        : Promise.resolve([]),

    people: (ids: string[]) =>
      ids.length
        ? db
            .select({ id: users.id, displayName: users.displayName, suspendedUntil: socialProfiles.suspendedUntil })
            .from(users)
            .leftJoin(socialProfiles, eq(socialProfiles.userId, users.id))
            .where(inArray(users.id, ids))
        : Promise.resolve([]),

    insertAction: async (row: typeof moderationActions.$inferInsert): Promise<ActionRow> =>
      (await db.insert(moderationActions).values(row).returning())[0]!,

    /** Closes the target's open reports; returns their ids (the first is the action's report). */
    async closeReports(kind: TargetKind, targetId: string, status: 'actioned' | 'dismissed', by: string, at: Date): Promise<string[]> {
      const rows = await db
        .update(moderationReports)
        .set({ status, resolvedBy: by, resolvedAt: at })
        .where(and(eq(moderationReports.targetKind, kind), eq(moderationReports.targetId, targetId), eq(moderationReports.status, 'open')))
        .returning({ id: moderationReports.id, createdAt: moderationReports.createdAt });
      return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map((r) => r.id);
    },

    /** Hides a post or comment that is not hidden yet (false: it already was, or is gone). */
    async hide(kind: 'post' | 'comment', id: string, reason: string, at: Date): Promise<boolean> {
      const t = kind === 'post' ? posts : postComments;
      const rows = await db
        .update(t)
        .set({ hiddenAt: at, hiddenReason: reason })
        .where(and(eq(t.id, id), isNull(t.hiddenAt)))
        .returning({ id: t.id });
      return rows.length > 0;
    },

    /** Shows a hidden post or comment again (false: it was not hidden). */
    async unhide(kind: 'post' | 'comment', id: string): Promise<boolean> {
      const t = kind === 'post' ? posts : postComments;
      const rows = await db
        .update(t)
        .set({ hiddenAt: null, hiddenReason: null })
        .where(and(eq(t.id, id), isNotNull(t.hiddenAt)))
        .returning({ id: t.id });
      return rows.length > 0;
    },

    /** Sets the suspension's end, writing the settings row (private defaults) if the athlete never chose. */
    suspend: (userId: string, until: Date, at: Date) =>
      db
        .insert(socialProfiles)
        .values({ userId, suspendedUntil: until })
        .onConflictDoUpdate({ target: socialProfiles.userId, set: { suspendedUntil: until, updatedAt: at } }),

    /** Ends a running suspension (false: none was running). */
    async unsuspend(userId: string, at: Date): Promise<boolean> {
      const rows = await db
        .update(socialProfiles)
        .set({ suspendedUntil: null, updatedAt: at })
        .where(and(eq(socialProfiles.userId, userId), sql`${socialProfiles.suspendedUntil} > ${at}`))
        .returning({ id: socialProfiles.userId });
      return rows.length > 0;
    },

    /** Appealed actions: undecided first (oldest appeal first), then the latest decided. */
    appeals: (limit: number) =>
      db
        .select()
        .from(moderationActions)
        .where(isNotNull(moderationActions.appealedAt))
        .orderBy(sql`${moderationActions.appealDecision} is null desc`, asc(moderationActions.appealedAt), desc(moderationActions.id))
        .limit(limit),

    /** Decides an appeal once: only an appealed, undecided action (null otherwise). Locks it for the effect. */
    async decide(id: string, decision: 'upheld' | 'overturned', reason: string, by: string, at: Date): Promise<ActionRow | null> {
      const [a] = await db
        .update(moderationActions)
        .set({ appealDecision: decision, appealDecisionReason: reason, appealDecidedBy: by, appealDecidedAt: at })
        .where(and(eq(moderationActions.id, id), isNotNull(moderationActions.appealedAt), isNull(moderationActions.appealDecision)))
        .returning();
      return a ?? null;
    },
  };
}
export type ModerationAdminRepo = ReturnType<typeof createModerationAdminRepo>;
