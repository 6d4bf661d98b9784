import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { SecretBox } from '../../../lib/secret-box';
import type { StravaClient } from '../../../providers/strava/strava';
import * as connectionsRepo from '../connections.repo';
import type { ConnectionRow } from '../connections.repo';

// The athlete's Strava access token, opened from the sealed connection row and refreshed before it expires
// or after Strava rejects it. Refresh tokens rotate, so every refresh runs under the connection's row lock.

export function createStravaTokens(deps: { db: Db; clock: Clock; strava: StravaClient; box: SecretBox }) {
  return {
    /** A valid access token, refreshed under a row lock so concurrent jobs never race a rotating refresh token. */
    async accessToken(userId: string, known?: ConnectionRow | null): Promise<string> {
      const soon = deps.clock.now().getTime() + 5 * 60_000;
      // Callers that just read the connection pass it in: one read per job, not two.
      const cached = known ?? (await connectionsRepo.findByUser(deps.db, userId, 'strava'));
      if (!cached) throw new AppError(ErrorCode.NOT_FOUND, 'Strava is not connected.');
      if (cached.expiresAt.getTime() > soon) return deps.box.open(cached.accessTokenEnc);
      return deps.db.transaction(async (tx) => {
        const conn = await connectionsRepo.findByUser(tx, userId, 'strava', true);
        if (!conn) throw new AppError(ErrorCode.NOT_FOUND, 'Strava is not connected.');
        if (conn.expiresAt.getTime() > soon) return deps.box.open(conn.accessTokenEnc);
        const fresh = await deps.strava.refresh(await deps.box.open(conn.refreshTokenEnc));
        await connectionsRepo.updateTokens(tx, conn.id, {
          accessTokenEnc: await deps.box.seal(fresh.accessToken),
          refreshTokenEnc: await deps.box.seal(fresh.refreshToken),
          expiresAt: fresh.expiresAt,
        });
        return fresh.accessToken;
      });
    },

    /**
     * After a 401 on a token we believed valid: refresh once, under the row lock. If another job
     * already replaced the token meanwhile, there is nothing to do (refresh tokens rotate, so a
     * second refresh with the old one would fail).
     */
    async refreshAfterRejection(userId: string, rejectedToken: string): Promise<void> {
      await deps.db.transaction(async (tx) => {
        const conn = await connectionsRepo.findByUser(tx, userId, 'strava', true);
        if (!conn || (await deps.box.open(conn.accessTokenEnc)) !== rejectedToken) return;
        const fresh = await deps.strava.refresh(await deps.box.open(conn.refreshTokenEnc));
        await connectionsRepo.updateTokens(tx, conn.id, {
          accessTokenEnc: await deps.box.seal(fresh.accessToken),
          refreshTokenEnc: await deps.box.seal(fresh.refreshToken),
          expiresAt: fresh.expiresAt,
        });
      });
    },
  };
}
