import type { Db } from '../../../db/client';
import { DEMO_READ_ONLY_MESSAGE } from '../../../http/demo.middleware';
import { refuseWhileImpersonating } from '../../../http/guards';
import type { Clock } from '../../../lib/clock';
import { randomToken } from '../../../lib/crypto';
import { AppError, ErrorCode } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import type { SecretBox } from '../../../lib/secret-box';
import { signToken, tokenKeyVersion, verifyToken } from '../../../lib/signed-token';
import {
  type FileProviderClient,
  type FileProviderName,
  type FileProviderTokens,
  ProviderUnauthorizedError,
} from '../../../providers/file-provider/file-provider';
import type { ActivitiesService } from '../../activities';
import type { Actor, AuditService } from '../../audit';
import * as connectionsRepo from '../connections.repo';
import * as ingestRepo from '../ingest.repo';
import type { IngestionService } from '../ingestion.service';
import * as doorWellnessRepo from './door-wellness.repo';
import * as doorsRepo from './doors.repo';
import type { DoorConnection } from './doors.repo';
import { pkceChallenge, pkceVerifier } from './file-doors.pkce';
import { disconnectRemovesActivities } from './file-doors.policy';
import { type Door, DOORS, doorOf } from './file-doors.registry';
import { deleteDoorFiles } from './file-doors.stash';
import { DoorReconnectNeeded, type DoorTokenUpkeep, lifetimeS } from './file-doors.tokens';
import { doorWaiting } from './file-doors.waiting';

const STATE_TTL_MS = 10 * 60_000;

export interface DoorCallbackQuery {
  code?: string;
  state?: string;
  error?: string;
}

/** Asks the provider for the recent history it allows; `run` (the OAuth nonce) makes a reconnect ask again. */
export const backfillJob = (door: Door, userId: string, connectionId: string, run: string) => ({
  userId,
  kind: `${door.provider}.backfill`,
  payload: { connectionId, run },
  dedupeKey: `${door.provider}:backfill:${connectionId}:${run}`,
});

interface Deps {
  db: Db;
  clock: Clock;
  box: SecretBox;
  clients: Partial<Record<FileProviderName, FileProviderClient>>;
  tokens: DoorTokenUpkeep;
  bucket: R2Bucket;
  stateSecret: string;
  appOrigin: string;
  audit: AuditService;
  activities: ActivitiesService;
  ingestion: IngestionService;
  logger: Logger;
}

