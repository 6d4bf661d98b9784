// The moderators' side (the `moderation` permission): the queue grouped by target, actions — hide, warn,
// suspend, lift, dismiss — each in one transaction with its audit row (the reason in it) and the closing of
// the target's open reports, the author told after the commit; appeals and their one decision.
import type { Db } from '../../../db/client';
import { refuseWhileImpersonating } from '../../../http/guards';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { Actor, AuditService } from '../../audit';
import type { Notifier } from '../../notifications';
import { createModerationAdminRepo } from './moderation-admin.repo';
import { noticeOf } from './moderation.present';
import { type ActionRow, createModerationRepo } from './moderation.repo';
import { type ActionInput, type DecideInput, MAX_SUSPEND_DAYS, type QueueGroup, type TargetKind } from './moderation.schema';

const DAY_MS = 86_400_000;
const conflict = (message: string) => new AppError(ErrorCode.CONFLICT, message);
const invalid = (path: string, message: string) => new AppError(ErrorCode.VALIDATION, message, { fields: [{ path, message }] });
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export interface ModerationAdminDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  notify: Notifier;
}

export function createModerationAdminService(deps: ModerationAdminDeps) {
  const admin = createModerationAdminRepo(deps.db);

  /** A suspension's end: required for suspend (in the future, within a year), refused on every other kind. */
  function untilOf(input: ActionInput, now: Date): Date | null {
    if (input.kind !== 'suspend') {
      if (input.until !== undefined) throw invalid('until', 'Only a suspension has an end');
      return null;
    }
    if (input.until === undefined) throw invalid('until', 'Say until when');
    const until = new Date(input.until);
    if (until.getTime() <= now.getTime()) throw invalid('until', 'The end must be in the future');
    if (until.getTime() > now.getTime() + MAX_SUSPEND_DAYS * DAY_MS) throw invalid('until', `At most ${MAX_SUSPEND_DAYS} days`);
    return until;
  }

  /** Tells the author after the commit; a lost notice never undoes the action (the notices page has it). */
  const tell = (a: ActionRow, kind: 'hide' | 'warn' | 'suspend' | 'lift' | 'upheld' | 'overturned', reason: string) =>
    deps.notify.notify({
      userId: a.targetUserId,
      type: 'social.moderation',
      dedupeKey: `moderation:${a.id}:${kind}`,
      data: {
        actionId: a.id,
        kind,
        targetKind: a.targetKind as TargetKind,
        reason,
        until: kind === 'suspend' ? iso(a.suspendUntil) : null,
      },
    });

  return {
    /** The queue: targets with open reports first (oldest first), each with its content and every report's reason. */
    async queue(): Promise<QueueGroup[]> {
      const groups = await admin.groups(100);
      const ids = (k: TargetKind) => groups.filter((g) => g.targetKind === k).map((g) => g.targetId);
      const [ps, cs, people] = await Promise.all([
        admin.postsById(ids('post')),
        admin.commentsById(ids('comment')),
        admin.people([...new Set(groups.map((g) => g.targetUserId))]),
      ]);
      const post = new Map(ps.map((p) => [p.id, p]));
      const comment = new Map(cs.map((c) => [c.id, c]));
      const person = new Map(people.map((p) => [p.id, p]));
      return groups.map((g) => {
        const who = person.get(g.targetUserId);
        const p = g.targetKind === 'post' ? post.get(g.targetId) : undefined;
        const c = g.targetKind === 'comment' ? comment.get(g.targetId) : undefined;
        const content =
          g.targetKind === 'profile'
            ? {
                exists: !!who,
                title: who?.displayName ?? null,
                body: null,
                postId: null,
                visibility: null,
                hiddenAt: null,
                hiddenReason: null,
              }
            : {
                exists: !!(p ?? c),
                title: p?.title ?? null,
                body: p?.body ?? c?.body ?? null,
                postId: p?.id ?? c?.postId ?? null,
                visibility: p?.visibility ?? null,
                hiddenAt: iso(p?.hiddenAt ?? c?.hiddenAt),
                hiddenReason: p?.hiddenReason ?? c?.hiddenReason ?? null,
              };
        return {
          targetKind: g.targetKind,
          targetId: g.targetId,
          targetUser: { id: g.targetUserId, displayName: who?.displayName ?? null, suspendedUntil: iso(who?.suspendedUntil) },
          content,
          open: g.open,
          total: g.total,
          firstReportedAt: g.firstReportedAt,
          reports: g.reports.map((r) => ({ ...r, reason: r.reason as QueueGroup['reports'][number]['reason'] })),
        };
      });
    },

    /** One action on one target, with its audit row and the target's open reports closed, in one transaction. */
    async act(actor: Actor, input: ActionInput) {
      refuseWhileImpersonating(actor, 'moderate');
      const now = deps.clock.now();
      const until = untilOf(input, now);
      const target = await createModerationRepo(deps.db).target(input.targetKind, input.targetId);
      if (!target) throw new AppError(ErrorCode.NOT_FOUND, `No such ${input.targetKind === 'profile' ? 'athlete' : input.targetKind}.`);
      const { kind, targetKind, targetId, reason } = input;
      const { action, closed } = await deps.db.transaction(async (tx) => {
        const r = createModerationAdminRepo(tx);
        if (kind === 'hide') {
          if (targetKind === 'profile') throw invalid('targetKind', 'A profile is not hidden: suspend its athlete');
          if (!(await r.hide(targetKind, targetId, reason, now))) throw conflict(`This ${targetKind} is hidden already.`);
        } else if (kind === 'lift') {
          const lifted = targetKind === 'profile' ? await r.unsuspend(target.userId, now) : await r.unhide(targetKind, targetId);
          if (!lifted) throw conflict(targetKind === 'profile' ? 'No suspension is running.' : `This ${targetKind} is not hidden.`);
        } else if (kind === 'suspend') {
          await r.suspend(target.userId, until!, now);
        }
        const closed = await r.closeReports(targetKind, targetId, kind === 'dismiss' ? 'dismissed' : 'actioned', actor.id, now);
        if (kind === 'dismiss' && closed.length === 0) throw conflict('There are no open reports to dismiss.');
        const action = await r.insertAction({
          targetUserId: target.userId,
          kind,
          targetKind,
          targetId,
          reason,
          suspendUntil: until,
          actorId: actor.id,
          reportId: closed[0] ?? null,
          createdAt: now,
        });
        await deps.audit.record(
          {
            actor,
            action: `moderation.${kind}`,
            target: { type: 'user', id: target.userId },
            payload: { reason, actionId: action.id, targetKind, targetId, until: iso(until), reportsClosed: closed.length },
          },
          tx,
        );
        return { action, closed };
      });
      if (kind !== 'dismiss') await tell(action, kind, reason);
      return { ...noticeOf(action), targetUserId: action.targetUserId, reportsClosed: closed.length };
    },

    /** Appealed actions, undecided first, with whose they are. */
    async appeals() {
      const rows = await admin.appeals(100);
      const people = new Map((await admin.people([...new Set(rows.map((a) => a.targetUserId))])).map((p) => [p.id, p]));
      return rows.map((a) => ({
        ...noticeOf(a),
        targetUserId: a.targetUserId,
        targetUser: { id: a.targetUserId, displayName: people.get(a.targetUserId)?.displayName ?? null },
      }));
    },

    /** Decides an appeal once; overturned reverses a hide or a running suspension. Audited; the author is told. */
    async decide(actor: Actor, actionId: string, input: DecideInput) {
      refuseWhileImpersonating(actor, 'moderate');
      const now = deps.clock.now();
      const decided = await deps.db.transaction(async (tx) => {
        const r = createModerationAdminRepo(tx);
        const a = await r.decide(actionId, input.decision, input.reason, actor.id, now);
        if (!a) {
          const found = await createModerationRepo(tx).action(actionId);
          if (!found) throw new AppError(ErrorCode.NOT_FOUND, 'No such moderation action.');
          throw conflict(found.appealedAt ? 'This appeal is decided already.' : 'This action was not appealed.');
        }
        if (input.decision === 'overturned') {
          if (a.kind === 'hide' && a.targetKind !== 'profile') await r.unhide(a.targetKind as 'post' | 'comment', a.targetId);
          if (a.kind === 'suspend') await r.unsuspend(a.targetUserId, now);
        }
        await deps.audit.record(
          {
            actor,
            action: `moderation.appeal_${input.decision}`,
            target: { type: 'user', id: a.targetUserId },
            payload: { reason: input.reason, actionId: a.id, kind: a.kind, targetKind: a.targetKind, targetId: a.targetId },
          },
          tx,
        );
        return a;
      });
      await tell(decided, input.decision, input.reason);
      return { ...noticeOf(decided), targetUserId: decided.targetUserId, reportsClosed: 0 };
    },
  };
}
export type ModerationAdminService = ReturnType<typeof createModerationAdminService>;
