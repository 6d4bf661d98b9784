import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { AuditService } from '../../audit';
import { maskEmail, maskName } from '../../support';
import type { DeletionStarter, StartedDeletion } from './deletion-starter';
import type { OperatorInitiator } from './initiator';
import { type QueueRow, createPrivacyRequestsRepo } from './requests.repo';

const DAY = 86_400_000;
const MASK = '•••';
const REIMPORT_FAILED_ACTION =
  'Nothing to answer: the athlete sees this reason on Settings → Data and can import a corrected archive again. Nothing was restored past the failure.';

function present(r: QueueRow, now: Date, pii: boolean) {
  const label = (email: string | null, name: string | null) =>
    email ? (pii ? `${name ?? ''} <${email}>`.trim() : `${name ? maskName(name) : ''} ${maskEmail(email)}`.trim()) : null;
  // A re-import has no legal due date; a failed one shows why, and what can be done, instead.
  const legal = r.kind !== 'reimport';
  const answered = !legal || !['queued', 'running', 'failed'].includes(r.status);
  const failure =
    r.kind === 'reimport' && r.status === 'failed'
      ? { reason: r.error == null ? 'No reason was recorded.' : pii ? r.error : MASK, action: REIMPORT_FAILED_ACTION }
      : null;
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    subject: { userId: r.userId, label: label(r.userEmail, r.userName), orgId: r.orgId, orgName: r.orgName },
    requestedBy: {
      kind: r.requestedBy || r.reason ? ('operator' as const) : ('self' as const),
      operatorId: r.requestedBy,
      label: label(r.requesterEmail, r.requesterName),
    },
    // An operator's words can name the person: masked with the rest.
    reason: r.reason == null ? null : pii ? r.reason : MASK,
    requestedAt: r.requestedAt.toISOString(),
    dueAt: legal ? r.dueAt.toISOString() : null,
    runAfter: r.runAfter.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    overdue: r.overdue,
    daysLeft: answered ? null : Math.floor((r.dueAt.getTime() - now.getTime()) / DAY),
    failure,
  };
}

export type QueueEntryView = ReturnType<typeof present>;

/** The operators' queue of data-subject requests, and the deletions an owner starts for someone. */
export function createPrivacyRequestsService(deps: { db: Db; clock: Clock; audit: AuditService; deletions: DeletionStarter }) {
  const repo = createPrivacyRequestsRepo(deps.db);
  return {
    async queue(opts: { scope: 'open' | 'all'; pii: boolean; limit?: number }) {
      const now = deps.clock.now();
      const [rows, counts] = await Promise.all([
        repo.queue(now, { open: opts.scope === 'open', limit: opts.limit ?? 200 }),
        repo.counts(now),
      ]);
      return { counts, entries: rows.map((r) => present(r, now, opts.pii)) };
    },

    retentionRuns: (limit = 5) => repo.retentionRuns(limit),

    /**
     * An owner asks for someone's account deletion (a request by letter, a court order, an abandoned
     * minor's account…): the same queued deletion with its grace period, with the owner and reason on it.
     */
    async requestDeletionAsOperator(by: OperatorInitiator, input: { userId: string; reason: string }): Promise<StartedDeletion> {
      const subject = await repo.subject(input.userId);
      if (!subject) throw new AppError(ErrorCode.NOT_FOUND, 'No account with this id.');
      if (subject.id === by.userId)
        throw new AppError(ErrorCode.FORBIDDEN, 'Delete your own account from Settings → Delete account, not from the console.');
      if (subject.role === 'owner') throw new AppError(ErrorCode.FORBIDDEN, 'An owner account cannot be deleted from the console.');
      const started = await deps.deletions.requestDeletion({ userId: subject.id, requestedBy: by.userId, reason: input.reason });
      await deps.audit.record({
        actor: { id: by.userId, role: by.role },
        action: 'privacy.deletion_requested_by_operator',
        target: { type: 'user', id: subject.id },
        payload: {
          requestId: started.requestId,
          reason: input.reason,
          created: started.created,
          dueAt: started.dueAt.toISOString(),
          runAfter: started.runAfter.toISOString(),
        },
      });
      return started;
    },
  };
}

export type PrivacyRequestsService = ReturnType<typeof createPrivacyRequestsService>;
