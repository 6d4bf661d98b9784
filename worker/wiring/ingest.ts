// Getting an athlete's activities in: the ingestion jobs, Strava, the live doors (Garmin, Polar), uploads, the
// stored tokens' key rings, and the one read of where each source stands. Built on first use, like everything in
// the wiring; what they store goes through the athlete layer's activities, analysis notices and wellness.
import {
  createFileDoors,
  createImportsService,
  createIngestionService,
  createStrava,
  createTokenKeys,
  readIngestionStatus,
} from '../features/ingest';
import { createSecretBox } from '../lib/secret-box';
import { AthleteWiring } from './athlete';
import type { Built } from './core';

export class IngestWiring extends AthleteWiring {
  get ingestion(): Built<typeof createIngestionService> {
    return this.keep(
      'ingestion',
      createIngestionService({
        db: this.db,
        queue: this.env.INGEST_QUEUE,
        webhooksQueue: this.env.WEBHOOKS_QUEUE,
        clock: this.clock,
        audit: this.audit,
        logger: this.logger,
        notices: this.analysisNotices,
        storeWaitMs: this.env.WEBHOOK_STORE_WAIT_MS,
      }),
    );
  }

  /** Strava: OAuth connections, the ProviderBudget, jobs and webhooks. */
  get strava(): Built<typeof createStrava> {
    return this.keep(
      'strava',
      createStrava(this.env, {
        db: this.db,
        clock: this.clock,
        strava: this.providers.strava,
        audit: this.audit,
        activities: this.activities,
        ingestion: this.ingestion,
        invites: this.invites,
        auth: this.auth,
        notifications: this.notify,
        logger: this.logger,
      }),
    );
  }

  /** Stored provider tokens by key version, and their re-encryption with the newest key (ADR 040). */
  get tokenKeys(): Built<typeof createTokenKeys> {
    return this.keep(
      'tokenKeys',
      createTokenKeys({ db: this.db, box: createSecretBox(this.env.TOKEN_ENCRYPTION_KEY), logger: this.logger }),
    );
  }

  /** The live doors for the athlete's own device files (Garmin Connect, …): connections, jobs, webhooks (ADR 038). */
  get fileDoors(): Built<typeof createFileDoors> {
    return this.keep(
      'fileDoors',
      createFileDoors(this.env, {
        db: this.db,
        clock: this.clock,
        logger: this.logger,
        clients: this.providers.files,
        audit: this.audit,
        activities: this.activities,
        ingestion: this.ingestion,
        timeZoneOf: this.auth.timeZoneOf,
        wellness: this.wellness,
      }),
    );
  }

  get imports(): Built<typeof createImportsService> {
    return this.keep(
      'imports',
      createImportsService({
        db: this.db,
        bucket: this.env.UPLOADS,
        queue: this.env.IMPORTS_QUEUE,
        activities: this.activities,
        audit: this.audit,
        logger: this.logger,
        notices: this.analysisNotices,
        wellness: this.wellness,
      }),
    );
  }

  readonly ingestionStatus = (userId: string): ReturnType<typeof readIngestionStatus> =>
    readIngestionStatus(
      { ingestion: this.ingestion, connections: this.strava.connections, doors: this.fileDoors.connections, activities: this.activities },
      userId,
    );
}
