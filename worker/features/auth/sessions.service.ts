import type { SQL } from 'drizzle-orm';
import type { Executor, StatementExecutor } from '../../db/executor';
import type { Clock } from '../../lib/clock';
import { randomToken, sha256Hex } from '../../lib/crypto';
import type { UserRow } from './auth.repo';
import * as sessionsRepo from './sessions.repo';
import { SESSION_TTL_SECONDS } from './session-cookie';

// Sliding renewal writes at most once an hour per session, not once per request.
const TOUCH_EVERY_MS = 3600_000;

export interface AuthenticatedSession {
  user: UserRow;
  sessionId: string;
  /** The operator acting as this user, when the session is an impersonation (null otherwise). */
  impersonatorId: string | null;
  /** Set when the session was rotated during this lookup; the caller must send it as the new cookie. */
  rotatedToken?: string;
}

export interface SessionSummary {
  id: string;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

/**
 * A value another part of the unit of work reads next, fetched by the session lookup's own statement: `column` is
 * an expression of the session's user id, `take` gets its value (null when there is none) before the lookup returns.
 */
export interface SessionRider {
  column(userId: SQL): SQL<unknown>;
  take(value: unknown): void;
}

/**
 * `lookupDb`: where every request's session lookup runs (the HTTP driver in the worker: one round trip and
 * no connection set-up, so a request that needs nothing else from the database opens none). `riders`: values
 * the request reads next (the data policy's mode on every one; a route's own read where it asked, ADR 093),
 * fetched by the same statement — those known when the lookup runs.
 */
export function createSessionsService(deps: {
  db: Executor;
  clock: Clock;
  lookupDb?: StatementExecutor;
  riders?: () => readonly SessionRider[];
}) {
  const lookupDb = deps.lookupDb ?? deps.db;
  const expiry = (now: Date) => new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);

  const create = async (
    user: { id: string; authVersion: number },
    userAgent: string | null,
    db: Executor | StatementExecutor = deps.db,
    impersonatorId: string | null = null,
  ) => {
    const token = randomToken(32);
    const { id } = await sessionsRepo.insertSession(db, {
      tokenHash: await sha256Hex(token),
      userId: user.id,
      authVersion: user.authVersion,
      userAgent: userAgent ? userAgent.slice(0, 200) : null,
      expiresAt: expiry(deps.clock.now()),
      impersonatorId,
    });
    return { token, sessionId: id };
  };

  return {
    /** Mints a fresh random session id (login, signup, rotation). */
    create,

    async authenticate(token: string, userAgent: string | null): Promise<AuthenticatedSession | null> {
      const now = deps.clock.now();
      const riders = deps.riders?.() ?? [];
      const found = await sessionsRepo.findLiveSession(
        lookupDb,
        await sha256Hex(token),
        now,
        riders.map((r) => r.column),
      );
      if (!found) return null;
      for (const [i, r] of riders.entries()) r.take(found.riders[i] ?? null);
      const { session, user } = found;
      // A blocked account is signed out everywhere: its sessions are gone, and a straggler counts as none.
      if (user.blockedAt) {
        await sessionsRepo.deleteSessionById(lookupDb, session.id);
        return null;
      }
      if (session.authVersion !== user.authVersion) {
        // Privileges changed since this session was minted: replace its id before honouring it.
        await sessionsRepo.deleteSessionById(lookupDb, session.id);
        // An impersonation stays one across the rotation (its high-risk refusals must not be shed).
        const fresh = await create(user, userAgent ?? session.userAgent, deps.lookupDb ?? deps.db, session.impersonatorId);
        return { user, sessionId: fresh.sessionId, impersonatorId: session.impersonatorId, rotatedToken: fresh.token };
      }
      if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await sessionsRepo.touchSession(lookupDb, session.id, now, expiry(now));
      }
      return { user, sessionId: session.id, impersonatorId: session.impersonatorId };
    },

    async revokeToken(token: string): Promise<void> {
      await sessionsRepo.deleteSessionByHash(deps.db, await sha256Hex(token));
    },

    revokeAll: (userId: string, exceptSessionId?: string) => sessionsRepo.deleteUserSessions(deps.db, userId, exceptSessionId),

    /** False when the session is not the user's (another tenant's id looks exactly like a missing one). */
    revokeOne: (userId: string, sessionId: string) => sessionsRepo.deleteUserSession(deps.db, userId, sessionId),

    async list(userId: string, currentSessionId: string): Promise<SessionSummary[]> {
      const rows = await sessionsRepo.listUserSessions(deps.db, userId, deps.clock.now());
      return rows.map((r) => ({
        id: r.id,
        userAgent: r.userAgent,
        createdAt: r.createdAt.toISOString(),
        lastSeenAt: r.lastSeenAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
        current: r.id === currentSessionId,
      }));
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
