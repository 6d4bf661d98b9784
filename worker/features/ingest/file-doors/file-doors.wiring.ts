// The live doors for worker/wiring/: connections (OAuth with PKCE, token upkeep, disconnect), jobs and webhooks,
// built once per request, batch or tick over the configured provider clients.
import type { Db } from '../../../db/client';
import type { Env } from '../../../env';
import type { Clock } from '../../../lib/clock';
import type { Logger } from '../../../lib/logger';
import { createSecretBox } from '../../../lib/secret-box';
import { type FileProviderClient, type FileProviderName, ProviderUnauthorizedError } from '../../../providers/file-provider/file-provider';
import type { ActivitiesService } from '../../activities';
import type { AuditService } from '../../audit';
import type { WellnessService } from '../../wellness';
import { createGarminHealth } from '../garmin-health/garmin-health.service';
import type { IngestionService } from '../ingestion.service';
import { createDoorWellness } from './door-wellness';
import { createDoorCatchUp } from './file-doors.catchup';
import { createDoorConnections } from './file-doors.connection';
import { createDoorJobs } from './file-doors.jobs';
import { doorOf } from './file-doors.registry';
import { createDoorTokens, DoorReconnectNeeded } from './file-doors.tokens';
import { createDoorWebhooks } from './file-doors.webhook';

export function createFileDoors(
  env: Env,
  deps: {
    db: Db;
    clock: Clock;
    logger: Logger;
    clients: Partial<Record<FileProviderName, FileProviderClient>>;
    audit: AuditService;
    activities: ActivitiesService;
    ingestion: IngestionService;
    timeZoneOf: (userId: string) => Promise<string>;
    /** Pushed (Garmin's Health API, ADR 071) and polled (Polar's nights, ADR 072) wellness is stored through it. */
    wellness: WellnessService;
  },
) {
  const { db, clock, logger, clients } = deps;
  const box = createSecretBox(env.TOKEN_ENCRYPTION_KEY);
  const tokens = createDoorTokens({ db, clock, box });
  const connections = createDoorConnections({
    db,
    clock,
    box,
    clients,
    tokens,
    bucket: env.UPLOADS,
    stateSecret: env.OAUTH_STATE_SECRET,
    appOrigin: env.APP_ORIGIN,
    audit: deps.audit,
    activities: deps.activities,
    ingestion: deps.ingestion,
    logger,
  });
  /**
   * Runs `fn` with the athlete's access token for a door (refreshed when due; refreshed once more after a refusal),
   * for work another feature does on the same connection (Garmin's Training API, ADR 057).
   */
  async function withToken<T>(userId: string, provider: FileProviderName, fn: (accessToken: string) => Promise<T>): Promise<T> {
    const client = clients[provider];
    const door = doorOf(provider);
    const c = await connections.findByUser(userId, provider);
    if (!client || !door || !c || c.reconnectNeededAt) throw new DoorReconnectNeeded(door?.label ?? provider);
    let t = await tokens.current(c, client, door.label);
    try {
      return await fn(t.accessToken);
    } catch (err) {
      if (!(err instanceof ProviderUnauthorizedError)) throw err;
      t = await tokens.afterRejection(c, client, door.label, t.accessToken);
    }
    try {
      return await fn(t.accessToken);
    } catch (err) {
      if (err instanceof ProviderUnauthorizedError) await tokens.rejectedAgain(c, door.label);
      throw err;
    }
  }

  const health = createGarminHealth({ db, clock, logger, wellness: deps.wellness, ingestion: deps.ingestion });
  const wellness = createDoorWellness({
    db,
    clock,
    clients,
    findConnection: connections.findByUser,
    ingestion: deps.ingestion,
    wellness: deps.wellness,
  });

  return {
    connections,
    withToken,
    /** Wellness from Garmin's Health API: the athlete's consent, the backfill on consent, pushed summaries (ADR 071). */
    health,
    wellness,
    /** The hourly catch-up listing for doors whose notifications may be missed (Polar; ADR 091). */
    catchUp: createDoorCatchUp({ db, clients, ingestion: deps.ingestion, everyHours: env.DOOR_CATCHUP_HOURS }),
    jobs: createDoorJobs({
      db,
      clock,
      logger,
      clients,
      connections,
      tokens,
      bucket: env.UPLOADS,
      activities: deps.activities,
      ingestion: deps.ingestion,
      timeZoneOf: deps.timeZoneOf,
      wellness,
    }),
    webhooks: createDoorWebhooks({ db, logger, clients, connections, ingestion: deps.ingestion, health, withToken }),
  };
}

export type FileDoors = ReturnType<typeof createFileDoors>;
