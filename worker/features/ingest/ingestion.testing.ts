// The ingestion service on a test's own database and the test runtime's queues, with the system clock.
import { env } from 'cloudflare:test';
import type { Logger } from '../../lib/logger';
import type { Harness } from '../../testing/harness';
import { createAuditService } from '../audit';
import { parseEnv } from '../../env';
import { createIngestionService } from './ingestion.service';

/** A logger that says nothing (the tests read outcomes from rows, not lines). */
export const quietLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quietLogger };

export const ingestionForTest = (h: Harness, logger: Logger = quietLogger) =>
  createIngestionService({
    db: h.db,
    queue: env.INGEST_QUEUE,
    webhooksQueue: env.WEBHOOKS_QUEUE,
    clock: { now: () => new Date() },
    audit: createAuditService(h.db, null),
    logger,
    storeWaitMs: parseEnv(env).WEBHOOK_STORE_WAIT_MS,
  });
