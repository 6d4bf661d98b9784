// Reading the mode once per unit of work, and the operator's switch (audited as data_policy.mode_changed).
import type { Db } from '../../../db/client';
import type { StatementExecutor } from '../../../db/executor';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { Actor, AuditService } from '../../audit';
import { onceRef, policyFor, type SeedablePolicyRef } from './policy';
import * as repo from './policy.repo';
import type { PolicyMode } from './policy.table';

/** The unit of work's policy: one read of system_flags on first use, shared by every read after it. */
export const loadPolicyRef = (db: () => StatementExecutor): SeedablePolicyRef =>
  onceRef(async () => policyFor((await repo.readMode(db())).mode));

/**
 * The mode as a column of another statement, and what to do with its value: a request's session lookup carries
 * it, so a signed-in read that needs the policy makes no round trip of its own for it (the flag is one row).
 */
export const policyRider = (ref: SeedablePolicyRef) => ({
  column: () => repo.modeColumn(),
  take: (value: unknown) => ref.seed(repo.modeOf(value)),
});

export function createDataPolicyService(deps: { db: Db; audit: AuditService }) {
  return {
    status: () => repo.readMode(deps.db),

    /** The operator's switch. A no-op change writes nothing and records nothing. */
    async setMode(actor: Actor, mode: PolicyMode): Promise<{ mode: PolicyMode; changed: boolean }> {
      // The pages call this directly: the route's high-risk mark does not reach them (ADR 029).
      if (actor.impersonatorId)
        throw new AppError(ErrorCode.IMPERSONATION_BLOCKED, 'You cannot switch the data policy while impersonating.');
      return deps.db.transaction(async (tx) => {
        const before = await repo.readMode(tx);
        if (before.mode === mode) return { mode, changed: false };
        await repo.writeMode(tx, mode, actor.id);
        await deps.audit.record(
          {
            actor,
            action: 'data_policy.mode_changed',
            target: { type: 'system', id: repo.POLICY_FLAG },
            payload: { from: before.mode, to: mode },
          },
          tx,
        );
        return { mode, changed: true };
      });
    },
  };
}

export type DataPolicyService = ReturnType<typeof createDataPolicyService>;
