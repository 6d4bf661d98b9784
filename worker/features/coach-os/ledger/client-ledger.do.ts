import { DurableObject } from 'cloudflare:workers';
import { createDb, type DbHandle } from '../../../db/client';
import { createLogger } from '../../../lib/logger';
import { createLedgerQueue } from './ledger-queue';
import { createLedgerService, type LedgerResult, type ReleaseRequest, type UseRequest } from './ledger.service';

interface LedgerEnv {
  DATABASE_URL: string;
  DB_WS_PROXY?: string;
  LOG_LEVEL?: string;
}

/** Uses waiting together go to the database in one statement, up to this many. */
const MAX_BATCH = 50;
/** Under load, the next batch waits at most this long for the callers the last one answered (ADR 085). */
const GATHER_MS = 5;

/**
 * One instance per client: every session deduction and release for that client passes through here —
 * calendar completions from any number of tabs, the cron auto-complete, the "Use 1 session" button — and
 * runs strictly in arrival order, one batch at a time. Uses that queued up while the previous batch was
 * at the database go in one statement (one round trip, one commit); each caller still gets its own answer.
 */
export class ClientLedger extends DurableObject<LedgerEnv> {
  /** Kept for the object's life: a connection per call cost ~10 ms, ten times the deduction itself. */
  private handle: DbHandle | null = null;
  private readonly queue = createLedgerQueue<UseRequest, ReleaseRequest, LedgerResult>({
    useMany: (requests) => this.withLedger((ledger) => ledger.useMany(requests)),
    release: (request) => this.withLedger((ledger) => ledger.release(request)),
    maxBatch: MAX_BATCH,
    gatherMs: GATHER_MS,
  });

  use(request: UseRequest): Promise<LedgerResult> {
    return this.queue.use(request);
  }

  release(request: ReleaseRequest): Promise<LedgerResult> {
    return this.queue.release(request);
  }

  private async withLedger<T>(fn: (ledger: ReturnType<typeof createLedgerService>) => Promise<T>): Promise<T> {
    this.handle ??= createDb(this.env, createLogger((this.env.LOG_LEVEL as 'info') ?? 'info', { do: 'ClientLedger' }));
    const handle = this.handle;
    try {
      return await fn(createLedgerService(handle.db));
    } catch (err) {
      // A broken connection is not reused; the callers' retries (or the next batch) open a fresh one.
      this.handle = null;
      await handle.close();
      throw err;
    }
  }
}
