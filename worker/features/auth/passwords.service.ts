import type { Db } from '../../db/client';
import { refuseWhileImpersonating } from '../../http/guards';
import type { Clock } from '../../lib/clock';
import { randomToken, sha256Hex } from '../../lib/crypto';
import { AppError, ErrorCode } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { EmailSender } from '../../providers/email/email';
import type { Actor, AuditService } from '../audit';
import * as authRepo from './auth.repo';
import type { UserRow } from './auth.repo';
import type { ResetPasswordInput } from './auth.schema';
import { hashPassword, verifyPassword } from './password';
import { passwordWeakness } from './password-policy';
import { resetEmail } from './reset-email';
import type { SessionsService } from './sessions.service';

// Passwords after sign-up: the reset mail and its token, a change while signed in, and replacing an operator's temporary one.

const RESET_TTL_MS = 30 * 60_000;

/** `field` names the input the error belongs to, as the caller's form spells it. */
export function assertStrong(password: string, email: string, field = 'password'): void {
  const weakness = passwordWeakness(password, { email });
  if (weakness) throw new AppError(ErrorCode.WEAK_PASSWORD, weakness, { fields: [{ path: field, message: weakness }] });
}

export function createPasswordsService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  sessions: SessionsService;
  email: EmailSender;
  logger: Logger;
  appOrigin: string;
  /** PBKDF2 rounds for a new hash (PASSWORD_ITERATIONS). */
  passwordIterations: number;
  /** Runs work after the response (ctx.waitUntil), so response time does not reveal whether an account exists. */
  defer: (work: Promise<unknown>) => void;
}) {
  // The token lives only in the mail: the database keeps its hash, logs and audit rows its user id.
  const sendResetLink = async (user: UserRow) => {
    const token = randomToken(32);
    await authRepo.insertResetToken(deps.db, {
      tokenHash: await sha256Hex(token),
      userId: user.id,
      expiresAt: new Date(deps.clock.now().getTime() + RESET_TTL_MS),
    });
    const link = new URL(`/reset-password?token=${encodeURIComponent(token)}`, deps.appOrigin).toString();
    await deps.email.send(resetEmail(user, link));
    deps.logger.info('password reset email sent', { userId: user.id });
  };

  return {
    /** Always answers the same way; the lookup, token and email happen after the response. A blocked account gets no mail. */
    requestPasswordReset(email: string): void {
      deps.defer(
        (async () => {
          const user = await authRepo.findUserByEmail(deps.db, email);
          if (!user || user.blockedAt) return;
          await sendResetLink(user);
          await deps.audit.record({ actor: null, action: 'password.reset_requested', target: { type: 'user', id: user.id } });
        })().catch((err: unknown) =>
          deps.logger.error('password reset request failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
        ),
      );
    },

    /** The same reset mail, sent now on an operator's behalf (who audits it); false when there is no such user. */
    async sendPasswordReset(userId: string): Promise<boolean> {
      const user = await authRepo.findUserById(deps.db, userId);
      if (!user) return false;
      await sendResetLink(user);
      return true;
    },

    async resetPassword(input: ResetPasswordInput): Promise<void> {
      const now = deps.clock.now();
      const userId = await authRepo.consumeResetToken(deps.db, await sha256Hex(input.token), now);
      if (!userId) throw new AppError(ErrorCode.TOKEN_INVALID, 'This reset link is invalid or has expired. Ask for a new one.');
      const user = await authRepo.findUserById(deps.db, userId);
      if (!user) throw new AppError(ErrorCode.TOKEN_INVALID, 'This reset link is invalid or has expired. Ask for a new one.');
      assertStrong(input.password, user.email);
      await authRepo.updatePasswordHash(deps.db, userId, await hashPassword(input.password, deps.passwordIterations));
      await authRepo.invalidateResetTokens(deps.db, userId, now);
      // Whoever knew the old password is signed out everywhere.
      await deps.sessions.revokeAll(userId);
      await deps.audit.record({ actor: { id: userId, role: user.role }, action: 'password.reset', target: { type: 'user', id: userId } });
    },

    async changePassword(user: Actor, sessionId: string, current: string, next: string): Promise<void> {
      refuseWhileImpersonating(user, 'change the password');
      const row = await authRepo.findUserById(deps.db, user.id);
      if (!row || !(await verifyPassword(current, row.passwordHash))) {
        throw new AppError(ErrorCode.VALIDATION, 'Your current password is incorrect.', {
          fields: [{ path: 'currentPassword', message: 'Your current password is incorrect' }],
        });
      }
      assertStrong(next, row.email, 'newPassword');
      await authRepo.updatePasswordHash(deps.db, user.id, await hashPassword(next, deps.passwordIterations));
      const revoked = await deps.sessions.revokeAll(user.id, sessionId);
      await deps.audit.record({
        actor: user,
        action: 'password.changed',
        target: { type: 'user', id: user.id },
        payload: { otherSessionsRevoked: revoked },
      });
    },

    /**
     * Replaces an operator's one-time temporary password: it must differ from it and pass the policy;
     * the flag clears and every session (this one too) is replaced by the fresh one returned.
     */
    async setRequiredPassword(viewer: { id: string; role: string }, next: string, userAgent: string | null): Promise<{ token: string }> {
      const row = await authRepo.findUserById(deps.db, viewer.id);
      if (!row?.mustChangePassword) throw new AppError(ErrorCode.CONFLICT, 'No password change is required. Use Settings to change it.');
      if (await verifyPassword(next, row.passwordHash)) {
        const message = 'Choose a password different from the temporary one.';
        throw new AppError(ErrorCode.VALIDATION, message, { fields: [{ path: 'newPassword', message }] });
      }
      assertStrong(next, row.email, 'newPassword');
      await authRepo.replaceTemporaryPassword(deps.db, viewer.id, await hashPassword(next, deps.passwordIterations));
      await deps.sessions.revokeAll(viewer.id);
      const { token } = await deps.sessions.create({ id: row.id, authVersion: row.authVersion }, userAgent);
      await deps.audit.record({ actor: viewer, action: 'password.temporary_replaced', target: { type: 'user', id: viewer.id } });
      return { token };
    },
  };
}
