import { and, eq, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/executor';
import { oauthStates, providerConnections, users } from '../../db/schema';

// A provider link: the athlete's sealed tokens (one connection per user and provider) and the OAuth nonces spent linking it.

/** Strava's and the live doors' rows alike: a reconnect replaces the tokens of the athlete's one row per provider. */
export async function upsert(
  db: Executor,
  input: {
    userId: string;
    provider: (typeof providerConnections.provider.enumValues)[number];
    externalAthleteId: string;
    accessTokenEnc: string;
    refreshTokenEnc: string;
    expiresAt: Date;
    tokenLifetimeS: number;
    scopes: string;
  },
) {
  const [row] = await db
    .insert(providerConnections)
    .values(input)
    .onConflictDoUpdate({
      target: [providerConnections.userId, providerConnections.provider],
      set: {
        externalAthleteId: input.externalAthleteId,
        accessTokenEnc: input.accessTokenEnc,
        refreshTokenEnc: input.refreshTokenEnc,
        expiresAt: input.expiresAt,
        tokenLifetimeS: input.tokenLifetimeS,
        // A reconnect is the athlete's answer to a refused refresh token.
        reconnectNeededAt: null,
        scopes: input.scopes,
        // Read fresh at the reconnect: a permission ping from before it is older news (ADR 087).
        scopesChangedAt: sql`now()`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: providerConnections.id });
  if (!row) throw new Error('connection upsert returned nothing');
  return row;
}

export async function findByUser(db: Executor, userId: string, provider: 'strava', forUpdate = false) {
  const q = db
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.userId, userId), eq(providerConnections.provider, provider)));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}

export async function findByExternal(db: Executor, provider: 'strava', externalAthleteId: string) {
  const [row] = await db
    .select()
    .from(providerConnections)
    .where(and(eq(providerConnections.provider, provider), eq(providerConnections.externalAthleteId, externalAthleteId)));
  return row ?? null;
}

/** Access token, refresh token and expiry in one statement: a rotated refresh token is stored with the access token it came with. */
export async function updateTokens(
  db: Executor,
  id: string,
  t: { accessTokenEnc: string; refreshTokenEnc: string; expiresAt: Date; tokenLifetimeS: number },
) {
  await db
    .update(providerConnections)
    .set({ ...t, updatedAt: sql`now()` })
    .where(eq(providerConnections.id, id));
}

export async function markReconnectNeeded(db: Executor, id: string, at: Date) {
  await db.update(providerConnections).set({ reconnectNeededAt: at, updatedAt: sql`now()` }).where(eq(providerConnections.id, id));
}

export async function remove(db: Executor, userId: string, provider: 'strava') {
  await db.delete(providerConnections).where(and(eq(providerConnections.userId, userId), eq(providerConnections.provider, provider)));
}

/** How many athletes are connected to the provider (what its limit on connected athletes counts). */
export async function countConnected(db: Executor, provider: 'strava'): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(providerConnections)
    .where(eq(providerConnections.provider, provider));
  return row?.n ?? 0;
}

export type ConnectionRow = NonNullable<Awaited<ReturnType<typeof findByUser>>>;

/** Records an OAuth state nonce as used; false when it already was (a replay). */
/** Whether the account is the read-only demo one: a state minted for it never becomes a connection. */
export async function isDemoAccount(db: Executor, userId: string): Promise<boolean> {
  const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.role === 'demo';
}

export async function consumeNonce(db: Executor, nonce: string): Promise<boolean> {
  const rows = await db.insert(oauthStates).values({ nonce }).onConflictDoNothing().returning({ nonce: oauthStates.nonce });
  return rows.length > 0;
}

// ---- Key rotation (ADR 040): sealed values read "v<key version>.…", so the version is the text before the first dot.

const accessVersion = sql<string>`split_part(${providerConnections.accessTokenEnc}, '.', 1)`;
const refreshVersion = sql<string>`split_part(${providerConnections.refreshTokenEnc}, '.', 1)`;

/** Connections with a token not sealed with `newest` ("v2"), after `afterId` in id order: one bounded batch. */
export async function sealedWithOlderKey(db: Executor, newest: string, afterId: string | null, limit: number) {
  return db
    .select({
      id: providerConnections.id,
      accessTokenEnc: providerConnections.accessTokenEnc,
      refreshTokenEnc: providerConnections.refreshTokenEnc,
    })
    .from(providerConnections)
    .where(
      and(
        afterId ? sql`${providerConnections.id} > ${afterId}` : undefined,
        or(sql`${accessVersion} <> ${newest}`, and(sql`${providerConnections.refreshTokenEnc} <> ''`, sql`${refreshVersion} <> ${newest}`)),
      ),
    )
    .orderBy(providerConnections.id)
    .limit(limit);
}

/**
 * Writes the resealed pair only if the row still holds what was read: a token refresh in between already sealed
 * with the newest key, and its tokens must not be overwritten with the older ones. False when it lost that race.
 */
export async function replaceSealed(
  db: Executor,
  id: string,
  read: { accessTokenEnc: string; refreshTokenEnc: string },
  next: { accessTokenEnc: string; refreshTokenEnc: string },
): Promise<boolean> {
  const rows = await db
    .update(providerConnections)
    .set(next)
    .where(
      and(
        eq(providerConnections.id, id),
        eq(providerConnections.accessTokenEnc, read.accessTokenEnc),
        eq(providerConnections.refreshTokenEnc, read.refreshTokenEnc),
      ),
    )
    .returning({ id: providerConnections.id });
  return rows.length === 1;
}

/** Stored provider tokens (access and refresh alike) per key version, e.g. { v2: 14, v1: 3 }. */
export async function tokensByKeyVersion(db: Executor): Promise<Record<string, number>> {
  const rows = await db.execute<{ version: string; n: number }>(sql`
    select version, count(*)::int as n from (
      select split_part(access_token_enc, '.', 1) as version from provider_connections
      union all
      select split_part(refresh_token_enc, '.', 1) from provider_connections where refresh_token_enc <> ''
    ) t group by version`);
  return Object.fromEntries(rows.rows.map((r) => [r.version, Number(r.n)]));
}
