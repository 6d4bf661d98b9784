// The port through which the operators' queue starts an account deletion. The deletion work (privacy/deletion,
// ADR 042) implements it with `requestDeletion`; `queuedDeletionStarter` is the contract's minimal real form —
// the queued row with its grace period and legal due date — which the deletion job picks up. Merge: wire the
// deletion slice's implementation in worker/wiring/operator.ts and keep this one only if nothing else does it.
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { createPrivacyRequestsRepo } from './requests.repo';

export interface DeletionRequest {
  userId: string;
  /** The operator who asked for the person, or null when it is the person themselves. */
  requestedBy: string | null;
  /** Required when an operator asks (shown in the queue, kept in the audit row). */
  reason: string | null;
}

export interface StartedDeletion {
  requestId: string;
  dueAt: Date;
  runAfter: Date;
  /** False when an open deletion of this person already existed: that one is returned. */
  created: boolean;
}

export interface DeletionStarter {
  requestDeletion(input: DeletionRequest): Promise<StartedDeletion>;
}

/** Days before a deletion runs, while it can still be cancelled. */
export const DELETION_GRACE_DAYS = 7;

/** One calendar month after `from` (GDPR Art. 12(3)); the 31st of a month with fewer days ends on its last day. */
export function legalDueDate(from: Date): Date {
  const d = new Date(from);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + 1);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export function queuedDeletionStarter(deps: { db: Db; clock: Clock }): DeletionStarter {
  const repo = createPrivacyRequestsRepo(deps.db);
  return {
    async requestDeletion(input) {
      const now = deps.clock.now();
      const row = {
        ...input,
        requestedAt: now,
        dueAt: legalDueDate(now),
        runAfter: new Date(now.getTime() + DELETION_GRACE_DAYS * 86_400_000),
      };
      const created = await repo.insertDeletion(row);
      if (created) return { ...created, created: true };
      const open = await repo.openDeletion(input.userId);
      if (!open) throw new Error('no open deletion after a conflicting insert');
      return { ...open, created: false };
    },
  };
}
