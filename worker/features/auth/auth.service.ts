import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { randomToken, sha256Hex } from '../../lib/crypto';
import { AppError, ErrorCode } from '../../lib/errors';
import { refuseWhileImpersonating } from '../../http/guards';
import type { Logger } from '../../lib/logger';
import type { EmailSender } from '../../providers/email/email';
import type { Actor, AuditService } from '../audit';
import type { InvitesService } from '../invites';
import { createAuthRepo, type UserRow } from './auth.repo';
import type { LoginInput, RegisterInput, ResetPasswordInput } from './auth.schema';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { passwordWeakness } from './password-policy';
import type { SessionsService } from './sessions.service';
import { createLoginThrottle, throttleKeys } from './throttle';
import { resetEmail } from './reset-email';

const RESET_TTL_MS = 30 * 60_000;
const BAD_CREDENTIALS = 'Email or password is incorrect.';
export const BLOCKED_MESSAGE = 'This account is blocked. Contact support.';

// Verifying against this when the account does not exist keeps failures equally slow either way.
let dummyHash: Promise<string> | null = null;
const getDummyHash = () => (dummyHash ??= hashPassword(randomToken(16)));

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

interface Deps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  invites: InvitesService;
  sessions: SessionsService;
  email: EmailSender;
  logger: Logger;
  appOrigin: string;
  /** Runs work after the response (ctx.waitUntil), so response time does not reveal whether an account exists. */
  defer: (work: Promise<unknown>) => void;
}

/** `field` names the input the error belongs to, as the caller's form spells it. */
function assertStrong(password: string, email: string, field = 'password'): void {
  const weakness = passwordWeakness(password, { email });
  if (weakness) throw new AppError(ErrorCode.WEAK_PASSWORD, weakness, { fields: [{ path: field, message: weakness }] });
}

