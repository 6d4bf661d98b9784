import type { Db } from '../../../db/client';
import { DEMO_READ_ONLY_MESSAGE } from '../../../http/demo.middleware';
import type { Clock } from '../../../lib/clock';
import { AppError, ErrorCode, ErrorReason } from '../../../lib/errors';
import { randomToken } from '../../../lib/crypto';
import type { Logger } from '../../../lib/logger';
import type { SecretBox } from '../../../lib/secret-box';
import { signToken, verifyToken } from '../../../lib/signed-token';
import { type StravaClient, type StravaTokens, StravaAthleteLimitError } from '../../../providers/strava/strava';
import type { ActivitiesService } from '../../activities';
import type { AuditService } from '../../audit';
import type { Notifier } from '../../notifications';
import * as connectionsRepo from '../connections.repo';
import * as ingestRepo from '../ingest.repo';
import type { IngestionService } from '../ingestion.service';
import { athleteCapacity } from './athlete-limit';
import { createStravaDisconnect } from './strava.disconnect';
import { createStravaTokens } from './strava.tokens';

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
      // A state minted for the read-only demo account never becomes a connection (the guard refuses its session).
      if (await connectionsRepo.isDemoAccount(deps.db, claims.u)) throw new AppError(ErrorCode.DEMO_READ_ONLY, DEMO_READ_ONLY_MESSAGE);
      return attach(claims.u, await exchange(code), granted, claims.n as string);
    },

    ...createStravaDisconnect({ ...deps, tokens }),

    ...tokens,

    findByAthlete: (externalAthleteId: string) => connectionsRepo.findByExternal(deps.db, 'strava', externalAthleteId),
    findByUser: (userId: string) => connectionsRepo.findByUser(deps.db, userId, 'strava'),
  };
}

export type StravaConnections = ReturnType<typeof createStravaConnections>;
