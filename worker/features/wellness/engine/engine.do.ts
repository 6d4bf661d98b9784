import { DurableObject } from 'cloudflare:workers';
import { createDb, type DbHandle } from '../../../db/client';
import { parseEnv } from '../../../env';
import { systemClock } from '../../../lib/clock';
import { workersJsonCache } from '../../../lib/json-cache';
import { createLogger, type Logger } from '../../../lib/logger';
import { loadPolicyRef } from '../../activities';
import { type Athlete, createAnalyticsService } from '../../analytics';
import { memoryStore, type MemoryStore } from './engine-store';
import { createEngineService, type EngineService } from './engine.service';
import type { WellnessFindings, WellnessQuestion } from './findings.schema';

/**
 * One instance per athlete (ADR 070): the athlete's engine state decoded in memory, and every change and read of it
 * in arrival order. A check-in's `changed` is queued and answered at once (the request does not wait for the
 * engine); a findings read queued after it sees it. Postgres keeps the durable copy, written behind.
 */
export class WellnessEngine extends DurableObject<Record<string, unknown>> {
  /** Kept for the object's life, as ClientLedger's: a connection per call costs more than a patch. */
  private handle: DbHandle | null = null;
  private logger: Logger | null = null;
  private store: MemoryStore | null = null;
  private tail: Promise<unknown> = Promise.resolve();

  /** Queues the days' patch and returns: the caller waits for the hand-over only. */
  async changed(userId: string, days: readonly string[]): Promise<void> {
    this.ctx.waitUntil(this.queued((engine) => engine.changed(userId, days)));
  }

  findings(a: Athlete): Promise<WellnessFindings> {
    return this.queued((engine) => engine.findings(a));
  }

  question(a: Athlete, key: string): Promise<WellnessQuestion | null> {
    return this.queued((engine) => engine.questionOrNull(a, key));
  }

  /** Resolves once every call queued before it is done and its state written to Postgres (tests, the bench). */
  settled(): Promise<void> {
    return this.queued(async () => {}).then(() => this.store?.flush());
  }

  /** One call at a time, in order; after each, the durable copy is written without holding up the answer. */
  private queued<T>(fn: (engine: EngineService) => Promise<T>): Promise<T> {
    const run = this.tail.then(() => fn(this.engine()));
    this.tail = run.then(
      () => {
        this.ctx.waitUntil(this.store!.flush());
      },
      () => this.reset(),
    );
    return run;
  }

  private engine(): EngineService {
    const env = parseEnv(this.env);
    this.logger ??= createLogger(env.LOG_LEVEL, { do: 'WellnessEngine' });
    this.handle ??= createDb(env, this.logger);
    const db = this.handle.db;
    this.store ??= memoryStore(() => this.handle?.db ?? db, this.logger);
    // The data policy is read per call, as a request reads it.
    const analytics = createAnalyticsService({
      db,
      clock: systemClock,
      cache: workersJsonCache(env.APP_ORIGIN),
      policy: loadPolicyRef(() => db),
    });
    return createEngineService({
      db,
      clock: systemClock,
      logger: this.logger,
      store: this.store,
      training: (a, from, to) => analytics.engineFacts(a, from, to, 'analytics'),
      settling: analytics.settling,
    });
  }

  /** A failed call: the connection is not reused and memory is rebuilt from Postgres on the next call. */
  private async reset(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    this.store = null;
    await handle?.close().catch(() => {});
  }
}
