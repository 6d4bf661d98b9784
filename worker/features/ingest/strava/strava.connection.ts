import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, ErrorReason } from '../../../lib/errors';
import { refuseWhileImpersonating } from '../../../http/guards';
import { randomToken } from '../../../lib/crypto';
import type { Logger } from '../../../lib/logger';
import type { SecretBox } from '../../../lib/secret-box';
import { signToken, verifyToken } from '../../../lib/signed-token';
import { type StravaClient, type StravaTokens, StravaAthleteLimitError, StravaUnauthorizedError } from '../../../providers/strava/strava';
import type { ActivitiesService } from '../../activities';
import type { Actor, AuditService } from '../../audit';
import type { Notifier } from '../../notifications';
import * as connectionsRepo from '../connections.repo';
import type { ConnectionRow } from '../connections.repo';
import * as disconnectsRepo from '../disconnects.repo';
import type { DisconnectReason } from '../disconnects.repo';
import * as ingestRepo from '../ingest.repo';
import type { IngestionService } from '../ingestion.service';
import { athleteCapacity } from './athlete-limit';
import { createStravaTokens, StravaReconnectNeeded } from './strava.tokens';

const STATE_TTL_MS = 10 * 60_000;
export const STRAVA_SCOPE = 'read,activity:read_all';
export const STRAVA_SOURCE = 'strava';

export interface CallbackQuery {
  code?: string;
  state?: string;
  scope?: string;
  error?: string;
  /** The signed-in viewer, checked against an athlete-bound state before its nonce is spent. */
  viewerCheck?: string | null;
}

/** One list page of one backfill run; `run` (the OAuth nonce) makes a reconnect list again. */
export const indexJob = (userId: string, connectionId: string, run: string, page: number) => ({
  userId,
  kind: 'strava.index',
  payload: { connectionId, run, page },
  dedupeKey: `strava:index:${connectionId}:${run}:${page}`,
});

/** Strava has no room for another athlete on our app: the connect flow shows the calm page, never an error. */
export const athleteLimitReached = () =>
  new AppError(ErrorCode.CONFLICT, 'Strava allows Cadence only a limited number of connected athletes, and that number is reached.', {
    reason: ErrorReason.STRAVA_ATHLETE_LIMIT,
  });

/** What a disconnect took and left: Strava-API activities deleted, the athlete's own (files, archive, manual) kept. */
export interface DisconnectOutcome {
  removedActivities: number;
  keptActivities: number;
}

interface Deps {
  db: Db;
  clock: Clock;
  strava: StravaClient;
  box: SecretBox;
  stateSecret: string;
  appOrigin: string;
  audit: AuditService;
  activities: ActivitiesService;
  ingestion: IngestionService;
  notifications: Notifier;
  logger: Logger;
  /** How many athletes our Strava app may have connected (STRAVA_ATHLETE_LIMIT); null: no limit of our own. */
  athleteLimit: number | null;
}

