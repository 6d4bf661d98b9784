import { DurableObject } from 'cloudflare:workers';
import { createDb, type DbHandle } from '../../../db/client';
import { createLogger } from '../../../lib/logger';
import { createLedgerService, type LedgerResult, type ReleaseRequest, type UseRequest } from './ledger.service';

interface LedgerEnv {
  DATABASE_URL: string;
  DB_WS_PROXY?: string;
  LOG_LEVEL?: string;
}

type Job = { kind: 'use'; request: UseRequest; settle: Settle } | { kind: 'release'; request: ReleaseRequest; settle: Settle };
interface Settle {
  resolve: (r: LedgerResult) => void;
  reject: (err: unknown) => void;
}

/** Uses waiting together go to the database in one statement, up to this many. */
const MAX_BATCH = 50;

/**
 * One instance per client: every session deduction and release for that client passes through here —
 * calendar completions from any number of tabs, the cron auto-complete, the "Use 1 session" button — and
 * runs strictly in arrival order, one batch at a time. Uses that queued up while the previous batch was
 * at the database go in one statement (one round trip, one commit); each caller still gets its own answer.
 */
export class ClientLedger extends DurableObject<LedgerEnv> {
  private queue: Job[] = [];
  private draining = false;
  /** Kept for the object's life: a connection per call cost ~10 ms, ten times the deduction itself. */
  private handle: DbHandle | null = null;

  use(request: UseRequest): Promise<LedgerResult> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'use', request, settle: { resolve, reject } }));
  }

  release(request: ReleaseRequest): Promise<LedgerResult> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'release', request, settle: { resolve, reject } }));
  }

  private enqueue(job: Job): void {
    this.queue.push(job);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const head = this.queue[0]!;
        if (head.kind === 'release') {
          this.queue.shift();
          await this.run([head], async (ledger) => [await ledger.release(head.request)]);
          continue;
        }
        // The leading run of uses (never past a release: order is kept).
        let n = 0;
        while (n < this.queue.length && n < MAX_BATCH && this.queue[n]!.kind === 'use') n++;
        const batch = this.queue.splice(0, n) as Extract<Job, { kind: 'use' }>[];
        await this.run(batch, (ledger) => ledger.useMany(batch.map((j) => j.request)));
      }
    } finally {
      this.draining = false;
    }
  }

  private async run(jobs: Job[], fn: (ledger: ReturnType<typeof createLedgerService>) => Promise<LedgerResult[]>): Promise<void> {
    this.handle ??= createDb(this.env, createLogger((this.env.LOG_LEVEL as 'info') ?? 'info', { do: 'ClientLedger' }));
    const handle = this.handle;
    try {
      const results = await fn(createLedgerService(handle.db));
      jobs.forEach((j, i) => {
        j.settle.resolve(results[i]!);
      });
    } catch (err) {
      // A broken connection is not reused; the callers' retries (or the next batch) open a fresh one.
      this.handle = null;
      await handle.close();
      for (const j of jobs) j.settle.reject(err);
    }
  }
}