export function createAuthService(deps: Deps) {
  const repo = createAuthRepo(deps.db);
  const throttle = createLoginThrottle(repo);

  // The token lives only in the mail: the database keeps its hash, logs and audit rows its user id.
  const sendResetLink = async (user: UserRow) => {
    const token = randomToken(32);
    await repo.insertResetToken({
      tokenHash: await sha256Hex(token),
      userId: user.id,
      expiresAt: new Date(deps.clock.now().getTime() + RESET_TTL_MS),
    });
    const link = new URL(`/reset-password?token=${encodeURIComponent(token)}`, deps.appOrigin).toString();
    await deps.email.send(resetEmail(user, link));
    deps.logger.info('password reset email sent', { userId: user.id });
  };

  return {
    async register(input: RegisterInput, meta: RequestMeta): Promise<{ user: UserRow; token: string }> {
      assertStrong(input.password, input.email);
      const passwordHash = await hashPassword(input.password);
      const user = await deps.db.transaction(async (tx) =>
        deps.invites.admitWithInvite(tx, input.inviteCode, async () => {
          const created = await createAuthRepo(tx).insertUser({ email: input.email, passwordHash, displayName: input.displayName });
          if (!created) {
            throw new AppError(ErrorCode.EMAIL_TAKEN, 'An account with this email already exists. Log in instead.', {
              fields: [{ path: 'email', message: 'An account with this email already exists' }],
            });
          }
          await deps.audit.record(
            { actor: { id: created.id, role: created.role }, action: 'user.registered', target: { type: 'user', id: created.id } },
            tx,
          );
          return created;
        }),
      );
      const { token } = await deps.sessions.create(user, meta.userAgent);
      return { user, token };
    },

    async login(input: LoginInput, meta: RequestMeta, previousToken: string | null): Promise<{ user: UserRow; token: string }> {
      const now = deps.clock.now();
      const keys = await throttleKeys(input.email, meta.ip);
      await throttle.assertNotLocked(keys, now);
      const user = await repo.findUserByEmail(input.email);
      const valid = await verifyPassword(input.password, user?.passwordHash ?? (await getDummyHash()));
      if (!user || !valid) {
        await throttle.recordFailure(keys, now);
        throw new AppError(ErrorCode.INVALID_CREDENTIALS, BAD_CREDENTIALS);
      }
      await throttle.clearAccount(keys);
      // Said only after the password matched, so a wrong guess learns nothing about the account.
      if (user.blockedAt) throw new AppError(ErrorCode.ACCOUNT_BLOCKED, BLOCKED_MESSAGE);
      if (needsRehash(user.passwordHash)) await repo.updatePasswordHash(user.id, await hashPassword(input.password));
      // A fresh id on every login: a session fixed before login is never promoted.
      if (previousToken) await deps.sessions.revokeToken(previousToken);
      const { token } = await deps.sessions.create(user, meta.userAgent);
      return { user, token };
    },

    /** Always answers the same way; the lookup, token and email happen after the response. A blocked account gets no mail. */
    requestPasswordReset(email: string): void {
      deps.defer(
        (async () => {
          const user = await repo.findUserByEmail(email);
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
      const user = await repo.findUserById(userId);
      if (!user) return false;
      await sendResetLink(user);
      return true;
    },

    async resetPassword(input: ResetPasswordInput): Promise<void> {
      const now = deps.clock.now();
      const userId = await repo.consumeResetToken(await sha256Hex(input.token), now);
      if (!userId) throw new AppError(ErrorCode.TOKEN_INVALID, 'This reset link is invalid or has expired. Ask for a new one.');
      const user = await repo.findUserById(userId);
      if (!user) throw new AppError(ErrorCode.TOKEN_INVALID, 'This reset link is invalid or has expired. Ask for a new one.');
      assertStrong(input.password, user.email);
      await repo.updatePasswordHash(userId, await hashPassword(input.password));
      await repo.invalidateResetTokens(userId, now);
      // Whoever knew the old password is signed out everywhere.
      await deps.sessions.revokeAll(userId);
      await deps.audit.record({ actor: { id: userId, role: user.role }, action: 'password.reset', target: { type: 'user', id: userId } });
    },

    async changePassword(user: Actor, sessionId: string, current: string, next: string): Promise<void> {
      refuseWhileImpersonating(user, 'change the password');
      const row = await repo.findUserById(user.id);
      if (!row || !(await verifyPassword(current, row.passwordHash))) {
        throw new AppError(ErrorCode.VALIDATION, 'Your current password is incorrect.', {
          fields: [{ path: 'currentPassword', message: 'Your current password is incorrect' }],
        });
      }
      assertStrong(next, row.email, 'newPassword');
      await repo.updatePasswordHash(user.id, await hashPassword(next));
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
      const row = await repo.findUserById(viewer.id);
      if (!row?.mustChangePassword) throw new AppError(ErrorCode.CONFLICT, 'No password change is required. Use Settings to change it.');
      if (await verifyPassword(next, row.passwordHash)) {
        const message = 'Choose a password different from the temporary one.';
        throw new AppError(ErrorCode.VALIDATION, message, { fields: [{ path: 'newPassword', message }] });
      }
      assertStrong(next, row.email, 'newPassword');
      await repo.replaceTemporaryPassword(viewer.id, await hashPassword(next));
      await deps.sessions.revokeAll(viewer.id);
      const { token } = await deps.sessions.create({ id: row.id, authVersion: row.authVersion }, userAgent);
      await deps.audit.record({ actor: viewer, action: 'password.temporary_replaced', target: { type: 'user', id: viewer.id } });
      return { token };
    },

    async logoutEverywhere(actor: Actor): Promise<number> {
      refuseWhileImpersonating(actor, 'sign out every session');
      const revoked = await deps.sessions.revokeAll(actor.id);
      await deps.audit.record({ actor, action: 'sessions.revoked_all', target: { type: 'user', id: actor.id }, payload: { revoked } });
      return revoked;
    },

    /**
     * An account for someone who proved who they are to another provider (Strava) rather than with a
     * password: admitted through the same invite gate as `register`, in one transaction with it, with
     * an unusable password (`!<via>-only`) and the caller's placeholder email; audited as registered `via` it.
     */
    async createExternalAccount(input: { inviteCode: string; email: string; displayName: string; via: string }): Promise<UserRow> {
      return deps.db.transaction((tx) =>
        deps.invites.admitWithInvite(tx, input.inviteCode, async () => {
          const row = await createAuthRepo(tx).insertUser({
            email: input.email,
            passwordHash: `!${input.via}-only`,
            displayName: input.displayName,
          });
          if (!row) throw new Error('placeholder email already taken');
          await deps.audit.record(
            {
              actor: { id: row.id, role: row.role },
              action: 'user.registered',
              target: { type: 'user', id: row.id },
              payload: { via: input.via },
            },
            tx,
          );
          return row;
        }),
      );
    },

    /** Signs in an account that proved who it is elsewhere (a linked Strava account): a fresh session token. */
    async signInExternal(userId: string, userAgent: string | null): Promise<{ token: string }> {
      const user = await repo.findUserById(userId);
      if (!user) throw new Error('user vanished');
      if (user.blockedAt) throw new AppError(ErrorCode.ACCOUNT_BLOCKED, BLOCKED_MESSAGE);
      const { token } = await deps.sessions.create(user, userAgent);
      return { token };
    },

    permissionsOf: (userId: string) => repo.listPermissions(userId),

    /** A user as operators see them (never the password hash). */
    async userById(id: string): Promise<UserRow | null> {
      const found = await repo.findUserById(id);
      if (!found) return null;
      const { passwordHash: _hash, ...user } = found;
      return user;
    },

    /** The athlete's IANA zone (for dating files that carry no local time). */
    profileTimeZone: async (userId: string) => (await repo.findUserById(userId))?.timeZone ?? null,
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