export function createStravaConnections(deps: Deps) {
  const callbackUrl = new URL('/api/v1/connections/strava/callback', deps.appOrigin).toString();
  const fail = (message: string) => new AppError(ErrorCode.BAD_REQUEST, message);

  /** Signature, expiry, single use (the nonce is recorded), consent and scope: the checks every callback needs. */
  async function verifyCallback(q: CallbackQuery) {
    const claims = q.state ? await verifyToken(q.state, deps.stateSecret) : null;
    if (!claims || typeof claims.n !== 'string' || typeof claims.exp !== 'number')
      throw fail('This Strava link is not valid. Start again from Settings.');
    if (claims.exp < deps.clock.now().getTime()) throw fail('This Strava link has expired. Start again from Settings.');
    if (typeof claims.u === 'string' && q.viewerCheck && q.viewerCheck !== claims.u)
      throw fail('This Strava link belongs to another session. Start again from Settings.');
    if (!(await connectionsRepo.consumeNonce(deps.db, claims.n)))
      throw fail('This Strava link was already used. Start again from Settings.');
    if (q.error) throw fail('Strava access was not granted, so nothing was connected.');
    if (!q.code) throw fail('Strava did not send an authorization code.');
    const granted = (q.scope ?? '').split(',');
    if (!granted.includes('activity:read_all') && !granted.includes('activity:read')) {
      throw fail('Cadence needs permission to read your activities. Connect again and keep "View data about your activities" ticked.');
    }
    return { claims, code: q.code, granted };
  }

  /** Stores the connection (encrypted tokens) and queues the backfill, or parks it while the brake is on. */
  async function attach(
    userId: string,
    tokens: StravaTokens,
    granted: string[],
    run: string,
  ): Promise<{ userId: string; paused: boolean }> {
    if (!tokens.athlete) throw fail('Strava did not say which athlete connected.');
    const taken = await connectionsRepo.findByExternal(deps.db, 'strava', String(tokens.athlete.id));
    if (taken && taken.userId !== userId)
      throw new AppError(ErrorCode.CONFLICT, 'This Strava account is already connected to another Cadence account.');
    const reconnect = !!(await connectionsRepo.findByUser(deps.db, userId, 'strava'));
    const { id: connectionId } = await connectionsRepo.upsert(deps.db, {
      userId,
      provider: 'strava',
      externalAthleteId: String(tokens.athlete.id),
      accessTokenEnc: await deps.box.seal(tokens.accessToken),
      refreshTokenEnc: await deps.box.seal(tokens.refreshToken),
      expiresAt: tokens.expiresAt,
      tokenLifetimeS: tokens.lifetimeS,
      scopes: granted.join(','),
    });
    const paused = await deps.ingestion.isPaused();
    // A reconnect keeps its progress: only what changed since will be fetched.
    const fresh = reconnect ? {} : { doneCount: 0, totalEstimate: null, startedAt: deps.clock.now() };
    await ingestRepo.upsertState(deps.db, userId, STRAVA_SOURCE, {
      status: paused ? 'paused' : 'queued',
      lastError: null,
      resumeAt: null,
      ...fresh,
    });
    await deps.ingestion.schedule([indexJob(userId, connectionId, run, 1)]);
    // Reads that waited for a reconnect (Strava had refused our tokens) go ahead with the new ones.
    await deps.ingestion.releaseParked(userId, 'strava.');
    await deps.audit.record({
      actor: { id: userId, role: 'athlete' },
      action: 'connection.created',
      target: { type: 'provider_connection', id: connectionId },
      payload: { provider: 'strava' },
    });
    return { userId, paused };
  }

  const tokens = createStravaTokens(deps);

  /**
   * Revokes our access at Strava, so the grant dies there too (and frees its place under the athlete limit). The
   * token is refreshed first when due (the last backfill may be hours old); one Strava refuses before its stated
   * expiry gets one refresh and one more try. A refresh Strava refuses means the grant is already dead. Other
   * failures are logged: the athlete's disconnect goes ahead here either way.
   */
  async function revokeAtStrava(userId: string, conn: ConnectionRow): Promise<void> {
    let token: string;
    try {
      token = await tokens.accessToken(userId, conn);
      try {
        return await deps.strava.deauthorize(token);
      } catch (err) {
        if (!(err instanceof StravaUnauthorizedError)) throw err;
      }
      return await deps.strava.deauthorize(await tokens.afterRejection(userId, token));
    } catch (err) {
      if (err instanceof StravaReconnectNeeded || err instanceof StravaUnauthorizedError) return;
      deps.logger.warn('strava revoke failed', {
        counter: 'strava.revoke_failed',
        userId,
        errorName: err instanceof Error ? err.name : 'unknown',
      });
    }
  }

  /**
   * Ends the connection: revoked at Strava unless Strava told us it already is, then the tokens, jobs and every
   * Strava-API activity deleted (what the athlete's files and archive hold stays, analytics recomputed with the
   * deletion), the outcome recorded for Data sources, and the athlete told what went and what stayed.
   */
  async function remove(userId: string, conn: ConnectionRow, reason: DisconnectReason): Promise<DisconnectOutcome> {
    if (reason !== 'revoked_at_provider') await revokeAtStrava(userId, conn);
    // The connection goes first: a job still running finds it gone and discards what it was writing (strava.jobs.ts).
    await connectionsRepo.remove(deps.db, userId, 'strava');
    await ingestRepo.deleteJobs(deps.db, userId, 'strava.');
    await ingestRepo.deleteState(deps.db, userId, STRAVA_SOURCE);
    const removedActivities = await deps.activities.removeSource(userId, 'strava');
    const keptActivities = await deps.activities.count(userId);
    await disconnectsRepo.record(deps.db, { userId, provider: 'strava', reason, removedActivities, keptActivities });
    await deps.notifications.notify({
      userId,
      type: 'strava.disconnected',
      data: { reason, removed: removedActivities, kept: keptActivities },
      dedupeKey: `strava.disconnected:${conn.id}`,
    });
    return { removedActivities, keptActivities };
  }

  /** Our own count against the configured limit: a new athlete is not sent to Strava's consent page to be refused there. */
  async function capacity() {
    return athleteCapacity(await connectionsRepo.countConnected(deps.db, 'strava'), deps.athleteLimit);
  }

  /** Refuses a new athlete (not one reconnecting) when the app is full, before Strava does it on a page of its own. */
  async function assertRoomFor(userId: string | null): Promise<void> {
    if (deps.athleteLimit === null) return;
    if (userId && (await connectionsRepo.findByUser(deps.db, userId, 'strava'))) return;
    if ((await capacity()).state === 'full') throw athleteLimitReached();
  }

  /** The code exchange, with Strava's "limit of connected athletes exceeded" turned into the calm answer. */
  async function exchange(code: string): Promise<StravaTokens> {
    try {
      return await deps.strava.exchangeCode(code);
    } catch (err) {
      if (err instanceof StravaAthleteLimitError) throw athleteLimitReached();
      throw err;
    }
  }

  return {
    verifyCallback,
    attach,
    exchange,
    assertRoomFor,
    capacity,

    /** The consent URL, with a signed, expiring, single-use state bound to this athlete; refused when Strava is full. */
    async authorizeUrl(userId: string): Promise<string> {
      await assertRoomFor(userId);
      const state = await signToken({ n: randomToken(16), u: userId, exp: deps.clock.now().getTime() + STATE_TTL_MS }, deps.stateSecret);
      return deps.strava.authorizeUrl({ redirectUri: callbackUrl, state, scope: STRAVA_SCOPE });
    },

    /** The OAuth callback for a signed-in athlete: verifies state, links the account, queues the backfill. */
    async complete(q: CallbackQuery, viewerId: string | null): Promise<{ userId: string; paused: boolean }> {
      const { claims, code, granted } = await verifyCallback({ ...q, viewerCheck: viewerId });
      if (typeof claims.u !== 'string') throw fail('This Strava link is not valid. Start again from Settings.');
      return attach(claims.u, await exchange(code), granted, claims.n as string);
    },

    /**
     * Disconnect: the athlete's own (revoked at Strava first), or Strava telling us the athlete revoked access
     * there (`revokedAtStrava`: the token is already dead, nothing to call). Tokens, jobs and every Strava activity go.
     */
    async disconnect(actor: Actor, opts: { revokedAtStrava: boolean } = { revokedAtStrava: false }): Promise<DisconnectOutcome> {
      refuseWhileImpersonating(actor, 'disconnect Strava');
      const conn = await connectionsRepo.findByUser(deps.db, actor.id, 'strava');
      if (!conn) throw new AppError(ErrorCode.NOT_FOUND, 'Strava is not connected.');
      const outcome = await remove(actor.id, conn, opts.revokedAtStrava ? 'revoked_at_provider' : 'athlete');
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
    async disconnectFor(
      userId: string,
    ): Promise<{ connectionId: string; scopes: string; connectedAt: string; removedActivities: number; keptActivities: number }> {
      const conn = await connectionsRepo.findByUser(deps.db, userId, 'strava');
      if (!conn) throw new AppError(ErrorCode.CONFLICT, 'Strava is not connected for this athlete.');
      const outcome = await remove(userId, conn, 'operator');
      return { connectionId: conn.id, scopes: conn.scopes, connectedAt: conn.createdAt.toISOString(), ...outcome };
    },

    /** The athlete's last ended Strava connection (Data sources says what it took and kept), if any. */
    lastDisconnect: (userId: string) => disconnectsRepo.latest(deps.db, userId, 'strava'),

    ...tokens,

    findByAthlete: (externalAthleteId: string) => connectionsRepo.findByExternal(deps.db, 'strava', externalAthleteId),
    findByUser: (userId: string) => connectionsRepo.findByUser(deps.db, userId, 'strava'),
  };
}

export type StravaConnections = ReturnType<typeof createStravaConnections>;