export function createDoorConnections(deps: Deps) {
  const callbackUrl = (provider: FileProviderName) => new URL(`/api/v1/connections/${provider}/callback`, deps.appOrigin).toString();
  const fail = (message: string) => new AppError(ErrorCode.BAD_REQUEST, message);

  /** The door and its configured client; a door this deploy does not offer is a 404. */
  function offered(provider: string): { door: Door; client: FileProviderClient } {
    const door = doorOf(provider);
    const client = door && deps.clients[door.provider];
    if (!door || !client) throw new AppError(ErrorCode.NOT_FOUND, 'This data source is not offered here.');
    return { door, client };
  }

  /** Stores the connection (sealed tokens) and queues the backfill, or parks it while the brake is on. */
  async function attach(door: Door, client: FileProviderClient, userId: string, tokens: FileProviderTokens, run: string) {
    if (door.requiredScope && !tokens.scopes.split(/[\s,]+/).includes(door.requiredScope))
      throw fail(`Cadence needs permission to read your activities. Connect again and leave “Activities” ticked on ${door.label}.`);
    const taken = await doorsRepo.findByExternal(deps.db, door.provider, tokens.externalUserId);
    if (taken && taken.userId !== userId)
      throw new AppError(ErrorCode.CONFLICT, `This ${door.label} account is already connected to another Cadence account.`);
    const reconnect = !!(await doorsRepo.findByUser(deps.db, userId, door.provider));
    await client.register?.(tokens);
    const expiresAt = tokens.expiresAt ?? doorsRepo.NO_EXPIRY;
    const { id: connectionId } = await doorsRepo.upsert(deps.db, {
      userId,
      provider: door.provider,
      externalUserId: tokens.externalUserId,
      accessTokenEnc: await deps.box.seal(tokens.accessToken),
      refreshTokenEnc: tokens.refreshToken ? await deps.box.seal(tokens.refreshToken) : '',
      expiresAt,
      tokenLifetimeS: lifetimeS(expiresAt, deps.clock.now()),
      scopes: tokens.scopes,
    });
    const paused = await deps.ingestion.isPaused();
    // A reconnect keeps its counts: what arrived before stays counted.
    const fresh = reconnect ? {} : { doneCount: 0, totalEstimate: null, startedAt: deps.clock.now() };
    await ingestRepo.upsertState(deps.db, userId, door.provider, {
      status: paused ? 'paused' : 'queued',
      lastError: null,
      resumeAt: null,
      ...fresh,
    });
    await deps.ingestion.schedule([backfillJob(door, userId, connectionId, run)]);
    // Jobs that waited for the athlete (refused tokens, sharing turned off) go ahead with the new consent.
    await deps.ingestion.releaseParked(userId, `${door.provider}.`);
    await deps.audit.record({
      actor: { id: userId, role: 'athlete' },
      action: 'connection.created',
      target: { type: 'provider_connection', id: connectionId },
      payload: { provider: door.provider },
    });
    return { userId, paused };
  }

  /** Ends the connection here: at the source first when asked (best effort), then tokens, jobs, state, and what the policy says goes (activities, their files). */
  async function remove(c: DoorConnection, door: Door, atSource: boolean): Promise<{ removedActivities: number; deregistered: boolean }> {
    let deregistered = false;
    const client = deps.clients[door.provider];
    if (atSource && client && !c.reconnectNeededAt) {
      try {
        await client.deregister(await deps.tokens.current(c, client, door.label));
        deregistered = true;
      } catch (err) {
        // The athlete's wish to leave wins over a provider that is down: we forget the tokens either way.
        deps.logger.warn('deregistration at the source failed', {
          provider: door.provider,
          errorName: err instanceof Error ? err.name : 'unknown',
        });
      }
    }
    await doorsRepo.remove(deps.db, c.id);
    await ingestRepo.deleteJobs(deps.db, c.userId, `${door.provider}.`);
    await ingestRepo.deleteState(deps.db, c.userId, door.provider);
    // Wellness from the door was consented to for this connection: a new one asks again (ADR 072).
    await ingestRepo.deleteState(deps.db, c.userId, `${door.provider}_wellness`);
    await doorWellnessRepo.setEnabled(deps.db, c.userId, door.provider, null);
    // The files go only with the activities they brought (a source kept while connected); Garmin's stay the athlete's.
    const removes = disconnectRemovesActivities(await deps.activities.policy(), door.source);
    if (removes) await deleteDoorFiles(deps.bucket, c.userId, door.provider);
    const removedActivities = removes ? await deps.activities.removeSource(c.userId, door.source) : 0;
    return { removedActivities, deregistered };
  }

  /** Whether the provider still knows the athlete; a token it refuses (or one we already know is dead) says no. */
  async function confirmedRegistered(c: DoorConnection, client: FileProviderClient, door: Door): Promise<boolean> {
    try {
      return await client.stillRegistered!(await deps.tokens.current(c, client, door.label));
    } catch (err) {
      if (err instanceof ProviderUnauthorizedError || err instanceof DoorReconnectNeeded) return false;
      throw err;
    }
  }

  return {
    offered,

    /** The consent URL, with a signed, expiring, single-use state bound to this athlete and provider, and a PKCE challenge. */
    async authorizeUrl(userId: string, provider: string): Promise<string> {
      const { door, client } = offered(provider);
      const nonce = randomToken(16);
      const state = await signToken(
        { n: nonce, u: userId, p: door.provider, exp: deps.clock.now().getTime() + STATE_TTL_MS },
        deps.stateSecret,
      );
      const codeChallenge = await pkceChallenge(await pkceVerifier(deps.stateSecret, nonce));
      return client.authorizeUrl({ redirectUri: callbackUrl(door.provider), state, codeChallenge });
    },

    /** The OAuth callback: state (signature, expiry, provider, viewer, single use), code exchange with the PKCE verifier, then attach. */
    async complete(
      provider: string,
      q: DoorCallbackQuery,
      viewerId: string | null,
    ): Promise<{ userId: string; paused: boolean; label: string }> {
      const { door, client } = offered(provider);
      const again = `Start again from Data sources.`;
      const claims = q.state ? await verifyToken(q.state, deps.stateSecret) : null;
      if (
        !claims ||
        typeof claims.n !== 'string' ||
        typeof claims.exp !== 'number' ||
        typeof claims.u !== 'string' ||
        claims.p !== door.provider
      )
        throw fail(`This ${door.label} link is not valid. ${again}`);
      if (claims.exp < deps.clock.now().getTime()) throw fail(`This ${door.label} link has expired. ${again}`);
      if (viewerId && viewerId !== claims.u) throw fail(`This ${door.label} link belongs to another session. ${again}`);
      // The guard refuses a demo session the route; this refuses a state minted for the demo account, cookie or not.
      if (await connectionsRepo.isDemoAccount(deps.db, claims.u)) throw new AppError(ErrorCode.DEMO_READ_ONLY, DEMO_READ_ONLY_MESSAGE);
      if (!(await connectionsRepo.consumeNonce(deps.db, claims.n))) throw fail(`This ${door.label} link was already used. ${again}`);
      if (q.error) throw fail(`${door.label} access was not granted, so nothing was connected.`);
      if (!q.code) throw fail(`${door.label} did not send an authorization code. ${again}`);
      let tokens: FileProviderTokens;
      try {
        tokens = await client.exchangeCode({
          code: q.code,
          redirectUri: callbackUrl(door.provider),
          codeVerifier: await pkceVerifier(deps.stateSecret, claims.n, tokenKeyVersion(q.state!) ?? 1),
        });
      } catch (err) {
        if (!(err instanceof ProviderUnauthorizedError)) throw err;
        throw fail(`${door.label} did not accept the sign-in. ${again}`);
      }
      return { ...(await attach(door, client, claims.u, tokens, claims.n)), label: door.label };
    },

    /** The athlete's disconnect: ends the registration at the source, then everything of the door here. */
    async disconnect(actor: Actor, provider: string) {
      const door = doorOf(provider);
      if (!door) throw new AppError(ErrorCode.NOT_FOUND, 'This data source is not offered here.');
      refuseWhileImpersonating(actor, `disconnect ${door.label}`);
      const c = await doorsRepo.findByUser(deps.db, actor.id, door.provider);
      if (!c) throw new AppError(ErrorCode.NOT_FOUND, `${door.label} is not connected.`);
      const out = await remove(c, door, true);
      await deps.audit.record({
        actor,
        action: 'connection.deleted',
        target: { type: 'provider_connection', id: c.id },
        payload: { provider: door.provider, removedActivities: out.removedActivities, deregistered: out.deregistered },
      });
      return out;
    },

    /**
     * The athlete left on the provider's side (its deregistration notification). Where notifications are not
     * signed (Garmin: its client id is public, anyone can send one), the provider is asked first with the
     * athlete's token; a notice it does not confirm is ignored. Then nothing is called: the token is dead.
     */
    async deregisteredAtSource(provider: FileProviderName, externalUserId: string): Promise<'ended' | 'unknown' | 'unconfirmed'> {
      const door = DOORS[provider];
      const c = door ? await doorsRepo.findByExternal(deps.db, provider, externalUserId) : null;
      if (!door || !c) return 'unknown';
      const client = deps.clients[provider];
      // A door that does not sign its notices and cannot be asked never takes a deregistration on its word (ADR 095).
      const unconfirmable = !!client && !client.signsNotifications && !client.stillRegistered;
      if (unconfirmable || (client?.stillRegistered && (await confirmedRegistered(c, client, door)))) {
        deps.logger.warn('deregistration notice not confirmed by the provider', {
          counter: `${provider}.deregistration.unconfirmed`,
          count: 1,
        });
        return 'unconfirmed';
      }
      const out = await remove(c, door, false);
      await deps.audit.record({
        actor: { id: c.userId, role: 'athlete' },
        action: 'connection.deauthorized',
        target: { type: 'provider_connection', id: c.id },
        payload: { provider, removedActivities: out.removedActivities },
      });
      return 'ended';
    },

    /** Every door this deploy offers, and the athlete's connection to each. */
    async status(userId: string) {
      const [conns, states, policy] = await Promise.all([
        doorsRepo.listForUser(deps.db, userId),
        ingestRepo.getStates(deps.db, userId),
        deps.activities.policy(),
      ]);
      const now = deps.clock.now();
      return Object.values(DOORS)
        .filter((d) => !!deps.clients[d.provider])
        .map((d) => {
          const c = conns.find((x) => x.provider === d.provider);
          return {
            provider: d.provider,
            label: d.label,
            title: d.trademark ? `${d.label}™` : d.label,
            onConnect: d.onConnect,
            backfillDays: d.backfillDays,
            source: d.source,
            uses: { aiCoach: policy.allows(d.source, 'ai'), shownToOthers: policy.allows(d.source, 'coach') },
            keepsActivitiesOnDisconnect: !disconnectRemovesActivities(policy, d.source),
            attribution: d.attribution,
            connected: !!c,
            externalUserId: c?.externalUserId ?? null,
            connectedAt: c?.createdAt.toISOString() ?? null,
            reconnectNeeded: !!c?.reconnectNeededAt,
            // The athlete may untick activities at the provider after connecting.
            sharesActivities: c ? !d.requiredScope || c.scopes.split(/[\s,]+/).includes(d.requiredScope) : null,
            waiting: c
              ? doorWaiting(
                  states.find((s) => s.source === d.provider),
                  c.createdAt,
                  now,
                )
              : null,
          };
        });
    },

    findByExternal: (provider: FileProviderName, externalUserId: string) => doorsRepo.findByExternal(deps.db, provider, externalUserId),
    findByUser: (userId: string, provider: FileProviderName) => doorsRepo.findByUser(deps.db, userId, provider),
    updateScopes: (id: string, scopes: string, changedAt: Date | null) => doorsRepo.updateScopes(deps.db, id, scopes, changedAt),
  };
}

export type DoorConnections = ReturnType<typeof createDoorConnections>;
