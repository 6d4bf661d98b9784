import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/executor';
import { providerConnections } from '../../../db/schema';
import * as connectionsRepo from '../connections.repo';
import type { FileProviderName } from '../../../providers/file-provider/file-provider';

// The live doors' connections: the same provider_connections rows as Strava's (one per athlete and provider),
// sealed tokens included. A provider without refresh tokens or expiry (Polar) is stored with an empty refresh
// token and a far expiry, which read back as none.

/** Stored for "the provider stated no expiry". */
export const NO_EXPIRY = new Date('9999-12-31T00:00:00Z');
const DOOR_PROVIDERS: FileProviderName[] = ['garmin', 'polar'];

const columns = {
  id: providerConnections.id,
  userId: providerConnections.userId,
  provider: providerConnections.provider,
  externalUserId: providerConnections.externalAthleteId,
  accessTokenEnc: providerConnections.accessTokenEnc,
  refreshTokenEnc: providerConnections.refreshTokenEnc,
  expiresAt: providerConnections.expiresAt,
  tokenLifetimeS: providerConnections.tokenLifetimeS,
  reconnectNeededAt: providerConnections.reconnectNeededAt,
  scopes: providerConnections.scopes,
  wellnessConsentAt: providerConnections.wellnessConsentAt,
  createdAt: providerConnections.createdAt,
};

export interface DoorConnection {
  id: string;
  userId: string;
  provider: FileProviderName;
  externalUserId: string;
  accessTokenEnc: string;
  /** Empty when the provider issues no refresh token. */
  refreshTokenEnc: string;
  expiresAt: Date;
  tokenLifetimeS: number;
  reconnectNeededAt: Date | null;
  scopes: string;
  /** The athlete's consent to store wellness from this door's health summaries (ADR 071). */
  wellnessConsentAt: Date | null;
  createdAt: Date;
}

// The provider column holds Strava's rows too; these queries only ever read doors' rows.
const row = (r: object | undefined) => (r ?? null) as DoorConnection | null;

export async function upsert(
  db: Executor,
  input: {
    userId: string;
    provider: FileProviderName;
    externalUserId: string;
    accessTokenEnc: string;
    refreshTokenEnc: string;
    expiresAt: Date;
    tokenLifetimeS: number;
    scopes: string;
  },
): Promise<{ id: string }> {
  const { externalUserId, ...rest } = input;
  return connectionsRepo.upsert(db, { ...rest, externalAthleteId: externalUserId });
}

export async function findByUser(
  db: Executor,
  userId: string,
  provider: FileProviderName,
  forUpdate = false,
): Promise<DoorConnection | null> {
  const q = db
    .select(columns)
    .from(providerConnections)
    .where(and(eq(providerConnections.userId, userId), eq(providerConnections.provider, provider)));
  const [r] = forUpdate ? await q.for('update') : await q;
  return row(r);
}

export async function findByExternal(db: Executor, provider: FileProviderName, externalUserId: string): Promise<DoorConnection | null> {
  const [r] = await db
    .select(columns)
    .from(providerConnections)
    .where(and(eq(providerConnections.provider, provider), eq(providerConnections.externalAthleteId, externalUserId)));
  return row(r);
}

/** Every live-door connection of the athlete (Data sources). */
export async function listForUser(db: Executor, userId: string): Promise<DoorConnection[]> {
  const rows = await db
    .select(columns)
    .from(providerConnections)
    .where(and(eq(providerConnections.userId, userId), inArray(providerConnections.provider, DOOR_PROVIDERS)));
  return rows as DoorConnection[];
}

export async function updateTokens(
  db: Executor,
  id: string,
  t: { accessTokenEnc: string; refreshTokenEnc: string; expiresAt: Date; tokenLifetimeS: number },
): Promise<void> {
  await db
    .update(providerConnections)
    .set({ ...t, updatedAt: sql`now()` })
    .where(eq(providerConnections.id, id));
}

/**
 * The permissions a ping says, unless a newer change was applied already or the connection (which read them
 * fresh) came after it: pings arrive late and out of order. Whether they were applied.
 */
export async function updateScopes(db: Executor, id: string, scopes: string, changedAt: Date | null): Promise<boolean> {
  const newer = changedAt
    ? sql`${changedAt.toISOString()}::timestamptz >= coalesce(${providerConnections.scopesChangedAt}, ${providerConnections.createdAt} - interval '5 seconds')`
    : sql`true`;
  const rows = await db
    .update(providerConnections)
    .set({ scopes, scopesChangedAt: changedAt ?? sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(providerConnections.id, id), newer))
    .returning({ id: providerConnections.id });
  return rows.length > 0;
}

export async function markReconnectNeeded(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(providerConnections).set({ reconnectNeededAt: at, updatedAt: sql`now()` }).where(eq(providerConnections.id, id));
}

export async function remove(db: Executor, id: string): Promise<void> {
  await db.delete(providerConnections).where(eq(providerConnections.id, id));
}

/** A door's connections that work without the athlete (none waiting for a reconnect): the catch-up lists each. */
export async function live(db: Executor, provider: FileProviderName): Promise<{ id: string; userId: string }[]> {
  return db
    .select({ id: providerConnections.id, userId: providerConnections.userId })
    .from(providerConnections)
    .where(and(eq(providerConnections.provider, provider), isNull(providerConnections.reconnectNeededAt)));
}
