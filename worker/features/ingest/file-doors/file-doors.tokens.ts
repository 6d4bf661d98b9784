import type { Db } from '../../../db/client';
import type { Executor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import type { SecretBox } from '../../../lib/secret-box';
import {
  type FileProviderClient,
  type FileProviderTokens,
  ProviderUnauthorizedError,
} from '../../../providers/file-provider/file-provider';
import * as doorsRepo from './doors.repo';
import type { DoorConnection } from './doors.repo';

// A door's access token, opened from the sealed connection row: refreshed a margin before the expiry the provider
// stated (Garmin: a day), and once after the provider refuses it, always under the connection's row lock so jobs
// that need a refresh at the same time share one (Garmin rotates refresh tokens: a second refresh with the old one
// fails). A refused refresh marks the connection as needing the athlete, as Strava's does (ADR 028).

export type DoorTokens = Pick<FileProviderTokens, 'accessToken' | 'externalUserId'>;

/** The provider refused our tokens for good: nothing is fetched until the athlete connects again. */
export class DoorReconnectNeeded extends Error {
  override name = 'DoorReconnectNeeded';
  constructor(label: string) {
    super(
      `${label} no longer accepts Cadence’s access to your activities (it was withdrawn there, or it lapsed). Connect again on Data sources.`,
    );
  }
}

const hasExpiry = (c: DoorConnection) => c.expiresAt.getTime() < doorsRepo.NO_EXPIRY.getTime();
/** A tenth of the token's life, at most 5 minutes: Garmin's day-long tokens are refreshed 5 minutes early. */
const marginMs = (lifetimeS: number) => Math.min(5 * 60_000, lifetimeS * 100);
const isDue = (c: DoorConnection, now: Date) => hasExpiry(c) && c.expiresAt.getTime() - marginMs(c.tokenLifetimeS) <= now.getTime();

export function createDoorTokens(deps: { db: Db; clock: Clock; box: SecretBox }) {
  const open = async (c: DoorConnection): Promise<DoorTokens> => ({
    accessToken: await deps.box.open(c.accessTokenEnc),
    externalUserId: c.externalUserId,
  });

  async function locked(
    userId: string,
    client: FileProviderClient,
    label: string,
    fn: (tx: Executor, c: DoorConnection) => Promise<DoorTokens | null>,
  ) {
    const tokens = await deps.db.transaction(async (tx) => {
      const c = await doorsRepo.findByUser(tx, userId, client.name, true);
      return c && !c.reconnectNeededAt ? fn(tx, c) : null;
    });
    if (!tokens) throw new DoorReconnectNeeded(label);
    return tokens;
  }

  /** One refresh with the stored refresh token; a refusal (or none to refresh with) marks the connection. */
  async function refresh(tx: Executor, c: DoorConnection, client: FileProviderClient): Promise<DoorTokens | null> {
    try {
      if (!client.refresh || !c.refreshTokenEnc) throw new ProviderUnauthorizedError('nothing to refresh with');
      const fresh = await client.refresh(await deps.box.open(c.refreshTokenEnc));
      const expiresAt = fresh.expiresAt ?? doorsRepo.NO_EXPIRY;
      await doorsRepo.updateTokens(tx, c.id, {
        accessTokenEnc: await deps.box.seal(fresh.accessToken),
        // A provider that does not rotate keeps the refresh token it gave first.
        refreshTokenEnc: fresh.refreshToken ? await deps.box.seal(fresh.refreshToken) : c.refreshTokenEnc,
        expiresAt,
        tokenLifetimeS: lifetimeS(expiresAt, deps.clock.now()),
      });
      return { accessToken: fresh.accessToken, externalUserId: c.externalUserId };
    } catch (err) {
      if (!(err instanceof ProviderUnauthorizedError)) throw err;
      await doorsRepo.markReconnectNeeded(tx, c.id, deps.clock.now());
      return null;
    }
  }

  return {
    open,

    /** Tokens to call with, refreshed first when due; DoorReconnectNeeded when only the athlete can help. */
    async current(c: DoorConnection, client: FileProviderClient, label: string): Promise<DoorTokens> {
      if (c.reconnectNeededAt) throw new DoorReconnectNeeded(label);
      if (!isDue(c, deps.clock.now())) return open(c);
      return locked(c.userId, client, label, async (tx, fresh) =>
        isDue(fresh, deps.clock.now()) ? refresh(tx, fresh, client) : open(fresh),
      );
    },

    /** The provider refused `rejected` before its stated expiry: the token another job already got, or one refresh. */
    afterRejection(c: DoorConnection, client: FileProviderClient, label: string, rejected: string): Promise<DoorTokens> {
      return locked(c.userId, client, label, async (tx, fresh) => {
        const now = await open(fresh);
        return now.accessToken === rejected ? refresh(tx, fresh, client) : now;
      });
    },

    /** Refused again after a refresh: the connection needs the athlete. */
    async rejectedAgain(c: DoorConnection, label: string): Promise<never> {
      await doorsRepo.markReconnectNeeded(deps.db, c.id, deps.clock.now());
      throw new DoorReconnectNeeded(label);
    },
  };
}

export type DoorTokenUpkeep = ReturnType<typeof createDoorTokens>;

/** Seconds a token has left when issued (a refresh margin is a tenth of it); a year for tokens without expiry. */
export const lifetimeS = (expiresAt: Date, now: Date) =>
  expiresAt.getTime() >= doorsRepo.NO_EXPIRY.getTime()
    ? 365 * 86_400
    : Math.max(60, Math.round((expiresAt.getTime() - now.getTime()) / 1000));
