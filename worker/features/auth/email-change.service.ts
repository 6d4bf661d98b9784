import { isUniqueViolation } from '../../db/pg-errors';
import type { Db } from '../../db/client';
import { refuseWhileImpersonating } from '../../http/guards';
import type { Clock } from '../../lib/clock';
import { randomToken, sha256Hex } from '../../lib/crypto';
import { AppError, ErrorCode } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { EmailSender } from '../../providers/email/email';
import type { Actor, AuditService } from '../audit';
import * as authRepo from './auth.repo';
import { confirmEmailChangeEmail, emailChangedNotice } from './email-change-email';
import * as repo from './email-change.repo';
import type { EmailChangeRow } from './email-change.repo';
import { verifyPassword } from './password';
import type { SessionsService } from './sessions.service';
import { createLoginThrottle, throttleKeys } from './throttle';

// Changing the sign-in address (ADR 040). Asked for with the password (throttled like login); nothing changes
// until the link sent to the NEW address is opened (24 h, once); then the address moves, every other session
// ends (the confirming one is re-issued), and the OLD address gets an undo link (72 h, once). Link tokens
// live only in the mails: the table keeps their SHA-256.

export const CONFIRM_TTL_MS = 24 * 3600_000;
export const UNDO_TTL_MS = 72 * 3600_000;
/** Resends: not more often than this, and not more than MAX_SENDS per request. */
const RESEND_GAP_MS = 60_000;
const MAX_SENDS = 5;

export interface PendingEmailChange {
  newEmail: string;
  expiresAt: string;
  /** When "Send again" works next, or null when this request has used its sends. */
  resendAt: string | null;
}

const taken = () =>
  new AppError(ErrorCode.EMAIL_TAKEN, 'Another account already uses this address.', {
    fields: [{ path: 'newEmail', message: 'Another account already uses this address' }],
  });
const linkProblem = (what: string) => new AppError(ErrorCode.TOKEN_INVALID, what);

