// What the re-import service and its restore job run on (its own module: the job and the service both need it).
import type { Db } from '../../../db/client';
import type { Clock } from '../../../lib/clock';
import type { Logger } from '../../../lib/logger';
import type { ActivitiesService } from '../../activities';
import type { AuditService } from '../../audit';
import type { ImportsService } from '../../ingest';
import type { Hasher } from '../export/zip-writer';

export interface ReimportDeps {
  db: Db;
  bucket: R2Bucket;
  queue: Queue<unknown>;
  clock: Clock;
  logger: Logger;
  audit: AuditService;
  hasher: () => Hasher;
  activities: Pick<ActivitiesService, 'ingestMany'>;
  imports: Pick<ImportsService, 'restore' | 'process'>;
  timeZoneOf: (userId: string) => Promise<string>;
  /** Runs the rebuild the restored activities asked for (analytics' settle), so the estimates rest on all of them. */
  settle: (userId: string) => Promise<unknown>;
}
