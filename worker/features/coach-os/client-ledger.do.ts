import { DurableObject } from 'cloudflare:workers';
import { createDb } from '../../db/client';
import { createLogger } from '../../lib/logger';
import { createLedgerService, type LedgerResult, type ReleaseRequest, type UseRequest } from './ledger.service';

interface LedgerEnv {
  DATABASE_URL: string;
  DB_WS_PROXY?: string;
  LOG_LEVEL?: string;
}

/**
 * One instance per client: every session deduction and release for that client passes through here —
 * calendar completions from any number of tabs, the cron auto-complete, the "Use 1 session" button — and
 * runs strictly one after another (a promise chain: a Durable Object alone would interleave at awaits).
 */
export class ClientLedger extends DurableObject<LedgerEnv> {
  private tail: Promise<unknown> = Promise.resolve();

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async withLedger<T>(fn: (ledger: ReturnType<typeof createLedgerService>) => Promise<T>): Promise<T> {
    const handle = createDb(this.env, createLogger((this.env.LOG_LEVEL as 'info') ?? 'info', { do: 'ClientLedger' }));
    try {
      return await fn(createLedgerService(handle.db));
    } finally {
      await handle.close();
    }
  }

  use(r: UseRequest): Promise<LedgerResult> {
    return this.serial(() => this.withLedger((l) => l.use(r)));
  }

  release(r: ReleaseRequest): Promise<LedgerResult> {
    return this.serial(() => this.withLedger((l) => l.release(r)));
  }
}
