// The athlete's side of moderation: report what they can see (one report per target, ten an hour), read what
// moderators did to their own things and why, and appeal each once (issue 42, ADR 083).
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode } from '../../../lib/errors';
import { createRelations } from '../people/relations';
import { noticeOf } from './moderation.present';
import { createModerationRepo, type TargetRow } from './moderation.repo';
import { APPEALABLE, type Notice, type ReportInput, type TargetKind } from './moderation.schema';

/** Reports one athlete may file in any hour: enough for a bad evening, too few to flood the queue. */
export const REPORTS_PER_HOUR = 10;
const HOUR_MS = 3_600_000;

const WHAT: Record<TargetKind, string> = { post: 'post', comment: 'comment', profile: 'athlete' };
const notFound = (kind: TargetKind) => new AppError(ErrorCode.NOT_FOUND, `No such ${WHAT[kind]}.`);

export function createModerationService(deps: { db: Db; clock: Clock }) {
  const repo = createModerationRepo(deps.db);
  const relations = createRelations(deps.db);

  /** Whether the reporter can see the target now — the same answer the feed and the profile give (ADR 083). */
  async function visible(reporterId: string, kind: TargetKind, t: TargetRow): Promise<boolean> {
    const rel = await relations.between(reporterId, t.userId);
    if (rel.kind === 'blocked') return false;
    if (kind === 'profile' || !t.post) return true;
    if (t.hiddenAt) return false;
    const post = t.post;
    const postRel = post.authorId === t.userId ? rel : await relations.between(reporterId, post.authorId);
    if (postRel.kind === 'blocked') return false;
    if (postRel.kind === 'self') return true;
    if (post.hiddenAt) return false;
    // A private profile caps its posts at followers, whatever the post says (a stricter setting above wins).
    const profile = (await relations.settings(post.authorId)).profileVisibility;
    const shown = profile === 'private' && post.visibility === 'public' ? 'followers' : post.visibility;
    return shown === 'public' || (shown === 'followers' && postRel.kind === 'follower');
  }

  return {
    /** Files a report, or answers the one this reporter already filed on the target (`already`). */
    async report(reporterId: string, input: ReportInput) {
      const t = await repo.target(input.targetKind, input.targetId);
      if (!t) throw notFound(input.targetKind);
      if (t.userId === reporterId)
        throw new AppError(ErrorCode.VALIDATION, `You cannot report your own ${WHAT[input.targetKind]}.`, {
          fields: [{ path: 'targetId', message: 'This is yours' }],
        });
      if (!(await visible(reporterId, input.targetKind, t))) throw notFound(input.targetKind);
      const now = deps.clock.now();
      const { row, already } = await deps.db.transaction(async (tx) => {
        const r = createModerationRepo(tx);
        await r.lockReporter(reporterId);
        const before = await r.reportOf(reporterId, input.targetKind, input.targetId);
        if (before) return { row: before, already: true };
        const made = await r.madeSince(reporterId, new Date(now.getTime() - HOUR_MS));
        if (made.count >= REPORTS_PER_HOUR) {
          const frees = (made.oldest?.getTime() ?? now.getTime()) + HOUR_MS;
          throw new AppError(ErrorCode.RATE_LIMITED, `You can report ${REPORTS_PER_HOUR} things an hour; try again later.`, {
            retryAfterSeconds: Math.max(1, Math.ceil((frees - now.getTime()) / 1000)),
          });
        }
        const inserted = await r.insertReport({
          reporterId,
          targetKind: input.targetKind,
          targetId: input.targetId,
          targetUserId: t.userId,
          reason: input.reason,
          note: input.note ? input.note : null,
          createdAt: now,
        });
        return { row: inserted!, already: false };
      });
      return {
        id: row.id,
        targetKind: row.targetKind as TargetKind,
        targetId: row.targetId,
        reason: row.reason as ReportInput['reason'],
        status: row.status as 'open' | 'actioned' | 'dismissed',
        createdAt: row.createdAt.toISOString(),
        already,
      };
    },

    /** What moderators did to this athlete's posts, comments and profile, newest first, each with its reason. */
    notices: async (userId: string): Promise<Notice[]> => (await repo.notices(userId)).map(noticeOf),

    /** The author's one appeal of an action on their things: 404 if not theirs, 409 a second time or on a lift. */
    async appeal(userId: string, actionId: string, text: string): Promise<Notice> {
      const done = await repo.appeal(actionId, userId, text, deps.clock.now(), APPEALABLE);
      if (done) return noticeOf(done);
      const a = await repo.action(actionId);
      if (!a || a.targetUserId !== userId || a.kind === 'dismiss') throw new AppError(ErrorCode.NOT_FOUND, 'No such moderation notice.');
      if (a.appealedAt) throw new AppError(ErrorCode.CONFLICT, 'You have appealed this already; a moderator will decide once.');
      throw new AppError(ErrorCode.CONFLICT, 'There is nothing to appeal here: this notice restored what was hidden or suspended.');
    },
  };
}
export type ModerationService = ReturnType<typeof createModerationService>;
