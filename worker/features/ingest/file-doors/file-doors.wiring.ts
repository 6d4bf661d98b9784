// The live doors for worker/wiring/: connections (OAuth with PKCE, token upkeep, disconnect), jobs and webhooks,
// built once per request, batch or tick over the configured provider clients.
import type { Db } from '../../../db/client';
import type { Env } from '../../../env';
import type { Clock } from '../../../lib/clock';
import type { Logger } from '../../../lib/logger';
import { createSecretBox } from '../../../lib/secret-box';
import type { FileProviderClient, FileProviderName } from '../../../providers/file-provider/file-provider';
import type { ActivitiesService } from '../../activities';
import type { AuditService } from '../../audit';
import type { IngestionService } from '../ingestion.service';
import { createDoorConnections } from './file-doors.connection';
import { createDoorJobs } from './file-doors.jobs';
import { createDoorTokens } from './file-doors.tokens';
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
  return {
    connections,
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
    }),
    webhooks: createDoorWebhooks({ db, logger, clients, connections, ingestion: deps.ingestion, queue: env.WEBHOOKS_QUEUE }),
  };
}

export type FileDoors = ReturnType<typeof createFileDoors>;
