import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { AppError, ErrorCode, notFound } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import { hashPassword, type AuthService } from '../auth';
import { createOperatorAccountsRepo, type AccountTarget } from './operator-accounts.repo';
import type { AccountState } from './operator-accounts.schema';
import { generateTemporaryPassword } from './temporary-password';

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  auth: Pick<AuthService, 'sendPasswordReset'>;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
const OPERATOR_ROLES: readonly AccountTarget['role'][] = ['admin', 'owner', 'demo'];

const stateOf = (t: AccountTarget, sessionsRevoked = 0): AccountState => ({
  userId: t.id,
  blockedAt: t.blockedAt?.toISOString() ?? null,
  blockedReason: t.blockedReason,
  mustChangePassword: t.mustChangePassword,
  sessionsRevoked,
});

/**
 * Who may act on whom: never on yourself; an owner's account only by an owner; and a temporary
 * password (which the operator sees) for an operator's account only by an owner, or it would be a
 * way to take over an account with more power than your own.
 */
function assertMayActOn(actor: Actor, target: AccountTarget, opts: { revealsCredentials?: boolean } = {}): void {
  if (actor.id === target.id) throw new AppError(ErrorCode.FORBIDDEN, 'You cannot do this to your own account.');
  if (target.role === 'owner' && actor.role !== 'owner')
    throw new AppError(ErrorCode.FORBIDDEN, "Only an owner can act on an owner's account.");
  if (opts.revealsCredentials && OPERATOR_ROLES.includes(target.role) && actor.role !== 'owner')
    throw new AppError(ErrorCode.FORBIDDEN, 'Only an owner can issue a temporary password for an operator account.');
}

const refuseBlocked = (t: AccountTarget) => {
  if (t.blockedAt) throw new AppError(ErrorCode.CONFLICT, 'This account is blocked. Unblock it first.');
};

/** Account safety actions for operators (users.manage): each audited with its reason and before/after. */
export function createOperatorAccountsService(deps: Deps) {
  /** Runs `work` on the locked target inside one transaction, so the change and its audit row commit together. */
  const onTarget = <T>(userId: string, work: (tx: Tx, target: AccountTarget) => Promise<T>) =>
    deps.db.transaction(async (tx) => {
      const target = await createOperatorAccountsRepo(tx).lockTarget(userId);
      if (!target) throw notFound('User');
      return work(tx, target);
    });

  return {
    /** Blocks the account: login, sessions, the API and the calendar feed refuse it; every session ends now. */
    block: (actor: Actor, userId: string, reason: string): Promise<AccountState> =>
      onTarget(userId, async (tx, target) => {
        assertMayActOn(actor, target);
        refuseBlocked(target);
        const repo = createOperatorAccountsRepo(tx);
        const blockedAt = deps.clock.now();
        await repo.setBlocked(userId, blockedAt, reason);
        const sessionsRevoked = await repo.deleteAllSessions(userId);
        // A reset link mailed before the block must not outlive it.
        await repo.invalidateResetTokens(userId, blockedAt);
        const after = { ...target, blockedAt, blockedReason: reason };
        await deps.audit.record(
          {
            actor,
            action: 'operator.user_blocked',
            target: { type: 'user', id: userId },
            payload: { reason, before: { blocked: false }, after: { blocked: true, blockedAt: blockedAt.toISOString() }, sessionsRevoked },
          },
          tx,
        );
        return stateOf(after, sessionsRevoked);
      }),

    unblock: (actor: Actor, userId: string, reason: string): Promise<AccountState> =>
      onTarget(userId, async (tx, target) => {
        assertMayActOn(actor, target);
        if (!target.blockedAt) throw new AppError(ErrorCode.CONFLICT, 'This account is not blocked.');
        await createOperatorAccountsRepo(tx).setBlocked(userId, null, null);
        await deps.audit.record(
          {
            actor,
            action: 'operator.user_unblocked',
            target: { type: 'user', id: userId },
            payload: {
              reason,
              before: { blocked: true, blockedAt: target.blockedAt.toISOString(), blockedReason: target.blockedReason },
              after: { blocked: false },
            },
          },
          tx,
        );
        return stateOf({ ...target, blockedAt: null, blockedReason: null });
      }),

    /** The ordinary reset mail (a 30-minute one-time link to the user's own inbox); the token never leaves it. */
    async sendPasswordReset(actor: Actor, userId: string, reason: string): Promise<AccountState> {
      const target = await onTarget(userId, async (_tx, t) => {
        assertMayActOn(actor, t);
        refuseBlocked(t);
        return t;
      });
      if (!(await deps.auth.sendPasswordReset(userId))) throw notFound('User');
      await deps.audit.record({
        actor,
        action: 'operator.password_reset_sent',
        target: { type: 'user', id: userId },
        payload: { reason, before: {}, after: { resetLinkSent: true } },
      });
      return stateOf(target);
    },

    /**
     * A one-time temporary password, returned this once (only its hash is stored): sessions end, mailed
     * reset links die, and until the user sets their own every route but that one refuses them.
     */
    async issueTemporaryPassword(actor: Actor, userId: string, reason: string): Promise<AccountState & { temporaryPassword: string }> {
      const temporaryPassword = generateTemporaryPassword();
      const passwordHash = await hashPassword(temporaryPassword);
      return onTarget(userId, async (tx, target) => {
        assertMayActOn(actor, target, { revealsCredentials: true });
        refuseBlocked(target);
        const repo = createOperatorAccountsRepo(tx);
        await repo.setTemporaryPassword(userId, passwordHash);
        const sessionsRevoked = await repo.deleteAllSessions(userId);
        await repo.invalidateResetTokens(userId, deps.clock.now());
        await deps.audit.record(
          {
            actor,
            action: 'operator.temporary_password_issued',
            target: { type: 'user', id: userId },
            payload: {
              reason,
              before: { mustChangePassword: target.mustChangePassword },
              after: { mustChangePassword: true },
              sessionsRevoked,
            },
          },
          tx,
        );
        return { ...stateOf({ ...target, mustChangePassword: true }, sessionsRevoked), temporaryPassword };
      });
    },
  };
}

export type OperatorAccountsService = ReturnType<typeof createOperatorAccountsService>;
