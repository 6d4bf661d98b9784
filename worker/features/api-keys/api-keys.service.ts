// Personal and team API keys (issue 59, ADR 105): created and revoked by their owner alone (audited), and the
// request-time check that turns a Bearer secret into the owner's viewer, limited by scope, tier and rate.
import type { KeyAuth, KeyRate, Viewer } from '../../context';
import type { Executor, StatementExecutor } from '../../db/executor';
import type { ApiScope } from '../../lib/access-vocabulary';
import type { Clock } from '../../lib/clock';
import { randomToken, sha256Hex } from '../../lib/crypto';
import { refuseWhileImpersonating } from '../../http/guards';
import { AppError, ErrorCode } from '../../lib/errors';
import type { Actor, AuditService } from '../audit';
import type { SessionRider } from '../auth';
import { requireFeatureIn, tierFactsColumn } from '../membership';
import * as repo from './api-keys.repo';
import type { KeyOwner, KeyRow } from './api-keys.repo';
import { KEY_PREFIX, normaliseScopes, SECRET_BYTES, scopesFor, VISIBLE_BYTES, windowOf } from './api-keys.calc';
import type { CreateKeyInput } from './api-keys.schema';

/** Live keys an owner may hold at once: enough for a few tools and a rotation, few enough to review. */
export const MAX_LIVE_KEYS = 10;

export type { KeyOwner };

/** A key as its owner sees it: the visible prefix, never the secret or its hash. */
export function presentKey(k: KeyRow, now: Date) {
  const state = k.revokedAt ? 'revoked' : k.expiresAt && k.expiresAt <= now ? 'expired' : 'active';
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scopes: k.scopes,
    state,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    expiresAt: k.expiresAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  } as const;
}

const unauthenticated = () =>
  new AppError(ErrorCode.UNAUTHENTICATED, 'This API key is not valid: it may be revoked or expired, or its account closed.');

export function createApiKeysService(deps: {
  db: Executor;
  lookupDb?: StatementExecutor;
  clock: Clock;
  audit: AuditService;
  /** What the request reads next (the data policy's mode), fetched by the key's statement as by the session lookup. */
  riders?: () => readonly SessionRider[];
}) {
  const lookupDb = deps.lookupDb ?? deps.db;
  const target = (k: { id: string }) => ({ type: 'api_key', id: k.id });
  const facts = (k: KeyRow, owner: KeyOwner) => ({
    prefix: k.prefix,
    scopes: k.scopes,
    ...(owner.kind === 'org' ? { orgId: owner.orgId } : {}),
  });

  return {
    list: async (actor: Actor, owner: KeyOwner) => {
      // The routes refuse an impersonation first; pages and any other caller meet the same refusal here.
      refuseWhileImpersonating(actor, 'see API keys');
      const now = deps.clock.now();
      return (await repo.listKeys(deps.db, owner)).map((k) => presentKey(k, now));
    },

    /** A new key: the secret comes back this once; only its SHA-256 is stored. */
    async create(actor: Actor, owner: KeyOwner, input: CreateKeyInput) {
      refuseWhileImpersonating(actor, 'create an API key');
      const now = deps.clock.now();
      const allowed = scopesFor(owner.kind);
      const wrong = input.scopes.filter((s) => !allowed.includes(s));
      if (wrong.length)
        throw new AppError(
          ErrorCode.VALIDATION,
          `scopes: ${wrong.join(', ')} cannot be given to ${owner.kind === 'org' ? 'a team' : 'a personal'} key.`,
        );
      if ((await repo.countLive(deps.db, owner, now)) >= MAX_LIVE_KEYS)
        throw new AppError(ErrorCode.CONFLICT, `You have ${MAX_LIVE_KEYS} live keys: revoke one you no longer use first.`);
      const visible = `${KEY_PREFIX}${randomToken(VISIBLE_BYTES)}`;
      const secret = `${visible}_${randomToken(SECRET_BYTES)}`;
      const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null;
      const row = await deps.db.transaction(async (tx) => {
        const k = await repo.insertKey(tx, {
          userId: actor.id,
          orgId: owner.kind === 'org' ? owner.orgId : null,
          name: input.name,
          prefix: visible,
          secretHash: await sha256Hex(secret),
          scopes: normaliseScopes(input.scopes as ApiScope[]),
          expiresAt,
        });
        await deps.audit.record(
          {
            actor,
            action: 'api_key.create',
            target: target(k),
            payload: { ...facts(k, owner), expiresAt: expiresAt?.toISOString() ?? null },
          },
          tx,
        );
        return k;
      });
      return { key: presentKey(row, now), secret };
    },

    /** Revoked at once: the next request with it answers 401. 404 when it is not the owner's (or already revoked). */
    async revoke(actor: Actor, owner: KeyOwner, id: string) {
      refuseWhileImpersonating(actor, 'revoke an API key');
      const now = deps.clock.now();
      const row = await deps.db.transaction(async (tx) => {
        const k = await repo.revokeKey(tx, owner, id, now);
        if (k) await deps.audit.record({ actor, action: 'api_key.revoke', target: target(k), payload: facts(k, owner) }, tx);
        return k;
      });
      if (!row) throw new AppError(ErrorCode.NOT_FOUND, 'No such live API key.');
      return presentKey(row, now);
    },

    /**
     * The request's key: 401 at once when it is unknown, revoked, expired, or its account blocked, deleted or no longer
     * the org's owner; 429 when its window is full; 403 ENTITLEMENT_REQUIRED when the owner's tier no longer has keys.
     * `onRate` gets the window either way, for the headers.
     */
    async authenticate(secret: string, onRate: (r: KeyRate) => void): Promise<KeyAuth> {
      const now = deps.clock.now();
      const hash = await sha256Hex(secret);
      const w = windowOf(now);
      const riders = deps.riders?.() ?? [];
      const taken = await repo.takeRequest(lookupDb, hash, now, w.start, {
        tier: (owner) => tierFactsColumn(owner, now),
        riders: riders.map((r) => r.column),
      });
      if (!taken) {
        const full = await repo.fullWindow(lookupDb, hash, now);
        if (!full) throw unauthenticated();
        onRate({ limit: full.limit, remaining: 0, resetAt: w.resetAt });
        throw new AppError(ErrorCode.RATE_LIMITED, `This API key made ${full.limit} requests this minute: wait for the next one.`, {
          retryAfterSeconds: w.resetSeconds,
        });
      }
      onRate({ limit: taken.limit, remaining: taken.limit - taken.count, resetAt: w.resetAt });
      // The owner's tier now, not when the key was made: a lapsed plan stops its keys until it is renewed. Read by the
      // same statement, checked by membership's own rules.
      if (taken.key.orgId) requireFeatureIn(taken.tierFacts, 'org', 'team_api_keys', now);
      else requireFeatureIn(taken.tierFacts, 'user', 'api_keys', now);
      for (const [i, r] of riders.entries()) r.take(taken.riders[i] ?? null);
      const viewer: Viewer = { user: taken.user, sessionId: taken.key.id, impersonatorId: null, apiKeyId: taken.key.id };
      return { id: taken.key.id, prefix: taken.key.prefix, scopes: taken.key.scopes, orgId: taken.key.orgId, viewer };
    },
  };
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>;
