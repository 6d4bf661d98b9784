// The port through which the operators' queue starts an account deletion: the deletion service (privacy/deletion,
// ADR 042) implements it, wired in worker/wiring/operator.ts.
import { GRACE_DAYS } from '../deletion/deletion.schema';

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
export const DELETION_GRACE_DAYS = GRACE_DAYS;

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
