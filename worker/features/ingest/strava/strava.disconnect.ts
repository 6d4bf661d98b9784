// Ending a Strava connection (ADR 039): the athlete's own disconnect, an operator's, or Strava telling us the
// athlete revoked access there. Revoked at the source when it is ours to revoke, then tokens, jobs and every
// Strava-API activity deleted, the outcome recorded and the athlete told what went and what stayed.
import type { Db } from '../../../db/client';
import { refuseWhileImpersonating } from '../../../http/guards';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import { type StravaClient, StravaUnauthorizedError } from '../../../providers/strava/strava';
import type { ActivitiesService } from '../../activities';
import type { Actor, AuditService } from '../../audit';
import type { Notifier } from '../../notifications';
import * as connectionsRepo from '../connections.repo';
import type { ConnectionRow } from '../connections.repo';
import * as disconnectsRepo from '../disconnects.repo';
import type { DisconnectReason } from '../disconnects.repo';
import * as ingestRepo from '../ingest.repo';
import { type StravaTokenUpkeep, StravaReconnectNeeded } from './strava.tokens';

/** What came of revoking our access at Strava. */
export type RevokeOutcome = 'revoked' | 'already_revoked' | 'failed';

/** What a disconnect took and left: Strava-API activities deleted, the athlete's own (files, archive, manual) kept. */
export interface DisconnectOutcome {
  removedActivities: number;
  keptActivities: number;
}

interface Deps {
  db: Db;
  strava: StravaClient;
  tokens: StravaTokenUpkeep;
  audit: AuditService;
  activities: ActivitiesService;
  notifications: Notifier;
  logger: Logger;
}

export function createStravaDisconnect(deps: Deps) {
  const { tokens } = deps;

  /**
   * Revokes our access at Strava, so the grant dies there too (and frees its place under the athlete limit). The
   * token is refreshed first when due (the last backfill may be hours old); one Strava refuses before its stated
   * expiry gets one refresh and one more try. A refresh Strava refuses means the grant is already dead. Other
   * failures are logged: the athlete's disconnect goes ahead here either way.
   */
  async function revokeAtStrava(userId: string, conn: ConnectionRow): Promise<RevokeOutcome> {
    try {
      const token = await tokens.accessToken(userId, conn);
      try {
        await deps.strava.deauthorize(token);
        return 'revoked';
      } catch (err) {
        if (!(err instanceof StravaUnauthorizedError)) throw err;
      }
      await deps.strava.deauthorize(await tokens.afterRejection(userId, token));
      return 'revoked';
    } catch (err) {
      if (err instanceof StravaReconnectNeeded || err instanceof StravaUnauthorizedError) return 'already_revoked';
      deps.logger.warn('strava revoke failed', {
        counter: 'strava.revoke_failed',
        userId,
        errorName: err instanceof Error ? err.name : 'unknown',
      });
      return 'failed';
    }
  }

  /**
   * Ends the connection: revoked at Strava unless Strava told us it already is, then the tokens, jobs and every
   * Strava-API activity deleted (what the athlete's files and archive hold stays, analytics recomputed with the
   * deletion), the outcome recorded for Data sources, and the athlete told what went and what stayed.
   */
  async function remove(
    userId: string,
    conn: ConnectionRow,
    reason: DisconnectReason,
  ): Promise<DisconnectOutcome & { revoked: RevokeOutcome | 'not_called' }> {
    const revoked = reason !== 'revoked_at_provider' ? await revokeAtStrava(userId, conn) : 'not_called';
    // The connection goes first: a job still running finds it gone and discards what it was writing (strava.jobs.ts).
    await connectionsRepo.remove(deps.db, userId, 'strava');
    await ingestRepo.deleteJobs(deps.db, userId, 'strava.');
    await ingestRepo.deleteState(deps.db, userId, 'strava');
    const removedActivities = await deps.activities.removeSource(userId, 'strava');
    const keptActivities = await deps.activities.count(userId);
    await disconnectsRepo.record(deps.db, { userId, provider: 'strava', reason, removedActivities, keptActivities });
    await deps.notifications.notify({
      userId,
      type: 'strava.disconnected',
      data: { reason, removed: removedActivities, kept: keptActivities },
      dedupeKey: `strava.disconnected:${conn.id}`,
    });
    return { removedActivities, keptActivities, revoked };
  }

  return {
    /**
     * Disconnect: the athlete's own (revoked at Strava first), or Strava telling us the athlete revoked access
     * there (`revokedAtStrava`: the token is already dead, nothing to call). Tokens, jobs and every Strava activity go.
     */
    async disconnect(actor: Actor, opts: { revokedAtStrava: boolean } = { revokedAtStrava: false }): Promise<DisconnectOutcome> {
      refuseWhileImpersonating(actor, 'disconnect Strava');
      const conn = await connectionsRepo.findByUser(deps.db, actor.id, 'strava');
      if (!conn) throw new AppError(ErrorCode.NOT_FOUND, 'Strava is not connected.');
      const { revoked: _revoked, ...outcome } = await remove(actor.id, conn, opts.revokedAtStrava ? 'revoked_at_provider' : 'athlete');
      await deps.audit.record({
        actor,
        action: opts.revokedAtStrava ? 'connection.deauthorized' : 'connection.deleted',
        target: { type: 'provider_connection', id: conn.id },
        payload: { provider: 'strava', ...outcome },
      });
      return outcome;
    },

    /**
     * An operator's disconnect: the athlete's own path (deauthorized at Strava, tokens, jobs and Strava
     * activities removed); the caller audits. A 409 when nothing is connected.
     */
    async disconnectFor(userId: string): Promise<{
      connectionId: string;
      scopes: string;
      connectedAt: string;
      removedActivities: number;
      keptActivities: number;
      /** What came of the call to Strava (an account deletion's receipt says it). */
      revoked: RevokeOutcome | 'not_called';
    }> {
      const conn = await connectionsRepo.findByUser(deps.db, userId, 'strava');
      if (!conn) throw new AppError(ErrorCode.CONFLICT, 'Strava is not connected for this athlete.');
      const outcome = await remove(userId, conn, 'operator');
      return { connectionId: conn.id, scopes: conn.scopes, connectedAt: conn.createdAt.toISOString(), ...outcome };
    },

    /** The athlete's last ended Strava connection (Data sources says what it took and kept), if any. */
    lastDisconnect: (userId: string) => disconnectsRepo.latest(deps.db, userId, 'strava'),
  };
}