export function createEmailChangeService(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  sessions: SessionsService;
  email: EmailSender;
  logger: Logger;
  appOrigin: string;
}) {
  const throttle = createLoginThrottle(deps.db);
  const link = (path: string, token: string) => new URL(`${path}?token=${encodeURIComponent(token)}`, deps.appOrigin).toString();

  const present = (row: EmailChangeRow, now: Date): PendingEmailChange => ({
    newEmail: row.newEmail,
    expiresAt: row.confirmExpiresAt.toISOString(),
    resendAt: row.sends >= MAX_SENDS ? null : new Date(Math.max(now.getTime(), row.lastSentAt.getTime() + RESEND_GAP_MS)).toISOString(),
  });

  async function sendConfirmation(row: { newEmail: string }, displayName: string, token: string): Promise<void> {
    try {
      await deps.email.send(confirmEmailChangeEmail({ newEmail: row.newEmail, displayName }, link('/account/email/confirm', token)));
    } catch (err) {
      // The provider's outage, not ours: a clear 503 the user can retry (a new request replaces this one's link).
      deps.logger.warn('email change confirmation not sent', { errorName: err instanceof Error ? err.name : 'unknown' });
      throw new AppError(ErrorCode.UNAVAILABLE, 'We could not send the confirmation email just now. Please try again in a minute.', {
        retryAfterSeconds: 60,
      });
    }
  }

  async function ownAccount(actor: Actor, act: string) {
    refuseWhileImpersonating(actor, act);
    const user = await authRepo.findUserById(deps.db, actor.id);
    if (!user) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in again.');
    return user;
  }

  return {
    /** The open, unexpired request, as Settings shows it. */
    async pending(userId: string): Promise<PendingEmailChange | null> {
      const now = deps.clock.now();
      const row = await repo.findOpen(deps.db, userId);
      return row && row.confirmExpiresAt > now ? present(row, now) : null;
    },

    /**
     * The address a still-usable link is about, for its page: the new one for a confirmation link, the old one
     * for an undo link; null when the link would be refused anyway (the button then says why).
     */
    async linkAddress(kind: 'confirm' | 'undo', token: string): Promise<string | null> {
      const now = deps.clock.now();
      const row = await repo.findByHash(deps.db, kind, await sha256Hex(token));
      if (!row) return null;
      if (kind === 'confirm') return !row.confirmedAt && !row.cancelledAt && row.confirmExpiresAt > now ? row.newEmail : null;
      return !row.undoneAt && row.undoExpiresAt && row.undoExpiresAt > now ? row.oldEmail : null;
    },

    async request(actor: Actor, input: { newEmail: string; password: string }, meta: { ip: string }): Promise<PendingEmailChange> {
      const user = await ownAccount(actor, 'change the email address');
      const now = deps.clock.now();
      // The same throttle as login: a stolen session cannot guess the password here faster than at the sign-in form.
      const keys = await throttleKeys(user.email, meta.ip);
      await throttle.assertNotLocked(keys, now);
      if (!(await verifyPassword(input.password, user.passwordHash))) {
        await throttle.recordFailure(keys, now);
        throw new AppError(ErrorCode.VALIDATION, 'Your password is incorrect.', {
          fields: [{ path: 'password', message: 'Your password is incorrect' }],
        });
      }
      await throttle.clearAccount(keys);
      const newEmail = input.newEmail.trim().toLowerCase();
      if (newEmail === user.email.toLowerCase()) {
        throw new AppError(ErrorCode.VALIDATION, 'That is already your address.', {
          fields: [{ path: 'newEmail', message: 'That is already your address' }],
        });
      }
      if (await authRepo.findUserByEmail(deps.db, newEmail)) throw taken();
      const token = randomToken(32);
      const row = await deps.db.transaction(async (tx) => {
        await repo.cancelOpen(tx, user.id, now);
        return repo.insert(tx, {
          userId: user.id,
          oldEmail: user.email,
          newEmail,
          confirmTokenHash: await sha256Hex(token),
          confirmExpiresAt: new Date(now.getTime() + CONFIRM_TTL_MS),
          lastSentAt: now,
        });
      });
      await sendConfirmation(row, user.displayName, token);
      // Addresses stay out of the audit payload: the row names the user; the table keeps the addresses.
      await deps.audit.record({ actor, action: 'email.change_requested', target: { type: 'user', id: user.id } });
      return present(row, now);
    },

    /** A fresh link to the same new address; the previous link stops working. */
    async resend(actor: Actor): Promise<PendingEmailChange> {
      const user = await ownAccount(actor, 'change the email address');
      const now = deps.clock.now();
      const row = await repo.findOpen(deps.db, user.id);
      if (!row || row.confirmExpiresAt <= now) throw new AppError(ErrorCode.NOT_FOUND, 'There is no email change waiting. Start again.');
      if (row.sends >= MAX_SENDS) throw new AppError(ErrorCode.RATE_LIMITED, 'That link was sent 5 times already. Cancel and start again.');
      const wait = row.lastSentAt.getTime() + RESEND_GAP_MS - now.getTime();
      if (wait > 0) {
        const retryAfterSeconds = Math.ceil(wait / 1000);
        throw new AppError(ErrorCode.RATE_LIMITED, `The link was just sent. Try again in ${retryAfterSeconds} seconds.`, {
          retryAfterSeconds,
        });
      }
      const token = randomToken(32);
      const expiresAt = new Date(now.getTime() + CONFIRM_TTL_MS);
      await repo.replaceConfirmToken(deps.db, row.id, await sha256Hex(token), expiresAt, now);
      await sendConfirmation(row, user.displayName, token);
      return present({ ...row, confirmExpiresAt: expiresAt, lastSentAt: now, sends: row.sends + 1 }, now);
    },

    async cancel(actor: Actor): Promise<boolean> {
      const user = await ownAccount(actor, 'change the email address');
      const cancelled = await repo.cancelOpen(deps.db, user.id, deps.clock.now());
      if (cancelled) await deps.audit.record({ actor, action: 'email.change_cancelled', target: { type: 'user', id: user.id } });
      return cancelled > 0;
    },

    /**
     * The link from the new inbox. `viewer`: who opened it, if signed in; that session (if it is the account's
     * own) is re-issued, every other one ends. Returns the new session's token for the caller to set.
     */
    async confirm(
      token: string,
      viewer: { userId: string; impersonatorId: string | null; userAgent: string | null } | null,
    ): Promise<{ email: string; userId: string; sessionToken: string | null }> {
      if (viewer) refuseWhileImpersonating(viewer, 'change the email address');
      const now = deps.clock.now();
      const hash = await sha256Hex(token);
      const undoToken = randomToken(32);
      let done: { row: EmailChangeRow; user: { displayName: string; role: Actor['role']; authVersion: number } };
      try {
        done = await deps.db.transaction(async (tx) => {
          const row = await repo.lockByConfirmHash(tx, hash);
          if (!row) throw linkProblem('This confirmation link is not valid. Ask for a new one in Settings.');
          if (row.confirmedAt) throw linkProblem('This confirmation link was already used.');
          if (row.cancelledAt) throw linkProblem('This confirmation link was cancelled or replaced by a newer one. Use the latest email.');
          if (row.confirmExpiresAt <= now) throw linkProblem('This confirmation link has expired. Ask for a new one in Settings.');
          const user = await authRepo.findUserById(tx, row.userId);
          if (!user || !(await repo.switchEmail(tx, row.userId, row.oldEmail, row.newEmail))) {
            throw linkProblem('Your address changed since this link was sent. Ask for a new one in Settings.');
          }
          await repo.markConfirmed(tx, row.id, now, await sha256Hex(undoToken), new Date(now.getTime() + UNDO_TTL_MS));
          return { row, user };
        });
      } catch (err) {
        // Two accounts confirmed the same address: the unique index let the first one have it.
        if (isUniqueViolation(err))
          throw new AppError(ErrorCode.EMAIL_TAKEN, 'Another account took this address first. Choose another one in Settings.');
        throw err;
      }
      const { row } = done;
      const own = viewer && viewer.userId === row.userId ? viewer : null;
      await deps.sessions.revokeAll(row.userId);
      const session = own ? await deps.sessions.create({ id: row.userId, authVersion: done.user.authVersion }, own.userAgent) : null;
      await deps.email.send(
        emailChangedNotice(
          { oldEmail: row.oldEmail, newEmail: row.newEmail, displayName: done.user.displayName },
          link('/account/email/undo', undoToken),
        ),
      );
      await deps.audit.record({
        actor: { id: row.userId, role: done.user.role },
        action: 'email.changed',
        target: { type: 'user', id: row.userId },
      });
      return { email: row.newEmail, userId: row.userId, sessionToken: session?.token ?? null };
    },

    /** The link from the old inbox: the old address back, every session ended. */
    async undo(token: string, viewer: { impersonatorId: string | null } | null): Promise<{ email: string; userId: string }> {
      if (viewer) refuseWhileImpersonating(viewer, 'change the email address');
      const now = deps.clock.now();
      const hash = await sha256Hex(token);
      let row: EmailChangeRow;
      try {
        row = await deps.db.transaction(async (tx) => {
          const found = await repo.lockByUndoHash(tx, hash);
          if (!found) throw linkProblem('This link is not valid. Open it again from the email.');
          if (found.undoneAt) throw linkProblem('This link was already used: the old address is back.');
          if (!found.undoExpiresAt || found.undoExpiresAt <= now) {
            throw linkProblem('This link has expired (it works for 72 hours). To recover the account, contact support.');
          }
          if (!(await repo.switchEmail(tx, found.userId, found.newEmail, found.oldEmail))) {
            throw linkProblem('The address has changed again since. To recover the account, contact support.');
          }
          await repo.markUndone(tx, found.id, now);
          await repo.cancelOpen(tx, found.userId, now);
          return found;
        });
      } catch (err) {
        if (isUniqueViolation(err))
          throw new AppError(ErrorCode.EMAIL_TAKEN, 'Another account now uses the old address. To recover the account, contact support.');
        throw err;
      }
      const revoked = await deps.sessions.revokeAll(row.userId);
      await deps.audit.record({
        actor: null,
        action: 'email.change_undone',
        target: { type: 'user', id: row.userId },
        payload: { sessionsRevoked: revoked },
      });
      return { email: row.oldEmail, userId: row.userId };
    },
  };
}

export type EmailChangeService = ReturnType<typeof createEmailChangeService>;
