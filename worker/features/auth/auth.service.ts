import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { randomToken } from '../../lib/crypto';
import { AppError, ErrorCode } from '../../lib/errors';
import { refuseWhileImpersonating } from '../../http/guards';
import type { Logger } from '../../lib/logger';
import type { EmailSender } from '../../providers/email/email';
import type { Actor, AuditService } from '../audit';
import type { InvitesService } from '../invites';
import * as authRepo from './auth.repo';
import type { UserRow } from './auth.repo';
import type { LoginInput, RegisterInput } from './auth.schema';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { assertStrong, createPasswordsService } from './passwords.service';
import type { SessionsService } from './sessions.service';
import { createLoginThrottle, throttleKeys } from './throttle';

const BAD_CREDENTIALS = 'Email or password is incorrect.';
export const BLOCKED_MESSAGE = 'This account is blocked. Contact support.';

// Verifying against this when the account does not exist keeps failures equally slow either way (the same rounds).
const dummyHashes = new Map<number, Promise<string>>();
const getDummyHash = (iterations: number) => {
  const hash = dummyHashes.get(iterations) ?? hashPassword(randomToken(16), iterations);
  dummyHashes.set(iterations, hash);
  return hash;
};

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
  /** PBKDF2 rounds for a new hash (PASSWORD_ITERATIONS); a stored hash with fewer is redone at the next sign-in. */
  passwordIterations: number;
  /** Runs work after the response (ctx.waitUntil), so response time does not reveal whether an account exists. */
  defer: (work: Promise<unknown>) => void;
}

export function createAuthService(deps: Deps) {
  const throttle = createLoginThrottle(deps.db);

  return {
    ...createPasswordsService(deps),

    async register(input: RegisterInput, meta: RequestMeta): Promise<{ user: UserRow; token: string }> {
      assertStrong(input.password, input.email);
      const passwordHash = await hashPassword(input.password, deps.passwordIterations);
      const user = await deps.db.transaction(async (tx) =>
        deps.invites.admitWithInvite(tx, input.inviteCode, async () => {
          const created = await authRepo.insertUser(tx, {
            email: input.email,
            passwordHash,
            displayName: input.displayName,
            ...(input.timeZone ? { timeZone: input.timeZone, timeZoneConfirmedAt: deps.clock.now() } : {}),
          });
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
      const user = await authRepo.findUserByEmail(deps.db, input.email);
      const valid = await verifyPassword(input.password, user?.passwordHash ?? (await getDummyHash(deps.passwordIterations)));
      if (!user || !valid) {
        await throttle.recordFailure(keys, now);
        throw new AppError(ErrorCode.INVALID_CREDENTIALS, BAD_CREDENTIALS);
      }
      await throttle.clearAccount(keys);
      // Said only after the password matched, so a wrong guess learns nothing about the account.
      if (user.blockedAt) throw new AppError(ErrorCode.ACCOUNT_BLOCKED, BLOCKED_MESSAGE);
      if (needsRehash(user.passwordHash, deps.passwordIterations))
        await authRepo.updatePasswordHash(deps.db, user.id, await hashPassword(input.password, deps.passwordIterations));
      // A fresh id on every login: a session fixed before login is never promoted.
      if (previousToken) await deps.sessions.revokeToken(previousToken);
      const { token } = await deps.sessions.create(user, meta.userAgent);
      return { user, token };
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
    async createExternalAccount(input: {
      inviteCode: string;
      email: string;
      displayName: string;
      via: string;
      /** The zone the athlete confirmed on the signup form; absent: UTC. */
      timeZone?: string;
    }): Promise<UserRow> {
      return deps.db.transaction((tx) =>
        deps.invites.admitWithInvite(tx, input.inviteCode, async () => {
          const row = await authRepo.insertUser(tx, {
            email: input.email,
            passwordHash: `!${input.via}-only`,
            displayName: input.displayName,
            ...(input.timeZone ? { timeZone: input.timeZone, timeZoneConfirmedAt: deps.clock.now() } : {}),
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
      const user = await authRepo.findUserById(deps.db, userId);
      if (!user) throw new Error('user vanished');
      if (user.blockedAt) throw new AppError(ErrorCode.ACCOUNT_BLOCKED, BLOCKED_MESSAGE);
      const { token } = await deps.sessions.create(user, userAgent);
      return { token };
    },

    permissionsOf: (userId: string) => authRepo.listPermissions(deps.db, userId),

    /** A user as operators see them (never the password hash). */
    async userById(id: string): Promise<UserRow | null> {
      const found = await authRepo.findUserById(deps.db, id);
      if (!found) return null;
      const { passwordHash: _hash, ...user } = found;
      return user;
    },

    /**
     * The user's IANA zone (dating files that carry no local time, re-imported days), UTC once the user is
     * gone: the one place the zone-else-UTC rule is written.
     */
    timeZoneOf: async (userId: string): Promise<string> => (await authRepo.findUserById(deps.db, userId))?.timeZone ?? 'UTC',
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
