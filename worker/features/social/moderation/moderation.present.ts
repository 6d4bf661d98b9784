// Rows → the API's JSON: an action as its author reads it (also the moderator's view of it).
import type { ActionRow } from './moderation.repo';
import { APPEALABLE, type ActionKind, type Notice, type TargetKind } from './moderation.schema';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function noticeOf(a: ActionRow): Notice {
  const kind = a.kind as ActionKind;
  return {
    id: a.id,
    kind,
    targetKind: a.targetKind as TargetKind,
    targetId: a.targetId,
    reason: a.reason,
    suspendUntil: iso(a.suspendUntil),
    createdAt: a.createdAt.toISOString(),
    appeal:
      a.appealText !== null && a.appealedAt !== null
        ? {
            text: a.appealText,
            at: a.appealedAt.toISOString(),
            decision: (a.appealDecision as 'upheld' | 'overturned' | null) ?? null,
            decisionReason: a.appealDecisionReason,
            decidedAt: iso(a.appealDecidedAt),
          }
        : null,
    appealable: a.appealedAt === null && APPEALABLE.includes(kind),
  };
}
