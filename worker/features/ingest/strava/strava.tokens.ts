import type { Db } from '../../../db/client';
import type { Executor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { SecretBox } from '../../../lib/secret-box';
import { type StravaClient, StravaUnauthorizedError } from '../../../providers/strava/strava';
import * as connectionsRepo from '../connections.repo';
import type { ConnectionRow } from '../connections.repo';

// The athlete's Strava access token, opened from the sealed connection row. It is refreshed a margin before the
// expiry Strava stated, so no read is spent on a 401, and once after Strava refuses it. Every refresh runs under
// the connection's row lock: jobs that need one at the same time share it, and the rotated refresh token is
// stored with its access token in one statement. A refresh token Strava refuses marks the connection as
// needing a reconnect, and nothing calls Strava for that athlete until they do.

/**
 * How long before its expiry a token is refreshed: a tenth of the life it was issued with, at most 5 minutes
 * (Strava's 6-hour tokens: 5 minutes; the sandbox's time-scaled ones: in proportion). Strava hands back the
 * same token while it has more than an hour — a sixth of its life — left, so a refresh this late always gets a new one.
 */
export const refreshMarginMs = (lifetimeS: number) => Math.min(5 * 60_000, lifetimeS * 100);

const isDue = (conn: ConnectionRow, now: Date) => conn.expiresAt.getTime() - refreshMarginMs(conn.tokenLifetimeS) <= now.getTime();

/** Strava refused our refresh token (or the token a refresh gave us): only the athlete reconnecting helps. */
export class StravaReconnectNeeded extends Error {
  override name = 'StravaReconnectNeeded';
  constructor() {
    super('Strava no longer accepts Cadence’s access to your activities (it was revoked on Strava, or it lapsed).');
  }
}

export function createStravaTokens(deps: { db: Db; clock: Clock; strava: StravaClient; box: SecretBox }) {
  /** Runs `fn` under the connection's row lock; null from it (the connection needs a reconnect) is thrown after the commit. */
  async function locked(userId: string, fn: (tx: Executor, conn: ConnectionRow) => Promise<string | null>): Promise<string> {
    const token = await deps.db.transaction(async (tx) => {
      const conn = await connectionsRepo.findByUser(tx, userId, 'strava', true);
      if (!conn) throw new AppError(ErrorCode.NOT_FOUND, 'Strava is not connected.');
      return conn.reconnectNeededAt ? null : fn(tx, conn);
    });
    if (token === null) throw new StravaReconnectNeeded();
    return token;
  }

  /** One refresh with the stored refresh token; a refusal marks the connection (null). Other failures roll back and retry. */
  async function refresh(tx: Executor, conn: ConnectionRow): Promise<string | null> {
    try {
      const fresh = await deps.strava.refresh(await deps.box.open(conn.refreshTokenEnc));
      await connectionsRepo.updateTokens(tx, conn.id, {
        accessTokenEnc: await deps.box.seal(fresh.accessToken),
        refreshTokenEnc: await deps.box.seal(fresh.refreshToken),
        expiresAt: fresh.expiresAt,
        tokenLifetimeS: fresh.lifetimeS,
      });
      return fresh.accessToken;
    } catch (err) {
      if (!(err instanceof StravaUnauthorizedError)) throw err;
      await connectionsRepo.markReconnectNeeded(tx, conn.id, deps.clock.now());
      return null;
    }
  }

  return {
    /** A token to read with, refreshed first when it is due; StravaReconnectNeeded when the athlete must reconnect. */
    async accessToken(userId: string, known?: ConnectionRow | null): Promise<string> {
      // Callers that just read the connection pass it in: one read per job, not two.
      const cached = known ?? (await connectionsRepo.findByUser(deps.db, userId, 'strava'));
      if (!cached) throw new AppError(ErrorCode.NOT_FOUND, 'Strava is not connected.');
      if (cached.reconnectNeededAt) throw new StravaReconnectNeeded();
      if (!isDue(cached, deps.clock.now())) return deps.box.open(cached.accessTokenEnc);
      // Whoever takes the lock first refreshes; the others find the new token when they get it.
      return locked(userId, async (tx, conn) => (isDue(conn, deps.clock.now()) ? refresh(tx, conn) : deps.box.open(conn.accessTokenEnc)));
    },

    /**
     * Strava refused a token before its stated expiry: the token to retry with once. Another job may already
     * have replaced it (then that one); otherwise one refresh, since a refresh token rotates and a second
     * refresh with the old one would fail.
     */
    afterRejection(userId: string, rejectedToken: string): Promise<string> {
      return locked(userId, async (tx, conn) => {
        const current = await deps.box.open(conn.accessTokenEnc);
        return current === rejectedToken ? refresh(tx, conn) : current;
      });
    },

    /**
     * The retry was refused too: the connection needs a reconnect (StravaReconnectNeeded), unless the
     * athlete reconnected meanwhile and the connection holds another token, which is returned.
     */
    rejectedAgain(userId: string, rejectedToken: string): Promise<string> {
      return locked(userId, async (tx, conn) => {
        const current = await deps.box.open(conn.accessTokenEnc);
        if (current !== rejectedToken) return current;
        await connectionsRepo.markReconnectNeeded(tx, conn.id, deps.clock.now());
        return null;
      });
    },
  };
}

export type StravaTokenUpkeep = ReturnType<typeof createStravaTokens>;
